// UK non-working days, for deadlines counted in "working days" as FOIA s10(6)
// defines them: any day except a Saturday, a Sunday, Christmas Day, Good
// Friday, or a bank holiday under the Banking and Financial Dealings Act 1971
// in ANY part of the United Kingdom. A public body in England therefore loses
// St Patrick's Day and St Andrew's Day too: the Act does not ask where the
// body or the requester is.
//
// Bank holidays are set partly by proclamation, so they are data, not rules:
// policies/calendar/bank-holidays.json, in the format GOV.UK publishes at
// https://www.gov.uk/bank-holidays.json (sources and range in
// policies/calendar/SOURCES.md), embedded at build time. A date in a year the
// data does not cover is an OutOfRange error, never a guess.
//
// Invariants:
// - The covered range is whole years: 1 January of the first year any division
//   lists to 31 December of the last, and every year in it lists at least one
//   day for each of the three divisions.
// - Each division's events ascend strictly by date.
// - ToGovukJson() parses back (ParseGovukJson) to an equal calendar.
#ifndef SHARETRAIL_POLICIES_CALENDAR_H_
#define SHARETRAIL_POLICIES_CALENDAR_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/status.h"
#include "policies/date.h"

namespace sharetrail {

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
Date EasterSunday(int year);
// Two days before Easter Sunday.
Date GoodFriday(int year);

class Calendar {
 public:
  // The GOV.UK division names, in the order ToGovukJson writes them.
  static constexpr std::string_view kDivisions[] = {"england-and-wales", "scotland",
                                                    "northern-ireland"};

  // Parses the GOV.UK bank-holidays.json format: an object with exactly the
  // three divisions, each {"division": its own name, "events": [{"title",
  // "date", "notes", "bunting"}]}. Errors name the JSON path and say what is
  // wrong: "england-and-wales.events[3].date: 2025-02-29: February 2025 has 28
  // days"; "year 2026 lists no holidays for scotland".
  static Result<Calendar> ParseGovukJson(std::string_view text);

  // The calendar in the GOV.UK format, two-space indented with one key per
  // line and a final newline (the layout of policies/calendar/bank-holidays.json),
  // so that it can be stored, diffed and parsed back.
  std::string ToGovukJson() const;

  // Lowercase hex SHA-256 of the RFC 8785 canonical form of ToGovukJson(): the
  // same data gives the same digest whatever the whitespace or key order of
  // the file it came from.
  std::string Digest() const;

  // The number of events a division lists ("england-and-wales", "scotland",
  // "northern-ireland"); 0 for an unknown name.
  int EventCount(std::string_view division) const;

  // Whether the data lists d as a bank holiday in `nation`: "ew" (England and
  // Wales), "sc" (Scotland), "ni" (Northern Ireland), the GOV.UK division
  // name ("england-and-wales", ...) or "any". An unknown
  // nation matches nothing. This is a lookup only: it says false for any date
  // outside [first(), last()], so deadline code must use IsWorkingDay.
  bool IsBankHoliday(Date d, std::string_view nation = "any") const;

  // The listed title, with the notes in brackets if there are any ("St
  // Andrew’s Day (substitute day)"), from the first division in kDivisions
  // order that lists d; else "Christmas Day" or "Good Friday" if d is one
  // (these are non-working days whatever the data says); else nullopt.
  std::optional<std::string> HolidayName(Date d) const;

  // Monday to Friday, not a bank holiday in any nation, not Christmas Day, not
  // Good Friday. OutOfRange if d's year is not covered.
  Result<bool> IsWorkingDay(Date d) const;

  // The n-th working day FOLLOWING start; start itself never counts, whatever
  // day it is. FOIA s10(1): "the twentieth working day following the date of
  // receipt" is AddWorkingDays(receipt, 20). n = 0 gives start back; n < 0 is
  // InvalidArgument. OutOfRange, naming the year, if the count runs past the
  // covered years.
  Result<Date> AddWorkingDays(Date start, int n) const;

  // The number of working days in (a, b]; minus the number in (b, a] if b < a.
  // So WorkingDaysBetween(s, *AddWorkingDays(s, n)) == n.
  Result<int> WorkingDaysBetween(Date a, Date b) const;

  // The covered range: 1 January of the first listed year to 31 December of
  // the last.
  Date first() const { return first_; }
  Date last() const { return last_; }
  bool Covers(Date d) const { return first_ <= d && d <= last_; }

 private:
  // One division's entry for a day, as GOV.UK lists it.
  struct Event {
    std::string title;
    std::string notes;
    bool bunting = true;
  };
  // Indexed like kDivisions; an empty slot means that division works that day.
  struct Holiday {
    std::optional<Event> in[3];
    uint8_t nations() const;  // bit i set when in[i] is present
  };

  Calendar() = default;
  Status CheckCovered(Date d) const;
  // Sets first_/last_ from the listed years and checks every year in between
  // lists days for all three divisions.
  Status SetRange();

  std::map<Date, Holiday> holidays_;
  Date first_;
  Date last_;
};

// The embedded copy of policies/calendar/bank-holidays.json, byte for byte
// (generated by CMake from the file at configure time; a test compares them).
std::string_view EmbeddedUkBankHolidays();

// The calendar parsed from EmbeddedUkBankHolidays(), built on first use. The
// embedded text is checked by tests, so a parse failure here is a build defect:
// it aborts with the parse error rather than return a wrong calendar.
const Calendar& UkCalendar();

}  // namespace sharetrail

#endif  // SHARETRAIL_POLICIES_CALENDAR_H_
