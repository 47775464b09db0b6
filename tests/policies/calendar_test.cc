#include "policies/calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace sharetrail {
namespace {

Date D(std::string_view s) {
  Result<Date> d = ParseDate(s);
  EXPECT_TRUE(d.ok()) << s << ": " << d.status().ToString();
  return d.ok() ? *d : Date{};
}

// The 20-working-day FOIA s10(1) deadline for a request received on `receipt`.
std::string Foia20(std::string_view receipt) {
  Result<Date> due = UkCalendar().AddWorkingDays(D(receipt), 20);
  EXPECT_TRUE(due.ok()) << due.status().ToString();
  return due.ok() ? due->ToString() : due.status().ToString();
}

bool Working(std::string_view day) {
  Result<bool> w = UkCalendar().IsWorkingDay(D(day));
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() && *w;
}

// --- The data ---------------------------------------------------------------

std::string SourceFile() {
  const std::string path =
      std::string(SHARETRAIL_SOURCE_DIR) + "/policies/calendar/bank-holidays.json";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The embedded copy is what runs; the .json file is what people review. The
// build generates one from the other; this catches a stale build or a
// generator that mangles bytes.
TEST(UkCalendarData, EmbeddedCopyIsByteIdenticalToTheSourceFile) {
  const std::string path =
      std::string(SHARETRAIL_SOURCE_DIR) + "/policies/calendar/bank-holidays.json";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot open " << path;
  const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(file.empty());
  const std::string_view embedded = EmbeddedUkBankHolidays();
  if (embedded == file) return;
  // Report the first differing line, not two 10 kB strings.
  size_t at = 0;
  while (at < embedded.size() && at < file.size() && embedded[at] == file[at]) ++at;
  const auto line_at = [at](std::string_view s) {
    const size_t nl = at == 0 ? std::string_view::npos : s.rfind('\n', at - 1);
    const size_t from = nl == std::string_view::npos ? 0 : nl + 1;
    return std::string(s.substr(from, s.find('\n', from) - from));
  };
  ADD_FAILURE() << "the generated calendar_data.cc and " << path << " differ from line "
                << std::count(file.begin(), file.begin() + at, '\n') + 1
                << ":\n  embedded: " << line_at(embedded) << "\n  file:     " << line_at(file)
                << "\nRe-run cmake so that it regenerates calendar_data.cc.";
}

// Writing the calendar back gives the shipped file byte for byte: the file is
// in the canonical layout, and nothing (a title, a note, a bunting flag, a
// division's own spelling of a shared day) is lost on the way through.
TEST(UkCalendarData, ToGovukJsonReproducesTheShippedFile) {
  EXPECT_EQ(UkCalendar().ToGovukJson(), SourceFile());
}

TEST(UkCalendarData, EventCountsAndDigestIdentifyTheData) {
  // 15 years; England and Wales 8 a year, Scotland 9, Northern Ireland 10,
  // plus 2 one-offs in 2022 and 1 in 2023 for each (see the per-year test).
  EXPECT_EQ(UkCalendar().EventCount("england-and-wales"), 15 * 8 + 3);
  EXPECT_EQ(UkCalendar().EventCount("scotland"), 15 * 9 + 3);
  EXPECT_EQ(UkCalendar().EventCount("northern-ireland"), 15 * 10 + 3);
  EXPECT_EQ(UkCalendar().EventCount("wales"), 0);
  const std::string digest = UkCalendar().Digest();
  EXPECT_EQ(digest.size(), 64u);
  // Whitespace is not identity: a compacted copy has the same digest.
  std::string compact;
  bool in_string = false;
  for (char c : SourceFile()) {
    if (c == '"') in_string = !in_string;
    if (in_string || (c != ' ' && c != '\n')) compact += c;
  }
  Result<Calendar> again = Calendar::ParseGovukJson(compact);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->Digest(), digest);
  EXPECT_NE(again->ToGovukJson(), compact);
  EXPECT_EQ(again->ToGovukJson(), SourceFile());
}

TEST(UkCalendarData, CoversWholeYears2013To2027) {
  EXPECT_EQ(UkCalendar().first(), D("2013-01-01"));
  EXPECT_EQ(UkCalendar().last(), D("2027-12-31"));
}

// Good Friday is a non-working day by rule; the data lists it too. The two must
// agree, for every nation, in every covered year.
TEST(UkCalendarData, ComputedGoodFridayMatchesTheDataInEveryNation2013To2027) {
  for (int year = 2013; year <= 2027; ++year) {
    const Date gf = GoodFriday(year);
    for (const char* nation : {"ew", "sc", "ni"}) {
      EXPECT_TRUE(UkCalendar().IsBankHoliday(gf, nation)) << gf.ToString() << " " << nation;
    }
    EXPECT_EQ(UkCalendar().HolidayName(gf), "Good Friday") << gf.ToString();
    EXPECT_EQ(Weekday(gf), 5) << gf.ToString();
  }
}

// A dropped or doubled line shows up as a wrong count. Normal years: England
// and Wales 8; Scotland 9 (no Easter Monday; adds 2 January and St Andrew's
// Day); Northern Ireland 10 (adds St Patrick's Day and 12 July). 2022 adds the
// Platinum Jubilee and the State Funeral; 2023 adds the Coronation.
TEST(UkCalendarData, EachNationHasTheExpectedNumberOfHolidaysPerYear) {
  std::map<std::string, int> base = {{"ew", 8}, {"sc", 9}, {"ni", 10}};
  for (int year = 2013; year <= 2027; ++year) {
    const int extra = year == 2022 ? 2 : year == 2023 ? 1 : 0;
    for (const auto& [nation, count] : base) {
      int seen = 0;
      for (Date d{year, 1, 1}; d.year == year; d = AddDays(d, 1)) {
        seen += UkCalendar().IsBankHoliday(d, nation) ? 1 : 0;
      }
      EXPECT_EQ(seen, count + extra) << year << " " << nation;
    }
  }
}

TEST(UkCalendarData, OneOffDaysAreNonWorkingEverywhere) {
  for (const char* day : {"2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"}) {
    for (const char* nation : {"ew", "sc", "ni"}) {
      EXPECT_TRUE(UkCalendar().IsBankHoliday(D(day), nation)) << day << " " << nation;
    }
    EXPECT_FALSE(Working(day)) << day;
  }
  // The holidays those one-offs replaced were ordinary working days.
  EXPECT_TRUE(Working("2020-05-04"));
  EXPECT_TRUE(Working("2022-05-30"));
}

TEST(UkCalendar, NationSpecificHolidaysAreListedOnlyForTheirNation) {
  const Calendar& cal = UkCalendar();
  EXPECT_TRUE(cal.IsBankHoliday(D("2025-03-17"), "ni"));  // St Patrick's Day
  EXPECT_FALSE(cal.IsBankHoliday(D("2025-03-17"), "ew"));
  EXPECT_FALSE(cal.IsBankHoliday(D("2025-03-17"), "sc"));
  EXPECT_TRUE(cal.IsBankHoliday(D("2025-03-17")));         // "any"
  EXPECT_TRUE(cal.IsBankHoliday(D("2025-12-01"), "sc"));   // St Andrew's, substitute
  EXPECT_FALSE(cal.IsBankHoliday(D("2025-12-01"), "ew"));  // for Sunday 30 Nov
  EXPECT_TRUE(cal.IsBankHoliday(D("2025-04-21"), "ew"));   // Easter Monday is not a
  EXPECT_FALSE(cal.IsBankHoliday(D("2025-04-21"), "sc"));  // bank holiday in Scotland
  EXPECT_TRUE(cal.IsBankHoliday(D("2025-08-04"), "sc"));   // Scottish summer holiday
  EXPECT_FALSE(cal.IsBankHoliday(D("2025-08-04"), "ew"));
  EXPECT_FALSE(cal.IsBankHoliday(D("2025-03-17"), "england"));  // unknown nation
  EXPECT_EQ(cal.HolidayName(D("2025-07-14")),
            "Battle of the Boyne (Orangemen’s Day) (substitute day)");
  EXPECT_EQ(cal.HolidayName(D("2025-07-15")), std::nullopt);
}

TEST(Easter, KnownDates) {
  EXPECT_EQ(EasterSunday(2000), D("2000-04-23"));
  EXPECT_EQ(EasterSunday(2008), D("2008-03-23"));
  EXPECT_EQ(EasterSunday(2019), D("2019-04-21"));
  EXPECT_EQ(EasterSunday(2025), D("2025-04-20"));
  EXPECT_EQ(EasterSunday(2038), D("2038-04-25"));  // the latest possible date
  EXPECT_EQ(EasterSunday(2285), D("2285-03-22"));  // the earliest possible date
  EXPECT_EQ(GoodFriday(2026), D("2026-04-03"));
}

// --- FOIA s10(1) deadlines ----------------------------------------------------
// Day 1 is the first working day after receipt; each expectation below was
// counted by hand on a calendar, holidays in [brackets].

// Received Wed 10 Dec 2025. Dec 11-12 (1-2), 15-19 (3-7), 22-24 (8-10),
// [25 Christmas, 26 Boxing Day], 29-31 (11-13), [Thu 1 Jan New Year's Day,
// Fri 2 Jan 2026 Scotland only], Jan 5-9 (14-18), 12 (19), 13 (20).
// Without Scotland's 2 January it would be Mon 12 Jan.
TEST(Foia20WorkingDays, CrossesChristmasNewYearAndScotlandsSecondOfJanuary) {
  EXPECT_EQ(Foia20("2025-12-10"), "2026-01-13");
  EXPECT_FALSE(Working("2026-01-02"));
}

// Received Fri 20 Mar 2026. Mar 23-27 (1-5), 30-31 (6-7), Apr 1-2 (8-9),
// [Fri 3 Good Friday, Mon 6 Easter Monday], Apr 7-10 (10-13), 13-17 (14-18),
// 20 (19), 21 (20).
TEST(Foia20WorkingDays, CrossesGoodFridayAndEasterMonday) {
  EXPECT_EQ(Foia20("2026-03-20"), "2026-04-21");
}

// Received Fri 7 Mar 2025. Mar 10-14 (1-5), [Mon 17 St Patrick's Day, NI
// only], 18-21 (6-9), 24-28 (10-14), Mar 31-Apr 4 (15-19), Mon 7 Apr (20).
// Good Friday (18 Apr) is later. Without St Patrick's Day: Fri 4 Apr.
TEST(Foia20WorkingDays, NorthernIrelandOnlyStPatricksDayCountsForEveryone) {
  EXPECT_EQ(Foia20("2025-03-07"), "2025-04-07");
}

// Received Mon 30 Jun 2025. Jul 1-4 (1-4), 7-11 (5-9), [Mon 14: 12 July fell
// on a Saturday, NI substitute], 15-18 (10-13), 21-25 (14-18), 28 (19),
// 29 (20). Without the Boyne holiday: Mon 28 Jul.
TEST(Foia20WorkingDays, NorthernIrelandOnlyTwelfthOfJulySubstituteCountsForEveryone) {
  EXPECT_EQ(Foia20("2025-06-30"), "2025-07-29");
}

// Received Mon 17 Nov 2025. Nov 18-21 (1-4), 24-28 (5-9), [Mon 1 Dec: St
// Andrew's Day fell on Sunday 30 Nov, Scotland substitute], Dec 2-5 (10-13),
// 8-12 (14-18), 15 (19), 16 (20). Without it: Mon 15 Dec.
TEST(Foia20WorkingDays, ScotlandOnlyStAndrewsDaySubstituteCountsForEveryone) {
  EXPECT_EQ(Foia20("2025-11-17"), "2025-12-16");
}

// Received Sat 7 Jun 2025: the following working days start on Mon 9 Jun
// (1); four full weeks later Fri 4 Jul is day 20. A request that arrives at the
// weekend therefore has the same deadline as one received on the Friday
// before, and as one received on the Sunday.
TEST(Foia20WorkingDays, RequestReceivedOnASaturday) {
  EXPECT_EQ(Foia20("2025-06-07"), "2025-07-04");
  EXPECT_EQ(Foia20("2025-06-06"), "2025-07-04");
  EXPECT_EQ(Foia20("2025-06-08"), "2025-07-04");
}

TEST(AddWorkingDays, StartNeverCountsAndZeroIsStart) {
  const Calendar& cal = UkCalendar();
  EXPECT_EQ(*cal.AddWorkingDays(D("2025-06-09"), 1), D("2025-06-10"));  // Mon -> Tue
  EXPECT_EQ(*cal.AddWorkingDays(D("2025-06-13"), 1), D("2025-06-16"));  // Fri -> Mon
  EXPECT_EQ(*cal.AddWorkingDays(D("2025-06-14"), 0), D("2025-06-14"));
  Result<Date> neg = cal.AddWorkingDays(D("2025-06-09"), -1);
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.status().code(), Code::kInvalidArgument);
}

// --- Outside the data ---------------------------------------------------------

TEST(UkCalendar, RefusesToGuessBeyondTheCoveredYears) {
  const Calendar& cal = UkCalendar();
  // 20 working days from 10 Dec 2027 run into January 2028.
  Result<Date> due = cal.AddWorkingDays(D("2027-12-10"), 20);
  ASSERT_FALSE(due.ok());
  EXPECT_EQ(due.status().code(), Code::kOutOfRange);
  EXPECT_NE(due.status().message().find("2028"), std::string::npos) << due.status().ToString();

  Result<bool> w = cal.IsWorkingDay(D("2012-12-31"));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Code::kOutOfRange);
  EXPECT_NE(w.status().message().find("2012"), std::string::npos) << w.status().ToString();

  EXPECT_EQ(cal.WorkingDaysBetween(D("2027-12-01"), D("2028-01-05")).status().code(),
            Code::kOutOfRange);
  // The start day itself is never examined, so the day before coverage is fine.
  // (1 Jan 2013 is New Year's Day and 2 Jan is Scotland's 2nd January.)
  EXPECT_EQ(*cal.AddWorkingDays(D("2012-12-31"), 1), D("2013-01-03"));
}

// --- WorkingDaysBetween -------------------------------------------------------

TEST(WorkingDaysBetween, CountsTheHalfOpenIntervalAndIsAntisymmetric) {
  const Calendar& cal = UkCalendar();
  EXPECT_EQ(*cal.WorkingDaysBetween(D("2025-12-10"), D("2026-01-13")), 20);
  EXPECT_EQ(*cal.WorkingDaysBetween(D("2026-01-13"), D("2025-12-10")), -20);
  EXPECT_EQ(*cal.WorkingDaysBetween(D("2025-06-09"), D("2025-06-09")), 0);
  EXPECT_EQ(*cal.WorkingDaysBetween(D("2025-06-13"), D("2025-06-15")), 0);  // Fri to Sun
}

// For every possible date of receipt, the deadline is a working day and is
// exactly 20 working days after receipt.
TEST(WorkingDaysBetween, InvertsAddWorkingDaysForEveryCoveredStart) {
  const Calendar& cal = UkCalendar();
  for (Date s = D("2013-01-01"); s <= D("2027-11-01"); s = AddDays(s, 1)) {
    Result<Date> due = cal.AddWorkingDays(s, 20);
    ASSERT_TRUE(due.ok()) << s.ToString() << ": " << due.status().ToString();
    ASSERT_TRUE(*cal.IsWorkingDay(*due)) << s.ToString();
    ASSERT_EQ(*cal.WorkingDaysBetween(s, *due), 20) << s.ToString();
  }
}

// --- Calendar::ParseGovukJson -------------------------------------------------

// A GOV.UK-format text with the given events arrays (JSON) for the three
// divisions.
std::string Govuk(const std::string& ew, const std::string& sc, const std::string& ni) {
  return R"({"england-and-wales":{"division":"england-and-wales","events":)" + ew +
         R"(},"scotland":{"division":"scotland","events":)" + sc +
         R"(},"northern-ireland":{"division":"northern-ireland","events":)" + ni + "}}";
}

std::string Ev(const std::string& date, const std::string& title = "X",
               const std::string& notes = "") {
  return R"({"title":")" + title + R"(","date":")" + date + R"(","notes":")" + notes +
         R"(","bunting":true})";
}

// One year with a day for each division is the smallest valid calendar.
const std::string kTiny = Govuk("[" + Ev("2025-08-25", "Summer bank holiday") + "]",
                                "[" + Ev("2025-08-04", "Summer bank holiday") + "]",
                                "[" + Ev("2025-03-17", "St Patrick’s Day") + "," +
                                    Ev("2025-08-25", "Summer bank holiday") + "]");

TEST(CalendarParseGovukJson, CoversWholeYearsAndKeepsDivisionsApart) {
  Result<Calendar> cal = Calendar::ParseGovukJson(kTiny);
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_EQ(cal->first(), D("2025-01-01"));
  EXPECT_EQ(cal->last(), D("2025-12-31"));
  EXPECT_TRUE(cal->IsBankHoliday(D("2025-08-25"), "ni"));
  EXPECT_TRUE(cal->IsBankHoliday(D("2025-08-25"), "northern-ireland"));
  EXPECT_FALSE(cal->IsBankHoliday(D("2025-08-25"), "sc"));
  EXPECT_EQ(cal->EventCount("northern-ireland"), 2);
  // Parsing what it writes gives the same data back.
  Result<Calendar> again = Calendar::ParseGovukJson(cal->ToGovukJson());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->ToGovukJson(), cal->ToGovukJson());
  EXPECT_EQ(again->Digest(), cal->Digest());
}

// s10(6) names Christmas Day and Good Friday in their own right, so they are
// non-working even where the data forgets them.
TEST(CalendarParseGovukJson, ChristmasAndGoodFridayAreNonWorkingEvenIfTheDataOmitsThem) {
  Result<Calendar> cal = Calendar::ParseGovukJson(kTiny);
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_FALSE(*cal->IsWorkingDay(D("2025-12-25")));
  EXPECT_FALSE(*cal->IsWorkingDay(D("2025-04-18")));
  EXPECT_TRUE(*cal->IsWorkingDay(D("2025-12-26")));  // not listed here, so working
  EXPECT_EQ(cal->HolidayName(D("2025-12-25")), "Christmas Day");
  EXPECT_EQ(cal->HolidayName(D("2025-04-18")), "Good Friday");
}

TEST(CalendarParseGovukJson, NotesAreShownInBracketsAfterTheTitle) {
  Result<Calendar> cal = Calendar::ParseGovukJson(
      Govuk("[" + Ev("2025-08-25") + "]",
            "[" + Ev("2025-12-01", "St Andrew’s Day", "Substitute day") + "]",
            "[" + Ev("2025-07-14", "Battle of the Boyne", "Extra bank holiday") + "]"));
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_EQ(cal->HolidayName(D("2025-12-01")), "St Andrew’s Day (substitute day)");
  EXPECT_EQ(cal->HolidayName(D("2025-07-14")), "Battle of the Boyne (extra bank holiday)");
  EXPECT_EQ(cal->HolidayName(D("2025-08-25")), "X");
}

TEST(CalendarParseGovukJson, ErrorsNameThePathAndTheProblem) {
  const std::string ok_ew = "[" + Ev("2025-01-01") + "]";
  const std::string ok = "[" + Ev("2025-01-01") + "]";
  const std::pair<std::string, std::string> kCases[] = {
      {Govuk("[" + Ev("2025-01-01") + "," + Ev("2025-01-03") + "," + Ev("2025-01-06") + "," +
                 Ev("2025-02-29") + "]",
             ok, ok),
       "england-and-wales.events[3].date: 2025-02-29: February 2025 has 28 days"},
      {Govuk(ok_ew, "[" + Ev("2025-01-02") + "," + Ev("2025-01-01") + "]", ok),
       "scotland.events[1].date: 2025-01-01 does not come after 2025-01-02 (events[0])"},
      {Govuk(ok_ew, ok, "[" + Ev("2025-01-01") + "," + Ev("2025-01-01") + "]"),
       "northern-ireland.events[1].date: 2025-01-01 does not come after 2025-01-01 (events[0])"},
      {Govuk(ok_ew, ok, R"([{"title":"X","notes":"","bunting":true}])"),
       "northern-ireland.events[0].date: missing"},
      {Govuk(ok_ew, ok, R"([{"title":"X","date":20250101,"notes":"","bunting":true}])"),
       "northern-ireland.events[0].date: expected a string"},
      {Govuk(R"([{"title":"","date":"2025-01-01","notes":"","bunting":true}])", ok, ok),
       "england-and-wales.events[0].title: empty"},
      {Govuk(R"([{"date":"2025-01-01","notes":"","bunting":true}])", ok, ok),
       "england-and-wales.events[0].title: missing"},
      {Govuk(R"([{"title":"X","date":"2025-01-01","bunting":true}])", ok, ok),
       "england-and-wales.events[0].notes: missing"},
      {Govuk(R"([{"title":"X","date":"2025-01-01","notes":""}])", ok, ok),
       "england-and-wales.events[0].bunting: missing"},
      {Govuk(R"([{"title":"X","date":"2025-01-01","notes":"","bunting":"yes"}])", ok, ok),
       "england-and-wales.events[0].bunting: expected true or false"},
      {Govuk(R"([{"title":"X","date":"2025-01-01","notes":"","bunting":true,"nation":"ew"}])", ok,
             ok),
       "england-and-wales.events[0]: unknown field \"nation\""},
      {Govuk("[1]", ok, ok), "england-and-wales.events[0]: expected an object"},
      {Govuk("{}", ok, ok), "england-and-wales.events: expected an array"},
      {R"({"england-and-wales":{"division":"scotland","events":[]}})",
       "england-and-wales.division: expected \"england-and-wales\", found \"scotland\""},
      {R"({"england-and-wales":{"events":[]}})", "england-and-wales.division: missing"},
      {R"({"england-and-wales":{"division":"england-and-wales"}})",
       "england-and-wales.events: missing"},
      {R"({"england-and-wales":{"division":"england-and-wales","events":[],"x":1}})",
       "england-and-wales: unknown field \"x\""},
      {R"({"england-and-wales":[]})", "england-and-wales: expected an object"},
      {R"({"scotland":{"division":"scotland","events":[]}})",
       "missing division \"england-and-wales\""},
      {R"({"wales":{}})",
       "unknown division \"wales\" (want england-and-wales, scotland and northern-ireland)"},
      {"[]", "expected a JSON object at the top level"},
      {Govuk("[]", "[]", "[]"), "no holidays listed"},
      {Govuk("[" + Ev("2025-01-01") + "," + Ev("2027-01-01") + "]",
             "[" + Ev("2025-01-01") + "," + Ev("2027-01-01") + "]",
             "[" + Ev("2025-01-01") + "," + Ev("2026-01-01") + "," + Ev("2027-01-01") + "]"),
       "year 2026 lists no holidays for england-and-wales"},
      {Govuk(ok_ew, "[]", ok), "year 2025 lists no holidays for scotland"},
  };
  for (const auto& [text, want] : kCases) {
    Result<Calendar> cal = Calendar::ParseGovukJson(text);
    ASSERT_FALSE(cal.ok()) << text;
    EXPECT_EQ(cal.status().code(), Code::kInvalidArgument) << text;
    EXPECT_EQ(cal.status().message(), want) << text;
  }
  // Not JSON at all: the strict parser's message, with where it stopped.
  Result<Calendar> bad = Calendar::ParseGovukJson("{\"england-and-wales\": ");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("not valid JSON: ", 0), 0u) << bad.status().message();
}

}  // namespace
}  // namespace sharetrail
