#include "policies/date.h"

#include <cstdio>

namespace sharetrail {
namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

// Division and remainder that round towards minus infinity, so dates before
// 1970 (negative day counts) map to the right weekday and month.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "lit" + string.
std::string Quoted(std::string_view s) {
  std::string out(1, '"');
  out.append(s);
  out += '"';
  return out;
}

}  // namespace

bool IsLeapYear(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::string Date::ToString() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

Result<Date> ParseDate(std::string_view s) {
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shape = shape && i < s.size() && IsDigit(s[i]);
  if (!shape) return InvalidArgument(Quoted(s) + ": expected a date as YYYY-MM-DD");
  Date d{Digits(s.substr(0, 4)), Digits(s.substr(5, 2)), Digits(s.substr(8, 2))};
  if (d.year < kMinParseYear || d.year > kMaxParseYear) {
    return InvalidArgument(std::string(s) + ": year " + std::to_string(d.year) + " is outside " +
                           std::to_string(kMinParseYear) + "-" + std::to_string(kMaxParseYear));
  }
  if (d.month < 1 || d.month > 12) {
    return InvalidArgument(std::string(s) + ": month " + std::to_string(d.month) + " is not 01-12");
  }
  const int days = DaysInMonth(d.year, d.month);
  if (d.day < 1 || d.day > days) {
    return InvalidArgument(std::string(s) + ": " + kMonthNames[d.month - 1] + " " +
                           std::to_string(d.year) + " has " + std::to_string(days) + " days");
  }
  return d;
}

Result<Date> DateOfTime(std::string_view rfc3339) {
  if (rfc3339.size() < 11 || rfc3339[10] != 'T') {
    return InvalidArgument(Quoted(rfc3339) + ": expected a time as YYYY-MM-DDThh:mm:ss...");
  }
  return ParseDate(rfc3339.substr(0, 10));
}

// Howard Hinnant's days_from_civil. Counting years from March puts the leap
// day last, so the day of the year follows from the month by one linear
// formula, and 400-year eras (146097 days each) make the leap rule exact.
int64_t DaysFromCivil(Date d) {
  const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t year_of_era = y - era * 400;                            // [0, 399]
  const int64_t march_month = d.month > 2 ? d.month - 3 : d.month + 9;  // [0, 11]
  const int64_t day_of_year = (153 * march_month + 2) / 5 + d.day - 1;  // [0, 365]
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  // 719468 days separate 0000-03-01, the start of era 0, from 1970-01-01.
  return era * 146097 + day_of_era - 719468;
}

// The inverse of DaysFromCivil, by the same March-based eras.
Date CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t day_of_era = z - era * 146097;  // [0, 146096]
  // Undo the leap days: one per 4 years (1460 days), none per 100 (36524), one
  // per 400 (146096), leaving a count of whole 365-day years.
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const int64_t march_month = (5 * day_of_year + 2) / 153;                     // [0, 11]
  const int day = static_cast<int>(day_of_year - (153 * march_month + 2) / 5 + 1);
  const int month = static_cast<int>(march_month < 10 ? march_month + 3 : march_month - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return Date{static_cast<int>(year), month, day};
}

Date AddDays(Date d, int64_t days) { return CivilFromDays(DaysFromCivil(d) + days); }

int64_t DaysBetween(Date a, Date b) { return DaysFromCivil(b) - DaysFromCivil(a); }

Date AddMonths(Date d, int months) {
  const int64_t index = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + months;
  Date out{static_cast<int>(FloorDiv(index, 12)), static_cast<int>(FloorMod(index, 12)) + 1, 1};
  const int last = DaysInMonth(out.year, out.month);
  out.day = d.day < last ? d.day : last;
  return out;
}

int Weekday(Date d) {
  // 1970-01-01 was a Thursday (ISO 4).
  return static_cast<int>(FloorMod(DaysFromCivil(d) + 3, 7)) + 1;
}

Date MondayOfWeek(Date d) { return AddDays(d, -(Weekday(d) - 1)); }

}  // namespace sharetrail
