// The GOV.UK bank-holidays.json format (https://www.gov.uk/bank-holidays.json):
// reading it strictly, writing it back, and the calendar's digest. Strict
// because a silently skipped event would turn a bank holiday into a working
// day and move a statutory deadline.
#include <boost/json.hpp>
#include <string>

#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "policies/calendar.h"

namespace sharetrail {
namespace {

namespace json = boost::json;

constexpr std::string_view kEventFields[] = {"title", "date", "notes", "bunting"};

Result<std::string> StringField(const json::object& o, std::string_view key,
                                const std::string& where) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return InvalidArgument(where + "." + std::string(key) + ": missing");
  if (!v->is_string()) {
    return InvalidArgument(where + "." + std::string(key) + ": expected a string");
  }
  return std::string(v->get_string());
}

// A JSON string literal, escaped the way boost::json (and GOV.UK) writes it.
std::string Quote(std::string_view s) { return json::serialize(json::string(s)); }

}  // namespace

Result<Calendar> Calendar::ParseGovukJson(std::string_view text) {
  Result<json::value> parsed = ParseStrict(text);
  if (!parsed.ok()) return parsed.status().WithContext("not valid JSON: ");
  if (!parsed->is_object()) return InvalidArgument("expected a JSON object at the top level");
  const json::object& top = parsed->get_object();
  for (const auto& kv : top) {
    bool known = false;
    for (std::string_view d : kDivisions) known = known || kv.key() == d;
    if (!known) {
      return InvalidArgument("unknown division \"" + std::string(kv.key()) +
                             "\" (want england-and-wales, scotland and northern-ireland)");
    }
  }

  Calendar cal;
  for (int i = 0; i < 3; ++i) {
    const std::string division(kDivisions[i]);
    const json::value* dv = top.if_contains(division);
    if (dv == nullptr) return InvalidArgument("missing division \"" + division + "\"");
    if (!dv->is_object()) return InvalidArgument(division + ": expected an object");
    const json::object& d = dv->get_object();
    ST_ASSIGN_OR_RETURN(const std::string name, StringField(d, "division", division));
    if (name != division) {
      return InvalidArgument(division + ".division: expected \"" + division + "\", found \"" +
                             name + "\"");
    }
    const json::value* ev = d.if_contains("events");
    if (ev == nullptr) return InvalidArgument(division + ".events: missing");
    if (!ev->is_array()) return InvalidArgument(division + ".events: expected an array");
    for (const auto& kv : d) {
      if (kv.key() != "division" && kv.key() != "events") {
        return InvalidArgument(division + ": unknown field \"" + std::string(kv.key()) + "\"");
      }
    }

    const json::array& events = ev->get_array();
    std::optional<Date> prev;
    for (size_t n = 0; n < events.size(); ++n) {
      const std::string where = division + ".events[" + std::to_string(n) + "]";
      if (!events[n].is_object()) return InvalidArgument(where + ": expected an object");
      const json::object& e = events[n].get_object();
      for (const auto& kv : e) {
        bool known = false;
        for (std::string_view f : kEventFields) known = known || kv.key() == f;
        if (!known) {
          return InvalidArgument(where + ": unknown field \"" + std::string(kv.key()) + "\"");
        }
      }
      ST_ASSIGN_OR_RETURN(const std::string date_text, StringField(e, "date", where));
      Result<Date> date = ParseDate(date_text);
      if (!date.ok()) return date.status().WithContext(where + ".date: ");
      // GOV.UK lists each division in date order; holding files to that keeps
      // them reviewable and catches a day listed twice.
      if (prev && *date <= *prev) {
        return InvalidArgument(where + ".date: " + date->ToString() + " does not come after " +
                               prev->ToString() + " (events[" + std::to_string(n - 1) + "])");
      }
      prev = *date;
      ST_ASSIGN_OR_RETURN(std::string title, StringField(e, "title", where));
      if (title.empty()) return InvalidArgument(where + ".title: empty");
      ST_ASSIGN_OR_RETURN(std::string notes, StringField(e, "notes", where));
      const json::value* bunting = e.if_contains("bunting");
      if (bunting == nullptr) return InvalidArgument(where + ".bunting: missing");
      if (!bunting->is_bool()) return InvalidArgument(where + ".bunting: expected true or false");
      cal.holidays_[*date].in[i] = Event{std::move(title), std::move(notes), bunting->get_bool()};
    }
  }
  ST_RETURN_IF_ERROR(cal.SetRange());
  return cal;
}

std::string Calendar::ToGovukJson() const {
  // Written by hand rather than by json::serialize so that the layout (two
  // spaces, one key per line, GOV.UK's key order) matches the shipped file
  // byte for byte; only the strings go through the JSON escaper.
  std::string out = "{\n";
  for (int i = 0; i < 3; ++i) {
    out += "  " + Quote(kDivisions[i]) + ": {\n";
    out += "    \"division\": " + Quote(kDivisions[i]) + ",\n";
    out += "    \"events\": [";
    bool first = true;
    for (const auto& [date, holiday] : holidays_) {
      if (!holiday.in[i]) continue;
      const Event& e = *holiday.in[i];
      out += first ? "\n" : ",\n";
      first = false;
      out += "      {\n";
      out += "        \"title\": " + Quote(e.title) + ",\n";
      out += "        \"date\": \"" + date.ToString() + "\",\n";
      out += "        \"notes\": " + Quote(e.notes) + ",\n";
      out += std::string("        \"bunting\": ") + (e.bunting ? "true" : "false") + "\n";
      out += "      }";
    }
    out += first ? "]\n" : "\n    ]\n";
    out += i < 2 ? "  },\n" : "  }\n";
  }
  out += "}\n";
  return out;
}

std::string Calendar::Digest() const {
  // ToGovukJson() is valid JSON with string and bool values only, so neither
  // step can fail; if one ever did, hashing the raw text is still a faithful
  // identity of the data.
  Result<std::string> canonical = CanonicalizeText(ToGovukJson());
  return Sha256Hex(canonical.ok() ? *canonical : ToGovukJson());
}

int Calendar::EventCount(std::string_view division) const {
  int i = 0;
  while (i < 3 && kDivisions[i] != division) ++i;
  if (i == 3) return 0;
  int count = 0;
  for (const auto& entry : holidays_) count += entry.second.in[i] ? 1 : 0;
  return count;
}

}  // namespace sharetrail
