#include "policies/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger/canonical_json.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Event Make(const std::string& actor, std::string type, json::object body) {
  return Event{json::object{{"user", actor}}, std::move(type), std::move(body)};
}

}  // namespace

Result<std::vector<Event>> PartyEvents(const std::string& parties_json, const std::string& actor) {
  ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(parties_json));
  const json::value* list = v.is_object() ? v.as_object().if_contains("parties") : nullptr;
  if (list == nullptr || !list->is_array()) return InvalidArgument("expected {\"parties\": [...]}");
  std::vector<Event> out;
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    std::string at = "parties[" + std::to_string(i) + "]";
    const json::value& p = list->as_array()[i];
    if (!p.is_object()) return InvalidArgument(at + ": expected an object");
    const json::object& o = p.as_object();
    json::object teams;
    if (const json::value* t = o.if_contains("teams"); t && t->is_array()) {
      for (const auto& team : t->as_array()) {
        if (!team.is_object() || !team.as_object().contains("id") ||
            !team.as_object().contains("name")) {
          return InvalidArgument(at + ".teams: each team needs an id and a name");
        }
        teams[team.as_object().at("id").as_string()] = team.as_object().at("name");
      }
    }
    for (const char* k : {"id", "name", "kind"}) {
      if (!o.contains(k)) return InvalidArgument(at + "." + k + ": required");
    }
    out.push_back(Make(actor, "party.registered",
                       json::object{{"party", o.at("id")},
                                    {"name", o.at("name")},
                                    {"kind", o.at("kind")},
                                    {"teams", std::move(teams)}}));
  }
  return out;
}

Result<Event> AgreementEvent(const std::string& agreement_json, const std::string& actor) {
  ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(agreement_json));
  if (!v.is_object()) return InvalidArgument("an agreement file holds one JSON object");
  return Make(actor, "agreement.registered", json::object{{"agreement", std::move(v)}});
}

Result<std::vector<Event>> PolicyEvents(const std::string& dir, const std::string& actor) {
  std::string parties_path = dir + "/parties.json";
  ST_ASSIGN_OR_RETURN(std::string parties, ReadFile(parties_path));
  auto events = PartyEvents(parties, actor);
  if (!events.ok()) return events.status().WithContext(parties_path + ": ");
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/agreements", ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  }
  if (ec) return IOError("listing " + dir + "/agreements: " + ec.message());
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    ST_ASSIGN_OR_RETURN(std::string text, ReadFile(f));
    auto ev = AgreementEvent(text, actor);
    if (!ev.ok()) return ev.status().WithContext(f + ": ");
    events->push_back(std::move(ev).value());
  }
  return events;
}

}  // namespace sharetrail::policy
