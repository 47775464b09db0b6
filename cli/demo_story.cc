#include "cli/demo_story.h"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "ledger/hash.h"
#include "policies/calendar.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

Story::Story(int year, uint64_t seed) : year_(year), rng_(seed) {
  for (Date d = first(); d <= last(); d = AddDays(d, 1)) {
    if (IsWorkingDay(d)) working_days_.push_back(d);
  }
}

bool Story::IsWorkingDay(Date d) const {
  return Weekday(d) <= 5 && !UkCalendar().IsBankHoliday(d, "ew");
}

Date Story::opened() const {
  Date d{year_ - 1, 6, 1};
  while (!IsWorkingDay(d)) d = AddDays(d, 1);
  return d;
}

Date Story::AddWorkingDays(Date d, int n) const {
  while (n > 0) {
    d = AddDays(d, 1);
    if (IsWorkingDay(d)) --n;
  }
  return d;
}

// Rejection sampling rather than std::uniform_int_distribution, whose
// algorithm the standard leaves to the library: the output must not change
// with the compiler.
uint64_t Story::Below(uint64_t n) {
  if (n <= 1) return 0;
  const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t x;
  do {
    x = rng_();
  } while (x >= limit);
  return x % n;
}

void Story::Emit(Date d, std::string_view user, std::string_view type, json::object body) {
  json::object event{{"actor", json::object{{"user", user}}}, {"type", type}, {"body", body}};
  lines_.push_back(Line{d, lines_.size(), json::serialize(event)});
}

void Story::Item(Date d, std::string_view user, json::object body) {
  std::string id(body.at("item").as_string());
  json::object full{{"item", id}};
  for (auto& kv : body) full[kv.key()] = kv.value();
  if (!full.contains("owner")) full["owner"] = PartyOf(user);
  if (!full.contains("digest")) full["digest"] = Digest("document:" + id);
  if (!full.contains("evidence_date")) full["evidence_date"] = d.ToString();
  Emit(d, user, "item.registered", std::move(full));
}

void Story::Access(Date d, std::string_view user, std::string_view item, std::string_view purpose) {
  Emit(d, user, "access", {{"item", item}, {"purpose", purpose}});
}

std::vector<std::pair<Date, std::string>> Story::Days(std::optional<Date> until) const {
  std::vector<std::pair<Date, std::string>> days;
  std::vector<const Line*> sorted;
  for (const Line& l : lines_) {
    if (!until || l.date <= *until) sorted.push_back(&l);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Line* a, const Line* b) { return a->date < b->date; });
  for (const Line* l : sorted) {
    if (days.empty() || days.back().first != l->date) days.emplace_back(l->date, "");
    days.back().second += l->text;
    days.back().second += '\n';
  }
  return days;
}

std::string Story::Lines(std::optional<Date> until) const {
  std::string out;
  for (const auto& [date, text] : Days(until)) out += text;
  return out;
}

std::string Digest(std::string_view s) { return Sha256Hex(s); }

std::string Subject(std::string_view s) {
  return "subj-" + Digest("subject:" + std::string(s)).substr(0, 10);
}

Story MakeYear(int year, uint64_t seed) {
  Story s(year, seed);
  Directory(s);
  Governance(s);
  Incidents(s);
  Inspections(s);
  JointWork(s);
  Register(s);
  Requests(s);
  return s;
}

}  // namespace sharetrail::cli::demo
