// Reading one item: GET /api/v1/items/{id} (its registered record),
// /items/{id}/provenance (every entry on it, each with an inclusion proof)
// and /items/{id}/payload (the bytes the vault keeps for it). Every such
// read is first proposed as an `access` event: the engine decides it (party
// scope, embargo; auditors read everything) and the ledger records it,
// allowed or refused, before anything is shown. PUT /items/{id}/payload
// seals the bytes in the vault and records payload.stored (issue 5).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/app.h"
#include "api/response.h"
#include "ledger/hash.h"
#include "policies/queries.h"
#include "policies/schema.h"
#include "policies/world.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

// An answer (400 or 404) if `item` is not an item on this ledger.
std::optional<HttpResponse> UnknownItem(Call& c, const std::string& item) {
  if (!policy::IsId(item))
    return Error(400, "invalid_argument", "item: expected an item id", "item");
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto exists = c.app.engine().MakeWorld(**snap).Exists(policy::keys::Item(item));
  if (!exists.ok()) return FromStatus(exists.status());
  if (!*exists) return Error(404, "not_found", "no item \"" + item + "\" on this ledger", "item");
  return std::nullopt;
}

// Records the read; returns an answer only if the read may not go ahead.
// `out` (if given) holds the recorded access.
std::optional<HttpResponse> RecordAccess(Call& c, const std::string& item, const std::string& what,
                                         AppendResult* out = nullptr) {
  if (auto unknown = UnknownItem(c, item)) return unknown;
  return Gate(c, "access", {{"item", item}, {"purpose", "api: " + what}}, out);
}

// With provenance=true the answer is {record, provenance}: one read, one
// access event, for a page that shows both.
HttpResponse Item(Call& c) {
  auto with = c.params.Bool("provenance");
  if (!with.ok()) return FromStatus(with.status());
  auto page = c.params.Page();
  if (!page.ok()) return FromStatus(page.status());
  if (auto denied =
          RecordAccess(c, c.args[0], *with ? "item record and provenance" : "item record"))
    return *denied;
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto rec = c.app.engine().MakeWorld(**snap).Record(policy::keys::Item(c.args[0]));
  if (!rec.ok()) return FromStatus(rec.status());
  if (!*with) return Json(200, **rec);
  auto t = policy::ProvenanceWithProofs(c.app.ledger(), **snap, c.args[0], *page, false);
  if (!t.ok()) return FromStatus(t.status());
  return Json(200, json::object{{"record", **rec}, {"provenance", TableJson(*t)}});
}

HttpResponse Provenance(Call& c) {
  auto page = c.params.Page();
  if (!page.ok()) return FromStatus(page.status());
  auto proofs = c.params.Bool("proofs");
  if (!proofs.ok()) return FromStatus(proofs.status());
  if (auto denied = RecordAccess(c, c.args[0], "provenance")) return *denied;
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto t = policy::ProvenanceWithProofs(c.app.ledger(), **snap, c.args[0], *page, *proofs);
  if (!t.ok()) return FromStatus(t.status());
  return TableResponse(*t, c.req);
}

// Sealed in the vault first (durable before the entry acknowledging it),
// then proposed; withdrawn again if the engine refuses it or it fails.
HttpResponse PutPayload(Call& c) {
  const std::string& item = c.args[0];
  if (!c.req.Header("content-type").starts_with("application/octet-stream")) {
    return Error(400, "invalid_argument",
                 "Content-Type: expected application/octet-stream (the payload's bytes)");
  }
  if (c.req.body.empty()) return Error(400, "invalid_argument", "body: the payload is empty");
  if (auto unknown = UnknownItem(c, item)) return *unknown;
  Status put = c.app.vault().Put(item, c.req.body);
  if (!put.ok()) return FromStatus(put);
  auto r = c.app.Propose(*c.who, "payload.stored",
                         {{"item", item},
                          {"digest", Sha256Hex(c.req.body)},
                          {"size", static_cast<int64_t>(c.req.body.size())}});
  bool refused = r.ok() && json::parse(r->outcome).at("type") == "refused";
  if (!r.ok() || refused) (void)c.app.vault().Shred(item);
  if (!r.ok()) return FromStatus(r.status());
  if (refused) return Refused(403, r->outcome);
  return Json(201, json::parse(r->outcome));
}

HttpResponse GetPayload(Call& c) {
  AppendResult access;
  const std::string& item = c.args[0];
  if (auto denied = RecordAccess(c, item, "stored payload", &access)) return *denied;
  // The record as of after the access: a disposal may have come in between.
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto rec = c.app.engine().MakeWorld(**snap).Record(policy::keys::Item(item));
  if (!rec.ok()) return FromStatus(rec.status());
  const json::value* p = *rec ? (*rec)->if_contains("payload") : nullptr;
  if (p == nullptr) {
    return Error(404, "not_found", "no payload is stored for " + item, "item");
  }
  if (const json::value* gone = p->as_object().if_contains("shredded")) {
    return Error(410, "gone",
                 "the payload of " + item + " was crypto-shredded after its disposal (entry " +
                     json::serialize(*gone) + ")",
                 "item");
  }
  auto bytes = c.app.vault().Get(item);
  if (!bytes.ok()) return FromStatus(bytes.status());
  HttpResponse resp;
  resp.status = 200;
  resp.content_type = "application/octet-stream";
  resp.body = std::move(*bytes);
  resp.headers.emplace_back("X-Sharetrail-Recorded-Seq", std::to_string(access.seq));
  resp.headers.emplace_back("X-Sharetrail-Digest", "sha256:" + Sha256Hex(resp.body));
  return resp;
}

}  // namespace

std::vector<Route> ItemRoutes() {
  return {
      {"GET",
       "/api/v1/items/{item}",
       Access::kUser,
       {"provenance", "after", "limit"},
       Item,
       "An item's record, with provenance=true its provenance too (recorded as an access "
       "event)"},
      {"GET",
       "/api/v1/items/{item}/provenance",
       Access::kUser,
       {"after", "limit", "proofs"},
       Provenance,
       "Every entry on an item with inclusion proofs (recorded as an access event)"},
      {"GET",
       "/api/v1/items/{item}/payload",
       Access::kUser,
       {},
       GetPayload,
       "The payload the vault keeps for an item (recorded as an access event; 410 once "
       "crypto-shredded)"},
      {"PUT",
       "/api/v1/items/{item}/payload",
       Access::kUser,
       {},
       PutPayload,
       "Seal an item's payload in the vault and record payload.stored (the bytes must match the "
       "registered digest)"},
  };
}

}  // namespace sharetrail::api
