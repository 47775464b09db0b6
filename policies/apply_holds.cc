// Apply for holds, retention triggers and the disposition path.
#include "ledger/canonical_json.h"
#include "policies/engine.h"
#include "policies/index.h"
#include "policies/records.h"
#include "policies/rules/disposal.h"

namespace sharetrail::policy {
namespace json = boost::json;

Status ApplyErasure(const Entry& entry, const json::object& b, const std::string& party,
                    StateWriter* s, const World& w);

Status ApplyHolds(const Entry& entry, const json::object& b, const std::string& party,
                  StateWriter* s, const World& w) {
  const std::string& t = entry.event.type;
  const std::string day = entry.time.substr(0, 10);
  const std::string user = Str(entry.event.actor, "user");
  if (t == "hold.placed") {
    json::object h{
        {"seq", entry.seq},         {"scope", b.at("scope")}, {"authority", b.at("authority")},
        {"reason", b.at("reason")}, {"placed", day},          {"by", party}};
    h["user"] = user;
    if (b.contains("reference")) h["reference"] = b.at("reference");
    if (b.contains("target")) h["target"] = b.at("target");
    if (Str(b, "scope") == "item") {
      ST_RETURN_IF_ERROR(s->Put(IndexKey("item", Str(b, "target"), entry.seq), ""));
    }
    return PutRecord(s, keys::Hold(Str(b, "hold")), h);
  }
  if (t == "hold.lifted") {
    std::string key = keys::Hold(Str(b, "hold"));
    ST_ASSIGN_OR_RETURN(auto h, w.Record(key));
    if (!h) return Corruption("hold.lifted of unknown hold " + Str(b, "hold"));
    (*h)["lifted"] = json::object{{"seq", entry.seq}, {"date", day}, {"by", user}};
    return PutRecord(s, key, *h);
  }
  if (t == "retention.trigger") {
    return PutRecord(s, keys::Trigger(Str(b, "item"), Str(b, "trigger")),
                     json::object{{"seq", entry.seq}, {"date", b.at("date")}});
  }
  if (t == "payload.stored" || t == "payload.shredded") {
    std::string key = keys::Item(Str(b, "item"));
    ST_ASSIGN_OR_RETURN(auto item, w.Record(key));
    if (!item) return Corruption(t + " of unknown item " + Str(b, "item"));
    if (t == "payload.stored") {
      (*item)["payload"] = json::object{{"seq", entry.seq}, {"size", b.at("size")}};
    } else {
      (*item)["payload"].as_object()["shredded"] = entry.seq;
      std::string rkey = keys::DeletionRequest(Str(b, "request"));
      ST_ASSIGN_OR_RETURN(auto req, w.Record(rkey));
      if (req) {
        (*req)["shredded"] = entry.seq;
        ST_RETURN_IF_ERROR(PutRecord(s, rkey, *req));
      }
    }
    return PutRecord(s, key, *item);
  }
  if (t == "erasure.requested") return ApplyErasure(entry, b, party, s, w);
  if (t == "deletion.requested") {
    return PutRecord(s, keys::DeletionRequest(Str(b, "request")),
                     json::object{{"seq", entry.seq},
                                  {"item", b.at("item")},
                                  {"party", party},
                                  {"user", user},
                                  {"requested", day},
                                  {"state", "pending"}});
  }
  if (t == "disposition.declined") {
    std::string key = keys::DeletionRequest(Str(b, "request"));
    ST_ASSIGN_OR_RETURN(auto req, w.Record(key));
    if (!req) return Corruption(t + " of unknown request " + Str(b, "request"));
    (*req)["state"] = "declined";
    (*req)["declined"] = json::object{{"seq", entry.seq}, {"by", user}, {"date", day}};
    ST_RETURN_IF_ERROR(s->Put(IndexKey("item", Str(*req, "item"), entry.seq), ""));
    return PutRecord(s, key, *req);
  }
  if (t == "disposition.approved" || t == "disposed") {
    std::string key = keys::DeletionRequest(Str(b, "request"));
    ST_ASSIGN_OR_RETURN(auto req, w.Record(key));
    if (!req) return Corruption(t + " of unknown request " + Str(b, "request"));
    ST_RETURN_IF_ERROR(s->Put(IndexKey("item", Str(*req, "item"), entry.seq), ""));
    if (t == "disposition.approved") {
      (*req)["state"] = "approved";
      (*req)["approved"] = json::object{{"seq", entry.seq}, {"by", user}, {"date", day}};
      return PutRecord(s, key, *req);
    }
    (*req)["state"] = "disposed";
    (*req)["disposed"] =
        json::object{{"seq", entry.seq}, {"date", day}, {"method", b.at("method")}};
    std::string item = Str(*req, "item");
    // The party's copy is gone; other parties' copies are theirs to keep.
    ST_RETURN_IF_ERROR(s->Delete(keys::Held(item, party)));
    ST_RETURN_IF_ERROR(s->Put(IndexKey("disposal", day.substr(0, 4), entry.seq), ""));
    return PutRecord(s, key, *req);
  }
  return Status::Ok();
}

// A refused deletion request is kept, so it can come back for review once
// what refused it (a hold) is gone.
Status ApplyRefusedDeletion(const Entry& entry, const json::object& attempt,
                            const json::object& decision, const std::string& party, StateWriter* s,
                            const World& w) {
  const json::object& b = attempt.at("body").as_object();
  std::string key = keys::DeletionRequest(Str(b, "request"));
  ST_ASSIGN_OR_RETURN(bool exists, w.Exists(key));
  if (exists) return Status::Ok();  // a refused approval or disposal of a known request
  json::array rules;
  for (const auto& f : decision.at("findings").as_array()) {
    if (Str(f.as_object(), "severity") == "refuse") rules.push_back(f.as_object().at("rule"));
  }
  return PutRecord(s, key,
                   json::object{{"seq", entry.seq},
                                {"item", b.at("item")},
                                {"party", party},
                                {"user", Str(entry.event.actor, "user")},
                                {"requested", entry.time.substr(0, 10)},
                                {"state", "refused"},
                                {"refused_by", rules}});
}

// An erasure request, allowed or refused, leaves one deletion request per
// item the party held (<request>.<n>): pending where nothing blocks it,
// refused (with the blocking rules) where something does, so a refusal by a
// hold comes back to disposition review when the hold is lifted, as any
// deletion request's does. The blockers are re-derived from the state the
// decision saw, so this replays exactly.
Status ApplyErasure(const Entry& entry, const json::object& b, const std::string& party,
                    StateWriter* s, const World& w) {
  const std::string day = entry.time.substr(0, 10);
  ST_ASSIGN_OR_RETURN(Date today, ParseDate(day));
  ST_ASSIGN_OR_RETURN(auto items, ErasureItems(w, Str(b, "subject"), party, today));
  json::array list;
  int n = 0;
  for (const ErasureItem& e : items) {
    std::string id = Str(b, "request") + "." + std::to_string(++n);
    json::object req{{"seq", entry.seq},
                     {"item", e.item},
                     {"party", party},
                     {"user", Str(entry.event.actor, "user")},
                     {"requested", day},
                     {"erasure", b.at("request")},
                     {"state", "pending"}};
    if (e.blockers.refused()) {
      json::array rules;
      for (const Finding& f : e.blockers.findings()) {
        if (f.severity == Outcome::kRefuse) rules.push_back(json::value(f.rule));
      }
      req["state"] = "refused";
      req["refused_by"] = rules;
    }
    ST_RETURN_IF_ERROR(PutRecord(s, keys::DeletionRequest(id), req));
    ST_RETURN_IF_ERROR(s->Put(IndexKey("item", e.item, entry.seq), ""));
    list.push_back(json::object{{"item", e.item}, {"delreq", id}, {"state", req.at("state")}});
  }
  return PutRecord(s, keys::Erasure(Str(b, "request")),
                   json::object{{"seq", entry.seq},
                                {"subject", b.at("subject")},
                                {"party", party},
                                {"requested", day},
                                {"items", list}});
}

}  // namespace sharetrail::policy
