#include "policies/date.h"

#include <gtest/gtest.h>

#include <string>

namespace sharetrail {
namespace {

Date D(std::string_view s) {
  Result<Date> d = ParseDate(s);
  EXPECT_TRUE(d.ok()) << s << ": " << d.status().ToString();
  return d.ok() ? *d : Date{};
}

TEST(ParseDate, AcceptsValidDatesAndFormatsThemBack) {
  for (const char* s : {"1900-01-01", "2024-02-29", "2000-02-29", "2025-12-31", "2999-12-31"}) {
    Result<Date> d = ParseDate(s);
    ASSERT_TRUE(d.ok()) << s << ": " << d.status().ToString();
    EXPECT_EQ(d->ToString(), s);
  }
  EXPECT_EQ(D("2025-03-07"), (Date{2025, 3, 7}));
}

TEST(ParseDate, Feb29OnlyInLeapYearsAndTheErrorSaysWhy) {
  Result<Date> d = ParseDate("2025-02-29");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(d.status().message(), "2025-02-29: February 2025 has 28 days");
  // Century years are leap only when divisible by 400.
  EXPECT_EQ(ParseDate("1900-02-29").status().message(), "1900-02-29: February 1900 has 28 days");
  EXPECT_TRUE(ParseDate("2000-02-29").ok());
  EXPECT_TRUE(ParseDate("2024-02-29").ok());
  EXPECT_EQ(ParseDate("2024-02-30").status().message(), "2024-02-30: February 2024 has 29 days");
  EXPECT_EQ(ParseDate("2025-04-31").status().message(), "2025-04-31: April 2025 has 30 days");
}

TEST(ParseDate, RejectsMalformedShapesAndRanges) {
  for (const char* bad :
       {"", "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "2025-01-01 ", " 2025-01-01",
        "2025-01-01T00:00:00Z", "+025-01-01", "2025-0a-01", "20250101"}) {
    Result<Date> d = ParseDate(bad);
    EXPECT_FALSE(d.ok()) << '"' << bad << '"';
    EXPECT_NE(d.status().message().find("YYYY-MM-DD"), std::string::npos) << bad;
  }
  EXPECT_EQ(ParseDate("2025-13-01").status().message(), "2025-13-01: month 13 is not 01-12");
  EXPECT_EQ(ParseDate("2025-00-10").status().message(), "2025-00-10: month 0 is not 01-12");
  EXPECT_EQ(ParseDate("2025-01-00").status().message(), "2025-01-00: January 2025 has 31 days");
  EXPECT_EQ(ParseDate("1899-12-31").status().message(),
            "1899-12-31: year 1899 is outside 1900-2999");
  EXPECT_EQ(ParseDate("3000-01-01").status().message(),
            "3000-01-01: year 3000 is outside 1900-2999");
}

TEST(DateOfTime, TakesTheUtcDateOfALedgerTime) {
  Result<Date> d = DateOfTime("2026-11-26T13:45:41.123456Z");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, (Date{2026, 11, 26}));
  EXPECT_FALSE(DateOfTime("2026-11-26").ok());
  EXPECT_FALSE(DateOfTime("2026-11-26 13:45:41Z").ok());
  EXPECT_FALSE(DateOfTime("2026-02-30T00:00:00Z").ok());
  EXPECT_FALSE(DateOfTime("").ok());
}

TEST(Date, OrdersChronologically) {
  EXPECT_LT(D("2024-12-31"), D("2025-01-01"));
  EXPECT_LT(D("2025-01-31"), D("2025-02-01"));
  EXPECT_LE(D("2025-02-01"), D("2025-02-01"));
  EXPECT_FALSE(D("2025-02-02") < D("2025-02-01"));
  EXPECT_EQ(D("2025-02-01") <=> D("2025-02-01"), std::strong_ordering::equal);
}

TEST(DaysFromCivil, KnownAnchors) {
  EXPECT_EQ(DaysFromCivil(Date{1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil(Date{1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil(Date{2000, 3, 1}), 11017);
  EXPECT_EQ(DaysFromCivil(Date{1900, 1, 1}), -25567);
  EXPECT_EQ(CivilFromDays(-25567), (Date{1900, 1, 1}));
}

// Every day from 1900-01-01 to 2999-12-31 survives the round trip, and
// consecutive day numbers are consecutive calendar days (so neither function
// skips or repeats a day, including over 1900 and 2100, which are not leap).
TEST(DaysFromCivil, RoundTripsEveryDayFrom1900To2999) {
  const int64_t first = DaysFromCivil(Date{1900, 1, 1});
  const int64_t last = DaysFromCivil(Date{2999, 12, 31});
  Date expected{1900, 1, 1};
  for (int64_t n = first; n <= last; ++n) {
    const Date d = CivilFromDays(n);
    ASSERT_EQ(d, expected) << n;
    ASSERT_EQ(DaysFromCivil(d), n) << d.ToString();
    // Step the expected date by hand, independently of the functions under test.
    if (++expected.day > DaysInMonth(expected.year, expected.month)) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
  }
  EXPECT_EQ(expected, (Date{3000, 1, 1}));
}

TEST(AddDays, CrossesMonthYearAndLeapDay) {
  EXPECT_EQ(AddDays(D("2024-02-28"), 1), D("2024-02-29"));
  EXPECT_EQ(AddDays(D("2025-02-28"), 1), D("2025-03-01"));
  EXPECT_EQ(AddDays(D("2025-12-31"), 1), D("2026-01-01"));
  EXPECT_EQ(AddDays(D("2026-01-01"), -1), D("2025-12-31"));
  EXPECT_EQ(DaysBetween(D("2025-01-01"), D("2026-01-01")), 365);
  EXPECT_EQ(DaysBetween(D("2024-01-01"), D("2025-01-01")), 366);
  EXPECT_EQ(DaysBetween(D("2026-01-01"), D("2025-01-01")), -365);
}

TEST(AddMonths, ClampsToTheEndOfAShorterMonth) {
  EXPECT_EQ(AddMonths(D("2024-02-29"), 12), D("2025-02-28"));
  EXPECT_EQ(AddMonths(D("2024-01-31"), 1), D("2024-02-29"));
  EXPECT_EQ(AddMonths(D("2025-01-31"), 1), D("2025-02-28"));
  EXPECT_EQ(AddMonths(D("2025-03-31"), 1), D("2025-04-30"));
  EXPECT_EQ(AddMonths(D("2024-02-29"), 48), D("2028-02-29"));
  // Clamping does not carry over: the month after a clamped date keeps day 28.
  EXPECT_EQ(AddMonths(AddMonths(D("2025-01-31"), 1), 1), D("2025-03-28"));
}

TEST(AddMonths, CrossesYearsBothWays) {
  EXPECT_EQ(AddMonths(D("2025-11-15"), 3), D("2026-02-15"));
  EXPECT_EQ(AddMonths(D("2025-01-15"), -1), D("2024-12-15"));
  EXPECT_EQ(AddMonths(D("2025-03-31"), -1), D("2025-02-28"));
  EXPECT_EQ(AddMonths(D("2025-01-15"), -25), D("2022-12-15"));
  EXPECT_EQ(AddMonths(D("2025-06-10"), 0), D("2025-06-10"));
}

TEST(Weekday, KnownDates) {
  EXPECT_EQ(Weekday(D("1970-01-01")), 4);  // Thursday
  EXPECT_EQ(Weekday(D("1900-01-01")), 1);  // Monday
  EXPECT_EQ(Weekday(D("2000-01-01")), 6);  // Saturday
  EXPECT_EQ(Weekday(D("2024-02-29")), 4);  // Thursday
  EXPECT_EQ(Weekday(D("2025-12-25")), 4);  // Thursday
  EXPECT_EQ(Weekday(D("2026-11-29")), 7);  // Sunday
  EXPECT_EQ(Weekday(D("2026-11-30")), 1);  // Monday
}

TEST(MondayOfWeek, IsTheIsoWeekStart) {
  EXPECT_EQ(MondayOfWeek(D("2026-11-26")), D("2026-11-23"));  // Thursday
  EXPECT_EQ(MondayOfWeek(D("2026-11-23")), D("2026-11-23"));  // Monday itself
  EXPECT_EQ(MondayOfWeek(D("2026-11-29")), D("2026-11-23"));  // Sunday ends the week
  EXPECT_EQ(MondayOfWeek(D("2026-01-01")), D("2025-12-29"));  // across a year
}

}  // namespace
}  // namespace sharetrail
