// UK non-working days, for deadlines counted in "working days" as FOIA s10(6)
// defines them: any day except a Saturday, a Sunday, Christmas Day, Good
// Friday, or a bank holiday under the Banking and Financial Dealings Act 1971
// in ANY part of the United Kingdom. A public body in England therefore loses
// St Patrick's Day and St Andrew's Day too: the Act does not ask where the
// body or the requester is.
//
// Bank holidays are set partly by proclamation, so they are data, not rules:
// policies/calendar/uk-bank-holidays.txt, embedded at build time. A date in a
// year the data does not cover is an OutOfRange error, never a guess.
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
  // Parses the uk-bank-holidays.txt format (see the file's header). Errors name
  // the 1-based line: "line 42: unknown nation \"en\"".
  static Result<Calendar> Parse(std::string_view text);

  // Whether the data lists d as a bank holiday in `nation`: "ew" (England and
  // Wales), "sc" (Scotland), "ni" (Northern Ireland) or "any". An unknown
  // nation matches nothing. This is a lookup only: it says false for any date
  // outside [first(), last()], so deadline code must use IsWorkingDay.
  bool IsBankHoliday(Date d, std::string_view nation = "any") const;

  // The listed name; else "Christmas Day" or "Good Friday" if d is one (these
  // are non-working days whatever the data says); else nullopt.
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
  struct Holiday {
    uint8_t nations = 0;  // bit set: 1 = ew, 2 = sc, 4 = ni
    std::string name;
  };

  Calendar() = default;
  Status CheckCovered(Date d) const;

  std::map<Date, Holiday> holidays_;
  Date first_;
  Date last_;
};

// The embedded copy of policies/calendar/uk-bank-holidays.txt, byte for byte
// (defined in calendar_data.cc).
std::string_view EmbeddedUkBankHolidays();

// The calendar parsed from EmbeddedUkBankHolidays(), built on first use. The
// embedded text is checked by tests, so a parse failure here is a build defect:
// it aborts with the parse error rather than return a wrong calendar.
const Calendar& UkCalendar();

}  // namespace sharetrail

#endif  // SHARETRAIL_POLICIES_CALENDAR_H_
