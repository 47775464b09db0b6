#include "policies/calendar.h"

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace sharetrail {
namespace {

constexpr uint8_t kEw = 1;
constexpr uint8_t kSc = 2;
constexpr uint8_t kNi = 4;
constexpr uint8_t kAnyNation = kEw | kSc | kNi;

struct NationCode {
  std::string_view code;
  uint8_t bit;
};
constexpr NationCode kNations[] = {{"ew", kEw}, {"sc", kSc}, {"ni", kNi}};

uint8_t NationBit(std::string_view code) {
  for (const auto& n : kNations) {
    if (n.code == code) return n.bit;
  }
  return 0;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

Result<uint8_t> ParseNations(std::string_view field) {
  uint8_t mask = 0;
  for (std::string_view code : Split(field, ',')) {
    const uint8_t bit = NationBit(code);
    if (bit == 0) {
      return InvalidArgument("unknown nation \"" + std::string(code) + "\" (want ew, sc or ni)");
    }
    if (mask & bit) return InvalidArgument("nation " + std::string(code) + " listed twice");
    mask |= bit;
  }
  return mask;
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

Result<Calendar> Calendar::Parse(std::string_view text) {
  Calendar cal;
  int line_no = 0;
  int prev_line_no = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    // Split leaves one empty piece after a final newline; that is not a line.
    if (line.empty() || line[0] == '#' || IsBlank(line)) continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (line.find('\r') != std::string_view::npos) {
      return InvalidArgument(where + "carriage return; the file must use LF line endings");
    }
    const std::vector<std::string_view> fields = Split(line, '\t');
    if (fields.size() != 3) {
      return InvalidArgument(where + "expected YYYY-MM-DD<TAB>nations<TAB>name, found " +
                             std::to_string(fields.size()) + " tab-separated fields");
    }
    Result<Date> date = ParseDate(fields[0]);
    if (!date.ok()) return date.status().WithContext(where);
    Result<uint8_t> nations = ParseNations(fields[1]);
    if (!nations.ok()) return nations.status().WithContext(where);
    if (fields[2].empty()) return InvalidArgument(where + "the holiday has no name");
    // Ascending order keeps the file reviewable and catches a day listed twice.
    if (!cal.holidays_.empty() && *date <= cal.holidays_.rbegin()->first) {
      return InvalidArgument(where + date->ToString() + " does not come after " +
                             cal.holidays_.rbegin()->first.ToString() + " on line " +
                             std::to_string(prev_line_no));
    }
    cal.holidays_.emplace(*date, Holiday{*nations, std::string(fields[2])});
    prev_line_no = line_no;
  }
  if (cal.holidays_.empty()) return InvalidArgument("no holidays listed");

  cal.first_ = Date{cal.holidays_.begin()->first.year, 1, 1};
  cal.last_ = Date{cal.holidays_.rbegin()->first.year, 12, 31};
  // Coverage is claimed for whole years, so a year missing in the middle (or
  // one nation's lines dropped) would silently turn holidays into working days.
  for (int year = cal.first_.year; year <= cal.last_.year; ++year) {
    uint8_t seen = 0;
    for (auto it = cal.holidays_.lower_bound(Date{year, 1, 1});
         it != cal.holidays_.end() && it->first.year == year; ++it) {
      seen |= it->second.nations;
    }
    for (const auto& n : kNations) {
      if (!(seen & n.bit)) {
        return InvalidArgument("year " + std::to_string(year) + " lists no holidays for " +
                               std::string(n.code));
      }
    }
  }
  return cal;
}

bool Calendar::IsBankHoliday(Date d, std::string_view nation) const {
  const uint8_t want = nation == "any" ? kAnyNation : NationBit(nation);
  const auto it = holidays_.find(d);
  return it != holidays_.end() && (it->second.nations & want) != 0;
}

std::optional<std::string> Calendar::HolidayName(Date d) const {
  if (const auto it = holidays_.find(d); it != holidays_.end()) return it->second.name;
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
    Result<Calendar> cal = Calendar::Parse(EmbeddedUkBankHolidays());
    if (!cal.ok()) {
      std::fprintf(stderr, "embedded UK bank holiday data: %s\n", cal.status().ToString().c_str());
      std::abort();
    }
    return new Calendar(std::move(cal).value());
  }();
  return *kCalendar;
}

}  // namespace sharetrail
