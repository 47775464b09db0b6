#include "policies/calendar.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace sharetrail {
namespace {

constexpr uint8_t kAnyNation = 0b111;

// "ew", "sc", "ni" (the short codes) or the GOV.UK division names.
uint8_t NationBit(std::string_view code) {
  constexpr std::string_view kShort[] = {"ew", "sc", "ni"};
  for (int i = 0; i < 3; ++i) {
    if (code == kShort[i] || code == Calendar::kDivisions[i]) return uint8_t{1} << i;
  }
  return 0;
}

}  // namespace

Date EasterSunday(int year) {
  // Meeus/Jones/Butcher: a is the year's place in the 19-year Metonic cycle,
  // h the epact-like age of the paschal moon, l the days from it to Sunday;
  // b..g are the Gregorian corrections for century leap years and lunar drift.
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return Date{year, n / 31, n % 31 + 1};
}

Date GoodFriday(int year) { return AddDays(EasterSunday(year), -2); }

uint8_t Calendar::Holiday::nations() const {
  uint8_t mask = 0;
  for (int i = 0; i < 3; ++i) {
    if (in[i]) mask |= uint8_t{1} << i;
  }
  return mask;
}

Status Calendar::SetRange() {
  if (holidays_.empty()) return InvalidArgument("no holidays listed");
  first_ = Date{holidays_.begin()->first.year, 1, 1};
  last_ = Date{holidays_.rbegin()->first.year, 12, 31};
  // Coverage is claimed for whole years, so a year missing in the middle (or
  // one division's days dropped) would silently turn holidays into working days.
  for (int year = first_.year; year <= last_.year; ++year) {
    uint8_t seen = 0;
    for (auto it = holidays_.lower_bound(Date{year, 1, 1});
         it != holidays_.end() && it->first.year == year; ++it) {
      seen |= it->second.nations();
    }
    for (int i = 0; i < 3; ++i) {
      if (!(seen & (1 << i))) {
        return InvalidArgument("year " + std::to_string(year) + " lists no holidays for " +
                               std::string(kDivisions[i]));
      }
    }
  }
  return Status::Ok();
}

bool Calendar::IsBankHoliday(Date d, std::string_view nation) const {
  const uint8_t want = nation == "any" ? kAnyNation : NationBit(nation);
  const auto it = holidays_.find(d);
  return it != holidays_.end() && (it->second.nations() & want) != 0;
}

std::optional<std::string> Calendar::HolidayName(Date d) const {
  if (const auto it = holidays_.find(d); it != holidays_.end()) {
    for (const auto& event : it->second.in) {
      if (!event) continue;
      if (event->notes.empty()) return event->title;
      // GOV.UK writes "Substitute day"; inside brackets after a title it reads
      // better in lower case.
      std::string notes = event->notes;
      if (notes[0] >= 'A' && notes[0] <= 'Z') notes[0] = static_cast<char>(notes[0] - 'A' + 'a');
      return event->title + " (" + notes + ")";
    }
  }
  if (d.month == 12 && d.day == 25) return "Christmas Day";
  if (d == GoodFriday(d.year)) return "Good Friday";
  return std::nullopt;
}

Status Calendar::CheckCovered(Date d) const {
  if (Covers(d)) return Status::Ok();
  return OutOfRange("no UK bank holiday data for " + std::to_string(d.year) + " (needed for " +
                    d.ToString() + "); the calendar covers " + first_.ToString() + " to " +
                    last_.ToString());
}

Result<bool> Calendar::IsWorkingDay(Date d) const {
  ST_RETURN_IF_ERROR(CheckCovered(d));
  if (Weekday(d) >= 6) return false;
  // By rule as well as by data: s10(6) names these two in their own right.
  if (d.month == 12 && d.day == 25) return false;
  if (d == GoodFriday(d.year)) return false;
  return !holidays_.contains(d);
}

Result<Date> Calendar::AddWorkingDays(Date start, int n) const {
  if (n < 0) return InvalidArgument("working-day count " + std::to_string(n) + " is negative");
  Date d = start;
  for (int counted = 0; counted < n;) {
    d = AddDays(d, 1);
    ST_ASSIGN_OR_RETURN(const bool working, IsWorkingDay(d));
    if (working) ++counted;
  }
  return d;
}

Result<int> Calendar::WorkingDaysBetween(Date a, Date b) const {
  if (b < a) {
    ST_ASSIGN_OR_RETURN(const int back, WorkingDaysBetween(b, a));
    return -back;
  }
  int count = 0;
  for (Date d = AddDays(a, 1); d <= b; d = AddDays(d, 1)) {
    ST_ASSIGN_OR_RETURN(const bool working, IsWorkingDay(d));
    if (working) ++count;
  }
  return count;
}

const Calendar& UkCalendar() {
  // Never destroyed, so it stays valid during static destruction elsewhere.
  static const Calendar* const kCalendar = [] {
    Result<Calendar> cal = Calendar::ParseGovukJson(EmbeddedUkBankHolidays());
    if (!cal.ok()) {
      std::fprintf(stderr, "embedded UK bank holiday data: %s\n", cal.status().ToString().c_str());
      std::abort();
    }
    return new Calendar(std::move(cal).value());
  }();
  return *kCalendar;
}

}  // namespace sharetrail
