// Apply for the events that open and close duties: incidents needing
// consultation, register requests, s117/s119 matters, JTAI portal data.
#include "ledger/canonical_json.h"
#include "policies/engine.h"
#include "policies/index.h"
#include "policies/records.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Result<json::object> Existing(const World& w, const std::string& key) {
  ST_ASSIGN_OR_RETURN(auto rec, w.Record(key));
  if (!rec) return Corruption("state record " + key + " missing for a decided event");
  return std::move(*rec);
}

}  // namespace

Status ApplyDuties(const Entry& entry, const json::object& b, const std::string& party,
                   StateWriter* s, const World& w) {
  const std::string& t = entry.event.type;
  std::string day = entry.time.substr(0, 10);
  auto index = [&](std::string_view name, std::string_view value, std::string_view v = "") {
    return s->Put(IndexKey(name, value, entry.seq), v);
  };
  if (t == "incident.reported") {
    // Everyone else party to the agreement is to be consulted (seed 000 §14).
    ST_ASSIGN_OR_RETURN(auto agreement, w.FindAgreement(Str(b, "agreement")));
    json::array consult;
    bool duty = false;
    if (agreement) {
      for (const RuleSpec* r : agreement->Rules("incident_consultation")) {
        duty = duty || Contains(r->Strings("incident_kinds"), Str(b, "kind"));
      }
      for (const auto& p : agreement->parties) {
        if (duty && p != party) consult.push_back(json::value(p));
      }
    }
    ST_RETURN_IF_ERROR(index("agreement", Str(b, "agreement")));
    return PutRecord(s, keys::Incident(Str(b, "incident")),
                     json::object{{"seq", entry.seq},
                                  {"kind", b.at("kind")},
                                  {"agreement", b.at("agreement")},
                                  {"by", party},
                                  {"reported", day},
                                  {"consult", consult},
                                  {"consulted", json::array()}});
  }
  if (t == "incident.consulted") {
    std::string key = keys::Incident(Str(b, "incident"));
    ST_ASSIGN_OR_RETURN(json::object rec, Existing(w, key));
    if (!Contains(List(rec, "consulted"), Str(b, "with"))) {
      rec["consulted"].as_array().push_back(b.at("with"));
    }
    ST_RETURN_IF_ERROR(index("party", Str(b, "with")));
    return PutRecord(s, key, rec);
  }
  if (t == "register.requested") {
    return PutRecord(s, keys::Request(Str(b, "request")),
                     json::object{{"seq", entry.seq},
                                  {"party", party},
                                  {"user", Str(entry.event.actor, "user")},
                                  {"role", Str(entry.event.actor, "role")},
                                  {"standing", b.at("standing")},
                                  {"fields", b.at("fields")},
                                  {"purpose", b.at("purpose")},
                                  {"area", b.at("area")},
                                  {"created", day},
                                  {"confirmed", day}});
  }
  if (t == "standing_request.reconfirmed") {
    std::string key = keys::Request(Str(b, "request"));
    ST_ASSIGN_OR_RETURN(json::object rec, Existing(w, key));
    rec["confirmed"] = day;
    return PutRecord(s, key, rec);
  }
  if (t == "purpose.use") {
    return index("beyond-purpose", day.substr(0, 4), "authorised");
  }
  if (t == "matter.raised") {
    ST_RETURN_IF_ERROR(index("party", Str(b, "to")));
    return PutRecord(s, keys::Matter(Str(b, "matter")),
                     json::object{{"seq", entry.seq},
                                  {"section", b.at("section")},
                                  {"from", party},
                                  {"to", b.at("to")},
                                  {"raised", day}});
  }
  if (t == "matter.answered") {
    std::string key = keys::Matter(Str(b, "matter"));
    ST_ASSIGN_OR_RETURN(json::object rec, Existing(w, key));
    rec["answered"] = entry.seq;
    rec["answered_on"] = day;
    return PutRecord(s, key, rec);
  }
  if (t == "jtai.requested") {
    ST_RETURN_IF_ERROR(index("party", Str(b, "agency")));
    return PutRecord(
        s, keys::Jtai(Str(b, "inspection"), Str(b, "request")),
        json::object{{"seq", entry.seq}, {"inspectorate", party}, {"agency", b.at("agency")}});
  }
  if (t == "inspection.ended") {
    return PutRecord(s, keys::Inspection(Str(b, "inspection")),
                     json::object{{"seq", entry.seq}, {"ended", b.at("date")}});
  }
  if (t == "jtai.removed") {
    std::string key = keys::Jtai(Str(b, "inspection"), Str(b, "request"));
    ST_ASSIGN_OR_RETURN(json::object rec, Existing(w, key));
    rec["removed"] = entry.seq;
    return PutRecord(s, key, rec);
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
