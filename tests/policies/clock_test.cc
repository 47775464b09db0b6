// Deadlines worked by hand from the rules, each against a printed calendar,
// with the count in the comment: "(n)" is the n-th counted working day,
// [brackets] a non-working weekday. Union of the three divisions' bank
// holidays (FOIA s10(6)). Sources: FOIA 2000 s10(1), s10(2), s10(6), s1(3);
// EIR 2004 reg 5(2), 7(1), 9(4), 11(4); the s45 Code of Practice (reviews);
// UK GDPR art 12(3), art 12A; ICO right of access guidance ("How long do we
// have to comply?"). docs/foi-clocks.md quotes them.
#include "policies/clock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sharetrail {
namespace {

Date D(std::string_view s) {
  Result<Date> d = ParseDate(s);
  EXPECT_TRUE(d.ok()) << s << ": " << d.status().ToString();
  return d.ok() ? *d : Date{};
}

Result<Deadline> Compute(std::string_view regime, std::string_view start,
                         std::vector<std::pair<std::string_view, std::string_view>> pauses = {}) {
  Result<Regime> r = ParseRegime(regime);
  if (!r.ok()) return r.status();
  ClockFacts facts;
  facts.regime = *r;
  facts.start = D(start);
  for (const auto& [from, to] : pauses) facts.pauses.push_back(Pause{D(from), D(to)});
  return ComputeDeadline(UkCalendar(), facts);
}

// The due date, or the error text.
std::string Due(std::string_view regime, std::string_view start,
                std::vector<std::pair<std::string_view, std::string_view>> pauses = {}) {
  Result<Deadline> d = Compute(regime, start, std::move(pauses));
  return d.ok() ? d->due.ToString() : d.status().ToString();
}

std::vector<std::string> Skipped(const Deadline& d) {
  std::vector<std::string> out;
  for (const SkippedDay& s : d.skipped) out.push_back(s.date.ToString() + " " + s.name);
  return out;
}

// --- FOIA s10(1): the twentieth working day following the date of receipt ---

// Mon 2 Jun 2025, a month with no holiday: Jun 3-6 (1-4), 9-13 (5-9), 16-20
// (10-14), 23-27 (15-19), Mon 30 (20).
TEST(FoiaClock, PlainFourWeeks) {
  Result<Deadline> d = Compute("foia", "2025-06-02");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-06-30"));
  EXPECT_EQ(d->working_days, 20);
  EXPECT_EQ(d->paused_working_days, 0);
  EXPECT_TRUE(d->skipped.empty());
  EXPECT_FALSE(d->moved_from.has_value());
}

// Received Sat 7 or Sun 8 Jun 2025: the date of receipt need not be a working
// day (s10(6)); the first following working day is Mon 9 Jun (1), and four
// weeks on Fri 4 Jul is (20).
TEST(FoiaClock, ReceivedAtTheWeekend) {
  EXPECT_EQ(Due("foia", "2025-06-07"), "2025-07-04");
  EXPECT_EQ(Due("foia", "2025-06-08"), "2025-07-04");
}

// Received on Mon 5 May 2025, the early May bank holiday: May 6-9 (1-4), 12-16
// (5-9), 19-23 (10-14), [26 spring bank holiday], 27-30 (15-18), Jun 2 (19),
// Tue 3 Jun (20).
TEST(FoiaClock, ReceivedOnABankHoliday) {
  Result<Deadline> d = Compute("foia", "2025-05-05");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-06-03"));
  EXPECT_EQ(Skipped(*d), std::vector<std::string>{"2025-05-26 Spring bank holiday"});
}

// Wed 10 Dec 2025: Dec 11-12 (1-2), 15-19 (3-7), 22-24 (8-10), [25, 26],
// 29-31 (11-13), [Thu 1 Jan, Fri 2 Jan Scotland only], Jan 5-9 (14-18), 12
// (19), Tue 13 Jan 2026 (20).
TEST(FoiaClock, ChristmasToNewYearAcrossTheYearEnd) {
  Result<Deadline> d = Compute("foia", "2025-12-10");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2026-01-13"));
  EXPECT_EQ(Skipped(*d),
            (std::vector<std::string>{"2025-12-25 Christmas Day", "2025-12-26 Boxing Day",
                                      "2026-01-01 New Year\u2019s Day", "2026-01-02 2nd January"}));
  EXPECT_EQ(d->working_days, 20);
}

// Mon 1 Dec 2025 (itself Scotland's St Andrew's Day substitute): Dec 2-5
// (1-4), 8-12 (5-9), 15-19 (10-14), 22-24 (15-17), [25, 26], 29-31 (18-20).
TEST(FoiaClock, ReceivedOnAScotlandOnlyHolidayBeforeChristmas) {
  EXPECT_EQ(Due("foia", "2025-12-01"), "2025-12-31");
}

// Wed 31 Dec 2025: [Jan 1, Jan 2 Scotland], Jan 5-9 (1-5), 12-16 (6-10),
// 19-23 (11-15), 26-30 (16-20).
TEST(FoiaClock, ScotlandsSecondOfJanuaryCountsForEveryone) {
  EXPECT_EQ(Due("foia", "2025-12-31"), "2026-01-30");
}

// Thu 27 Mar 2025: Mar 28 (1), 31 (2), Apr 1-4 (3-6), 7-11 (7-11), 14-17
// (12-15), [18 Good Friday], [21 Easter Monday], 22-25 (16-19), Mon 28 (20).
TEST(FoiaClock, Easter2025) {
  Result<Deadline> d = Compute("foia", "2025-03-27");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-04-28"));
  EXPECT_EQ(Skipped(*d),
            (std::vector<std::string>{"2025-04-18 Good Friday", "2025-04-21 Easter Monday"}));
}

// Fri 20 Mar 2026: Mar 23-27 (1-5), 30-31 (6-7), Apr 1-2 (8-9), [3 Good
// Friday, 6 Easter Monday], 7-10 (10-13), 13-17 (14-18), 20 (19), 21 (20).
TEST(FoiaClock, Easter2026) { EXPECT_EQ(Due("foia", "2026-03-20"), "2026-04-21"); }

// Fri 7 Mar 2025: Mar 10-14 (1-5), [Mon 17 St Patrick's Day, NI only],
// 18-21 (6-9), 24-28 (10-14), Mar 31-Apr 4 (15-19), Mon 7 Apr (20).
TEST(FoiaClock, NorthernIrelandStPatricksDay) {
  Result<Deadline> d = Compute("foia", "2025-03-07");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-04-07"));
  EXPECT_EQ(Skipped(*d), std::vector<std::string>{"2025-03-17 St Patrick\u2019s Day"});
}

// Mon 30 Jun 2025: Jul 1-4 (1-4), 7-11 (5-9), [Mon 14: 12 July fell on a
// Saturday; NI substitute day], 15-18 (10-13), 21-25 (14-18), 28 (19), 29 (20).
TEST(FoiaClock, NorthernIrelandTwelfthOfJulySubstitute) {
  EXPECT_EQ(Due("foia", "2025-06-30"), "2025-07-29");
}

// Mon 17 Nov 2025: Nov 18-21 (1-4), 24-28 (5-9), [Mon 1 Dec: St Andrew's Day
// fell on Sunday 30 Nov; Scotland substitute], Dec 2-5 (10-13), 8-12 (14-18),
// 15 (19), 16 (20).
TEST(FoiaClock, ScotlandStAndrewsDaySubstitute) {
  EXPECT_EQ(Due("foia", "2025-11-17"), "2025-12-16");
}

// Fri 25 Jul 2025: Jul 28-Aug 1 (1-5), [Mon 4 Aug: Scotland's summer holiday,
// the first Monday of August], 5-8 (6-9), 11-15 (10-14), 18-22 (15-19), [Mon 25
// Aug: England, Wales and NI summer holiday], Tue 26 (20).
TEST(FoiaClock, ScotlandFirstMondayOfAugustAndTheLastMonday) {
  Result<Deadline> d = Compute("foia", "2025-07-25");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-08-26"));
  EXPECT_EQ(d->skipped.size(), 2u);
}

// Wed 15 Dec 2021. Christmas (Sat 25) and Boxing Day (Sun 26) have substitutes
// Mon 27 and Tue 28; New Year's Day (Sat 1 Jan) Mon 3; Scotland's 2 January
// (Sun) Tue 4. Dec 16-17 (1-2), 20-24 (3-7), [27, 28], 29-31 (8-10), [Jan 3,
// 4], 5-7 (11-13), 10-14 (14-18), 17 (19), Tue 18 Jan 2022 (20).
TEST(FoiaClock, SubstituteDaysWhenChristmasFallsAtTheWeekend) {
  Result<Deadline> d = Compute("foia", "2021-12-15");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2022-01-18"));
  // Sat 25 and Sun 26 are weekend days, not listed; the four substitutes are.
  EXPECT_EQ(Skipped(*d),
            (std::vector<std::string>{"2021-12-27 Christmas Day (substitute day)",
                                      "2021-12-28 Boxing Day (substitute day)",
                                      "2022-01-03 New Year\u2019s Day (substitute day)",
                                      "2022-01-04 2nd January (substitute day)"}));
}

// Thu 1 Dec 2022: Dec 2 (1), 5-9 (2-6), 12-16 (7-11), 19-23 (12-16), [Mon 26
// Boxing Day, Tue 27 Christmas substitute], 28-30 (17-19), [Mon 2 Jan 2023 New
// Year substitute, Tue 3 Scotland's 2 January substitute], Wed 4 Jan (20).
TEST(FoiaClock, SubstituteDaysChristmas2022) { EXPECT_EQ(Due("foia", "2022-12-01"), "2023-01-04"); }

// Mon 23 May 2022. The spring holiday moved from Mon 30 May to Thu 2 Jun and
// the Platinum Jubilee added Fri 3 Jun: May 24-27 (1-4), 30-31 (5-6), Jun 1
// (7), [2, 3], 6-10 (8-12), 13-17 (13-17), 20-22 (18-20).
TEST(FoiaClock, PlatinumJubilee2022) {
  Result<Deadline> d = Compute("foia", "2022-05-23");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2022-06-22"));
  EXPECT_EQ(d->skipped.size(), 2u);
}

// Thu 1 Sep 2022: Sep 2 (1), 5-9 (2-6), 12-16 (7-11), [Mon 19 State Funeral of
// Queen Elizabeth II], 20-23 (12-15), 26-30 (16-20).
TEST(FoiaClock, StateFuneral2022) { EXPECT_EQ(Due("foia", "2022-09-01"), "2022-09-30"); }

// Fri 28 Apr 2023: [May 1 early May], 2-5 (1-4), [Mon 8 Coronation], 9-12
// (5-8), 15-19 (9-13), 22-26 (14-18), [29 spring], 30 (19), Wed 31 May (20).
TEST(FoiaClock, Coronation2023) { EXPECT_EQ(Due("foia", "2023-04-28"), "2023-05-31"); }

// Fri 1 May 2020. The early May holiday moved to Fri 8 May (VE Day 75), so Mon
// 4 May was a working day: May 4-7 (1-4), [8], 11-15 (5-9), 18-22 (10-14),
// [25 spring], 26-29 (15-18), Jun 1 (19), Tue 2 Jun (20).
TEST(FoiaClock, VeDay2020) { EXPECT_EQ(Due("foia", "2020-05-01"), "2020-06-02"); }

// --- Clarification: FOIA s1(3) with s10(6)(b); EIR reg 9(4) ---
// The clock starts again from the day the clarification is received.

// Request Mon 2 Jun 2025, clarification received Wed 11 Jun: Jun 12-13 (1-2),
// 16-20 (3-7), 23-27 (8-12), Jun 30-Jul 4 (13-17), Jul 7-9 (18-20).
TEST(Clarification, RestartsFromReceiptOfTheClarification) {
  EXPECT_EQ(Due("foia", "2025-06-11"), "2025-07-09");
}

// Clarification received Sat 14 Jun 2025: Jun 16-20 (1-5), 23-27 (6-10), Jun
// 30-Jul 4 (11-15), Jul 7-11 (16-20).
TEST(Clarification, ReceivedOnASaturday) { EXPECT_EQ(Due("foia", "2025-06-14"), "2025-07-11"); }

// EIR, clarification received Tue 1 Jul 2025: Jul 2-4 (1-3), 7-11 (4-8), [14
// NI], 15-18 (9-12), 21-25 (13-17), 28-30 (18-20).
TEST(Clarification, EirRestartsToo) { EXPECT_EQ(Due("eir", "2025-07-01"), "2025-07-30"); }

// --- Fee pauses: FOIA s10(2) ---
// The working days from the day the fees notice is given to the day the fee is
// received, both included, are disregarded.

// Request Mon 2 Jun 2025; notice Mon 9 Jun, fee received Fri 13 Jun: Jun 3-6
// (1-4), [9-13 paused: 5 working days], 16-20 (5-9), 23-27 (10-14), Jun
// 30-Jul 4 (15-19), Mon 7 Jul (20).
TEST(FeePause, AWholeWeek) {
  Result<Deadline> d = Compute("foia", "2025-06-02", {{"2025-06-09", "2025-06-13"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-07-07"));
  EXPECT_EQ(d->paused_working_days, 5);
  EXPECT_EQ(d->working_days, 25);
  EXPECT_EQ(d->paused_days, 0);
}

// Request Fri 16 May 2025; notice Fri 23 May, fee received Wed 28 May. The
// pause holds Fri 23, Tue 27, Wed 28 as working days; Mon 26 (spring bank
// holiday) was never a working day, so it is not disregarded twice. May 19-22
// (1-4), [23 paused], [26 holiday], [27-28 paused], 29-30 (5-6), Jun 2-6
// (7-11), 9-13 (12-16), 16-19 (17-20).
TEST(FeePause, SpanningABankHoliday) {
  Result<Deadline> d = Compute("foia", "2025-05-16", {{"2025-05-23", "2025-05-28"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-06-19"));
  EXPECT_EQ(d->paused_working_days, 3);
  EXPECT_EQ(Skipped(*d), std::vector<std::string>{"2025-05-26 Spring bank holiday"});
}

// Notice given and fee received on the same day, Wed 4 Jun: one working day
// disregarded, so the Mon 30 Jun deadline becomes Tue 1 Jul.
TEST(FeePause, OneDay) {
  EXPECT_EQ(Due("foia", "2025-06-02", {{"2025-06-04", "2025-06-04"}}), "2025-07-01");
}

// Notice Sat 7 Jun, fee received Sun 8 Jun: no working day in the pause.
TEST(FeePause, OnlyAWeekend) {
  Result<Deadline> d = Compute("foia", "2025-06-02", {{"2025-06-07", "2025-06-08"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-06-30"));
  EXPECT_EQ(d->paused_working_days, 0);
}

// Notice Tue 24 Jun, fee received Wed 2 Jul, running past the unpaused due
// date: Jun 3-6 (1-4), 9-13 (5-9), 16-20 (10-14), 23 (15), [24-27, Jun 30-Jul
// 2 paused: 7], Jul 3-4 (16-17), 7-9 (18-20).
TEST(FeePause, RunsPastTheOriginalDueDate) {
  Result<Deadline> d = Compute("foia", "2025-06-02", {{"2025-06-24", "2025-07-02"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-07-09"));
  EXPECT_EQ(d->paused_working_days, 7);
}

// Two pauses, Wed 4-Thu 5 Jun (2) and Tue 17 Jun (1): Mon 30 Jun plus three
// working days is Thu 3 Jul.
TEST(FeePause, TwoPausesAddUp) {
  EXPECT_EQ(Due("foia", "2025-06-02", {{"2025-06-04", "2025-06-05"}, {"2025-06-17", "2025-06-17"}}),
            "2025-07-03");
}

// The clock restarted on Wed 11 Jun (clarification); a pause from Mon 9 to Thu
// 12 Jun disregards only Thu 12, the one working day after the restart: Wed 9
// Jul plus one is Thu 10 Jul.
TEST(FeePause, OnlyDaysAfterTheStartCount) {
  EXPECT_EQ(Due("foia", "2025-06-11", {{"2025-06-09", "2025-06-12"}}), "2025-07-10");
}

// --- EIR reg 5(2) and reg 7(1) ---

// EIR counts like FOIA (reg 2(1): "working day" as in FOIA s10(6)). Mon 17 Nov
// 2025 gives Tue 16 Dec, as FoiaClock.ScotlandStAndrewsDaySubstitute.
TEST(EirClock, TwentyWorkingDays) { EXPECT_EQ(Due("eir", "2025-11-17"), "2025-12-16"); }

// Extended to 40 (reg 7(1)), Mon 2 Jun 2025: day 20 is Mon 30 Jun; Jul 1-4
// (21-24), 7-11 (25-29), [14 NI], 15-18 (30-33), 21-25 (34-38), 28 (39), Tue
// 29 Jul (40).
TEST(EirClock, ExtendedToFortyWorkingDays) {
  Result<Deadline> d = Compute("eir-extended", "2025-06-02");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-07-29"));
  EXPECT_EQ(d->working_days, 40);
}

// Extended, Mon 3 Nov 2025: Nov 4-7 (1-4), 10-14 (5-9), 17-21 (10-14), 24-28
// (15-19), [Dec 1 Scotland], Dec 2-5 (20-23), 8-12 (24-28), 15-19 (29-33),
// 22-24 (34-36), [25, 26], 29-31 (37-39), [Jan 1, 2], Mon 5 Jan 2026 (40).
TEST(EirClock, ExtendedAcrossChristmas) {
  Result<Deadline> d = Compute("eir-extended", "2025-11-03");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2026-01-05"));
  EXPECT_EQ(d->skipped.size(), 5u);
}

// --- Internal review: s45 Code of Practice (20), 40 exceptional / EIR reg 11(4) ---

// Review requested Mon 13 Apr 2026 (after Easter): Apr 14-17 (1-4), 20-24
// (5-9), 27-30 (10-13), May 1 (14), [4 early May], 5-8 (15-18), 11-12 (19-20).
TEST(ReviewClock, TwentyWorkingDays) { EXPECT_EQ(Due("review", "2026-04-13"), "2026-05-12"); }

// Extended: from day 20 (Tue 12 May), May 13-15 (21-23), 18-22 (24-28), [25
// spring], 26-29 (29-32), Jun 1-5 (33-37), 8-10 (38-40).
TEST(ReviewClock, ExtendedToFortyWorkingDays) {
  EXPECT_EQ(Due("review-extended", "2026-04-13"), "2026-06-10");
}

// --- Subject access: UK GDPR art 12(3), ICO corresponding-date rule ---
// The day of receipt is day one; the deadline is the same date next month, the
// month's last day if there is none, the next working day if not a working day.

// Fri 31 Jan 2025: no 31 February, so the last day, Fri 28 Feb.
TEST(SarClock, ThirtyFirstOfJanuaryInACommonYear) {
  Result<Deadline> d = Compute("sar", "2025-01-31");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-02-28"));
  EXPECT_FALSE(d->moved_from.has_value());
  // Feb 3-7, 10-14, 17-21, 24-28: 20 working days.
  EXPECT_EQ(d->working_days, 20);
}

// Wed 31 Jan 2024: leap year, Thu 29 Feb.
TEST(SarClock, ThirtyFirstOfJanuaryInALeapYear) {
  EXPECT_EQ(Due("sar", "2024-01-31"), "2024-02-29");
}

// Sun 31 Aug 2025: September has 30 days, so Tue 30 Sep.
TEST(SarClock, ThirtyFirstOfAugust) { EXPECT_EQ(Due("sar", "2025-08-31"), "2025-09-30"); }

// Sun 30 Nov 2025 (received at the weekend: still day one): Tue 30 Dec, a
// working day between the Christmas holidays and New Year.
TEST(SarClock, ThirtiethOfNovember2025) { EXPECT_EQ(Due("sar", "2025-11-30"), "2025-12-30"); }

// Thu 30 Nov 2023: Sat 30 Dec, so Sun 31, [Mon 1 Jan New Year's Day], [Tue 2
// Jan Scotland], Wed 3 Jan 2024.
TEST(SarClock, ThirtiethOfNovember2023MovesPastNewYearAndScotland) {
  Result<Deadline> d = Compute("sar", "2023-11-30");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2024-01-03"));
  EXPECT_EQ(d->moved_from, D("2023-12-30"));
}

// Thu 3 Apr 2025: Sat 3 May, Sun 4, [Mon 5 early May], Tue 6 May.
TEST(SarClock, WeekendThenBankHoliday) {
  Result<Deadline> d = Compute("sar", "2025-04-03");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-05-06"));
  EXPECT_EQ(d->moved_from, D("2025-05-03"));
}

// The ICO's own example: Mon 25 Nov 2024 runs to Fri 27 Dec, because 25 and 26
// December are bank holidays. (Mon 2 Dec, Scotland's St Andrew's substitute,
// lies inside the month and is listed, but months do not count working days.)
TEST(SarClock, IcoExampleTwentyFifthOfNovember) {
  Result<Deadline> d = Compute("sar", "2024-11-25");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2024-12-27"));
  EXPECT_EQ(d->moved_from, D("2024-12-25"));
  EXPECT_EQ(d->skipped.size(), 3u);
}

// Received on Wed 1 Jan 2025, a bank holiday: the ICO says start from that
// date anyway. Sat 1 Feb, so Mon 3 Feb.
TEST(SarClock, ReceivedOnABankHoliday) { EXPECT_EQ(Due("sar", "2025-01-01"), "2025-02-03"); }

// Proof of identity asked for and received Tue 10 Jun 2025: the month runs
// from then (art 12A relevant time), to Thu 10 Jul.
TEST(SarClock, RunsFromReceiptOfIdentityOrFee) {
  EXPECT_EQ(Due("sar", "2025-06-10"), "2025-07-10");
}

// Extended (art 12(3)), three months from the start: Fri 31 Jan 2025 -> Wed
// 30 Apr (April has 30 days).
TEST(SarClock, ExtendedThreeMonths) { EXPECT_EQ(Due("sar-extended", "2025-01-31"), "2025-04-30"); }

// Extended from Sat 18 Jan 2025: Fri 18 Apr is Good Friday, then the weekend,
// [Mon 21 Easter Monday], Tue 22 Apr.
TEST(SarClock, ExtendedLandsOnEaster) {
  Result<Deadline> d = Compute("sar-extended", "2025-01-18");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-04-22"));
  EXPECT_EQ(d->moved_from, D("2025-04-18"));
}

// Clarification pause (art 12A; ICO "stop the clock"): request Mon 2 Jun 2025
// (due Wed 2 Jul); clarification asked Thu 5 Jun, received Mon 9 Jun. Five
// calendar days (5-9 Jun) do not count: Mon 7 Jul.
TEST(SarClock, ClarificationPausePushesTheDateBackByCalendarDays) {
  Result<Deadline> d = Compute("sar", "2025-06-02", {{"2025-06-05", "2025-06-09"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-07-07"));
  EXPECT_EQ(d->paused_days, 5);
  EXPECT_EQ(d->paused_working_days, 3);  // Thu 5, Fri 6, Mon 9
}

// Request Fri 22 Nov 2024 (due Sun 22 Dec); pause Mon 25-Wed 27 Nov: three days
// push it to Wed 25 Dec, then [25, 26] to Fri 27 Dec.
TEST(SarClock, PauseThenChristmas) {
  Result<Deadline> d = Compute("sar", "2024-11-22", {{"2024-11-25", "2024-11-27"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2024-12-27"));
  EXPECT_EQ(d->moved_from, D("2024-12-25"));
  EXPECT_EQ(d->paused_days, 3);
}

// A pause that begins after the month ran out (Thu 3-Fri 4 Jul, for a Wed 2
// Jul deadline) cannot stop a clock that had already run out.
TEST(SarClock, PauseAfterTheDeadlineChangesNothing) {
  Result<Deadline> d = Compute("sar", "2025-06-02", {{"2025-07-03", "2025-07-04"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->due, D("2025-07-02"));
  EXPECT_EQ(d->paused_days, 0);
}

// --- Errors ---

TEST(ClockErrors, BeyondTheCalendarIsOutOfRange) {
  // 20 working days from Fri 10 Dec 2027 run into 2028.
  Result<Deadline> d = Compute("foia", "2027-12-10");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kOutOfRange);
  EXPECT_NE(d.status().message().find("2028"), std::string::npos) << d.status().ToString();
  // One month from 15 Dec 2027 is 15 Jan 2028.
  EXPECT_EQ(Compute("sar", "2027-12-15").status().code(), Code::kOutOfRange);
}

TEST(ClockErrors, InvertedPause) {
  Result<Deadline> d = Compute("foia", "2025-06-02", {{"2025-06-10", "2025-06-05"}});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(d.status().message(), "pause 2025-06-10:2025-06-05 ends before it begins");
}

TEST(ClockErrors, PauseBeforeTheStart) {
  EXPECT_EQ(Compute("sar", "2025-06-02", {{"2025-05-20", "2025-05-30"}}).status().message(),
            "pause 2025-05-20:2025-05-30 ends before the clock starts on 2025-06-02");
}

TEST(ClockErrors, UnknownRegime) {
  Result<Regime> r = ParseRegime("foi");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "unknown regime \"foi\" (want foia, eir, eir-extended, review, review-extended, sar "
            "or sar-extended)");
}

TEST(Regimes, NamesRoundTripWithTheirLimits) {
  const std::pair<const char*, int> kWant[] = {{"foia", 20},
                                               {"eir", 20},
                                               {"eir-extended", 40},
                                               {"review", 20},
                                               {"review-extended", 40},
                                               {"sar", 1},
                                               {"sar-extended", 3}};
  for (const auto& [name, limit] : kWant) {
    Result<Regime> r = ParseRegime(name);
    ASSERT_TRUE(r.ok()) << name;
    EXPECT_EQ(RegimeName(*r), name);
    EXPECT_EQ(RegimeLimit(*r), limit) << name;
    EXPECT_EQ(CountsMonths(*r), std::string(name).starts_with("sar")) << name;
  }
}

// --- Public interest extension: ICO, normally no more than 20 further days ---

// Due Mon 30 Jun 2025. To Mon 28 Jul: Jul 1-4 (4), 7-11 (9), [14 NI], 15-18
// (13), 21-25 (18), 28 (19): within the norm. To Wed 30 Jul: 21, over it.
TEST(PublicInterestExtension, CountsWorkingDaysBeyondTheDueDate) {
  EXPECT_EQ(*ExtensionWorkingDays(UkCalendar(), D("2025-06-30"), D("2025-07-28")), 19);
  EXPECT_EQ(*ExtensionWorkingDays(UkCalendar(), D("2025-06-30"), D("2025-07-30")), 21);
  EXPECT_EQ(kPublicInterestNormalExtension, 20);  // ICO s10(3) guidance
  EXPECT_EQ(ExtensionWorkingDays(UkCalendar(), D("2025-06-30"), D("2025-06-27")).status().code(),
            Code::kInvalidArgument);
}

}  // namespace
}  // namespace sharetrail
