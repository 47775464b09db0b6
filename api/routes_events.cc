// Recording events: POST /api/v1/events proposes one event to the rule
// engine as the signed-in user and answers with the decision once the entry
// is durable: 201 when allowed (with warnings, if any), 422 when refused
// (the refusal itself is recorded; its seq is in the answer), 400 when
// malformed (nothing is recorded). /events/dry-run decides without
// recording.
#include <boost/json/parse.hpp>
#include <ctime>

#include "api/app.h"
#include "api/response.h"
#include "ledger/canonical_json.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

struct Proposed {
  std::string type, role;
  json::object body;
};

// {"type": "...", "body": {...}, "role"?: "..."}; the actor is never taken
// from the request body.
Result<Proposed> ParseProposal(const HttpRequest& req) {
  if (!req.Header("content-type").starts_with("application/json")) {
    return InvalidArgument("Content-Type: expected application/json");
  }
  ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(req.body));
  if (!v.is_object()) return InvalidArgument("body: expected a JSON object {type, body, role?}");
  Proposed p;
  for (const auto& kv : v.as_object()) {
    std::string key(kv.key());
    if (key == "type" && kv.value().is_string()) {
      p.type = std::string(kv.value().as_string());
    } else if (key == "role" && kv.value().is_string()) {
      p.role = std::string(kv.value().as_string());
    } else if (key == "body" && kv.value().is_object()) {
      p.body = kv.value().as_object();
    } else if (key == "actor") {
      return InvalidArgument("actor: the actor is the signed-in user; name a role with \"role\"");
    } else if (key == "type" || key == "role" || key == "body") {
      return InvalidArgument(key +
                             (key == "body" ? ": expected an object" : ": expected a string"));
    } else {
      return InvalidArgument(key + ": unknown field (expected type, body, role)");
    }
  }
  if (p.type.empty()) return InvalidArgument("type: required");
  if (!v.as_object().contains("body")) return InvalidArgument("body: required");
  return p;
}

// The vault's events say what was done to bytes this route never sees:
// payload.stored comes with the bytes (PUT /api/v1/items/{item}/payload),
// payload.shredded from the server once it has destroyed a key.
Status VaultEventElsewhere(const std::string& type) {
  if (type == "payload.stored") {
    return InvalidArgument(
        "type: payload.stored is recorded with the bytes, by PUT "
        "/api/v1/items/{item}/payload");
  }
  if (type == "payload.shredded") {
    return InvalidArgument(
        "type: payload.shredded is recorded by the server when it destroys "
        "the payload's key, after the item's last disposal");
  }
  return Status::Ok();
}

HttpResponse Record(Call& c) {
  auto p = ParseProposal(c.req);
  if (!p.ok()) return FromStatus(p.status());
  if (Status s = VaultEventElsewhere(p->type); !s.ok()) return FromStatus(s);
  auto r = c.app.Propose(*c.who, p->type, std::move(p->body), p->role);
  if (!r.ok()) return FromStatus(r.status());
  json::value outcome = json::parse(r->outcome);
  if (outcome.at("type") == "refused") return Refused(422, r->outcome);
  if (p->type == "disposed") {
    // The last copy gone: its payload's key goes too, before the answer.
    // A failure here leaves the disposal recorded and the shred pending
    // (verify reports it; `sharetrail vault recover` completes it).
    json::array shredded;
    auto done = c.app.ShredPending(*c.who, p->role);
    if (done.ok()) {
      for (const auto& s : *done) {
        shredded.push_back(json::object{{"item", s.item},
                                        {"seq", s.recorded.seq},
                                        {"recorded", s.refused ? "refused" : "payload.shredded"}});
      }
      outcome.as_object()["payloads_shredded"] = std::move(shredded);
    } else {
      outcome.as_object()["shred_pending"] = done.status().ToString();
    }
  }
  HttpResponse resp = Json(201, outcome);
  resp.headers.emplace_back("Location", "/api/v1/proof/inclusion?seq=" + std::to_string(r->seq));
  return resp;
}

HttpResponse DryRun(Call& c) {
  auto p = ParseProposal(c.req);
  if (!p.ok()) return FromStatus(p.status());
  json::object actor{{"user", c.who->user}};
  if (!p->role.empty()) actor["role"] = p->role;
  Event e{std::move(actor), p->type, std::move(p->body)};
  Status valid = ValidateEvent(e);
  if (!valid.ok()) return FromStatus(valid);
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto size = (*snap)->Size();
  if (!size.ok()) return FromStatus(size.status());
  std::string now = FormatTime(static_cast<int64_t>(std::time(nullptr)) * 1000000);
  auto d = c.app.engine().Evaluate(**snap, Slot{*size, now}, e);
  if (!d.ok()) return FromStatus(d.status());
  return Json(200, json::object{{"seq", nullptr},
                                {"type", d->refused() ? "refused" : e.type},
                                {"proposed", e.type},
                                {"dry_run", true},
                                {"decision", d->ToJson()}});
}

}  // namespace

std::vector<Route> EventRoutes() {
  return {
      {"POST",
       "/api/v1/events",
       Access::kUser,
       {},
       Record,
       "Propose an event as the signed-in user; the decision comes back"},
      {"POST",
       "/api/v1/events/dry-run",
       Access::kUser,
       {},
       DryRun,
       "Decide an event without recording it"},
  };
}

}  // namespace sharetrail::api
