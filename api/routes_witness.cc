// Witnessing (C2SP tlog-witness, tlog-cosignature): POST /add-checkpoint,
// where other parties' nodes submit their checkpoints for this node to
// cosign, and the cosigned view of this node's own log.
//
// add-checkpoint is public: the log's signature on the checkpoint is the
// request's authentication (the spec). It is rate-limited per remote
// address and its body is bounded. A refusal that is evidence of a split
// view or rewritten history is recorded on this node's own ledger as
// witness.refused by the system actor; a cosignature is not (each would
// make a checkpoint to be witnessed in turn: a loop), it is the witness
// state.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>

#include "api/app.h"
#include "api/response.h"
#include "ledger/base64.h"
#include "policies/events.h"
#include "policies/world.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

// 63 proof lines of 45 bytes, the old size line and a checkpoint note with
// the signed-note cap of 100 signatures of a few hundred bytes each.
constexpr size_t kMaxAddCheckpointBody = 64 * 1024;

HttpResponse Text(int status, std::string body, std::string type = "text/plain; charset=utf-8") {
  return HttpResponse{status, std::move(type), std::move(body), {}};
}

uint64_t NowSeconds() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

// The evidence entry; its failure does not change the protocol's answer
// (the log must still be refused), so it is reported, not returned.
void RecordRefusal(App& app, const AddCheckpointRequest& req, const WitnessAnswer& a,
                   HttpResponse* out) {
  json::object actor{{"user", policy::kWitnessActor}, {"role", policy::kSystemRole}};
  // The schema's counts are JSON int64.
  json::object body;
  body["origin"] = a.checkpoint->origin;
  body["old_size"] = static_cast<int64_t>(req.old_size);
  body["size"] = static_cast<int64_t>(a.checkpoint->size);
  body["root"] = Base64(a.checkpoint->root);
  body["reason"] = a.reason.substr(0, 4000);
  body["note"] = a.note.substr(0, 4000);
  // Recorded once per checkpoint (policies/rules/witness.cc): a resubmission
  // answers as before and points at the entry already made.
  {
    auto snap = app.ledger().Read();
    if (snap.ok()) {
      auto earlier = (*snap)->Get(policy::keys::WitnessRefusal(
          a.checkpoint->origin, static_cast<int64_t>(a.checkpoint->size),
          Base64(a.checkpoint->root)));
      if (earlier.ok() && *earlier) {
        auto rec = json::parse(**earlier);
        out->headers.emplace_back("X-Sharetrail-Recorded-Seq", json::serialize(rec.at("seq")));
        return;
      }
    }
  }
  auto r = app.ledger().Append(Event{std::move(actor), "witness.refused", std::move(body)});
  if (!r.ok()) {
    std::fprintf(stderr, "sharetraild: witness.refused for %s not recorded: %s\n",
                 a.checkpoint->origin.c_str(), r.status().ToString().c_str());
    return;
  }
  out->headers.emplace_back("X-Sharetrail-Recorded-Seq", std::to_string(r->seq));
  if (app.submitter() != nullptr) app.submitter()->Notify();
}

HttpResponse AddCheckpoint(Call& c) {
  const std::string& addr = c.req.remote_addr;
  if (int64_t wait = c.app.witness_limiter().RetryAfter(addr); wait > 0) {
    HttpResponse r = Text(429, "too many add-checkpoint requests from this address\n");
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  c.app.witness_limiter().Fail(addr);  // every request counts, not only failures
  if (c.req.body_too_large || c.req.body.size() > kMaxAddCheckpointBody) {
    return Text(413, "an add-checkpoint body is at most " + std::to_string(kMaxAddCheckpointBody) +
                         " bytes\n");
  }
  if (c.app.witness() == nullptr) return Text(404, "this node witnesses no logs\n");
  auto req = AddCheckpointRequest::Parse(c.req.body);
  if (!req.ok()) return Text(400, req.status().message() + "\n");
  auto a = c.app.witness()->AddCheckpoint(*req, NowSeconds());
  if (!a.ok()) return FromStatus(a.status());
  int status = HttpStatusOf(a->verdict);
  if (a->verdict == WitnessVerdict::kCosigned) return Text(200, a->signature_lines);
  HttpResponse r = a->verdict == WitnessVerdict::kSizeConflict
                       ? Text(409, std::to_string(a->stored_size) + "\n", "text/x.tlog.size")
                       : Text(status, a->reason + "\n");
  if (a->Evidence()) RecordRefusal(c.app, *req, *a, &r);
  return r;
}

HttpResponse Cosigned(Call& c) {
  auto note = c.app.PublishedCheckpoint();
  if (!note.ok()) return FromStatus(note.status());
  return Text(200, *note);
}

// What this node's witnessing looks like from outside: its witness key and
// the logs it witnesses, and how its own submissions fare.
HttpResponse Status(Call& c) {
  json::object out;
  if (Witness* w = c.app.witness()) {
    out["vkey"] = w->cosigner().Verifier().Vkey();
    json::array logs;
    for (const std::string& origin : w->Origins()) {
      auto latest = w->Latest(origin);
      if (!latest.ok()) return FromStatus(latest.status());
      logs.push_back(json::object{{"origin", origin}, {"cosigned", *latest}});
    }
    out["witnessing"] = std::move(logs);
  }
  json::array submissions;
  if (WitnessSubmitter* s = c.app.submitter()) {
    auto notes = s->CosignedNotes();
    auto status = s->Status();
    for (size_t i = 0; i < status.size(); ++i) {
      submissions.push_back(json::object{{"witness", status[i].name},
                                         {"known_size", status[i].known_size},
                                         {"cosigned_size", status[i].cosigned_size},
                                         {"cosigned", notes[i].second},
                                         {"last_error", status[i].last_error}});
    }
  }
  out["submissions"] = std::move(submissions);
  return Json(200, out);
}

}  // namespace

std::vector<Route> WitnessRoutes() {
  return {
      {"POST",
       "/add-checkpoint",
       Access::kPublic,
       {},
       AddCheckpoint,
       "C2SP tlog-witness: cosign another party's checkpoint if consistent"},
      {"GET",
       "/api/v1/checkpoint/cosigned",
       Access::kPublic,
       {},
       Cosigned,
       "The latest checkpoint with every witness cosignature held for it"},
      {"GET",
       "/api/v1/witness",
       Access::kPublic,
       {},
       Status,
       "This node's witness key, the logs it witnesses and its own submissions"},
  };
}

}  // namespace sharetrail::api
