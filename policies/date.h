// Civil dates in the proleptic Gregorian calendar, with no time of day and no
// time zone. Statutory deadlines (FOIA, EIR, SAR) count whole days, so a date
// must never be derived from a local clock: take it from a ledger time (UTC)
// with DateOfTime or from user input with ParseDate.
#ifndef SHARETRAIL_POLICIES_DATE_H_
#define SHARETRAIL_POLICIES_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/status.h"

namespace sharetrail {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Member order is year, month, day, so the default ordering is chronological.
  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;

  // "YYYY-MM-DD", zero padded.
  std::string ToString() const;
};

bool IsLeapYear(int year);
// 28..31; 0 for a month outside 1..12.
int DaysInMonth(int year, int month);

// The years ParseDate accepts. Arithmetic below works well beyond them; the
// bound is there to catch typos such as "0225-01-01" at the edge of the system.
inline constexpr int kMinParseYear = 1900;
inline constexpr int kMaxParseYear = 2999;

// Strict "YYYY-MM-DD": no sign, no spaces, no time, no short fields. The error
// names what is wrong, e.g. "2025-02-29: February 2025 has 28 days".
Result<Date> ParseDate(std::string_view s);

// The UTC date of a ledger time such as "2026-11-26T13:45:41.123456Z". Only the
// date and the 'T' are checked; the time part is the ledger's business.
Result<Date> DateOfTime(std::string_view rfc3339);

// Days since 1970-01-01 (negative before it), and back.
int64_t DaysFromCivil(Date d);
Date CivilFromDays(int64_t days);

Date AddDays(Date d, int64_t days);
// b - a in days: positive when b is later.
int64_t DaysBetween(Date a, Date b);

// Same day of month `months` later (or earlier, if negative), clamped to the
// end of a shorter month: 2024-01-31 + 1 = 2024-02-29, 2024-02-29 + 12 =
// 2025-02-28. This is the UK "corresponding date" rule (Dodds v Walker [1981]).
Date AddMonths(Date d, int months);

// ISO 8601 weekday: 1 = Monday ... 7 = Sunday.
int Weekday(Date d);
// The Monday on or before d (ISO weeks start on Monday).
Date MondayOfWeek(Date d);

}  // namespace sharetrail

#endif  // SHARETRAIL_POLICIES_DATE_H_
