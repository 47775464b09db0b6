// Reading one item: GET /api/v1/items/{id} (its registered record) and
// /items/{id}/provenance (every entry on it, each with an inclusion proof).
// Every such read is first proposed as an `access` event: the engine
// decides it (party scope, embargo; auditors read everything) and the
// ledger records it, allowed or refused, before anything is shown.
#include <boost/json/parse.hpp>

#include "api/app.h"
#include "api/response.h"
#include "policies/queries.h"
#include "policies/schema.h"
#include "policies/world.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

// Records the read; returns an answer only if the read may not go ahead.
std::optional<HttpResponse> RecordAccess(Call& c, const std::string& item,
                                         const std::string& what) {
  if (!policy::IsId(item))
    return Error(400, "invalid_argument", "item: expected an item id", "item");
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto exists = c.app.engine().MakeWorld(**snap).Exists(policy::keys::Item(item));
  if (!exists.ok()) return FromStatus(exists.status());
  if (!*exists) return Error(404, "not_found", "no item \"" + item + "\" on this ledger", "item");
  return Gate(c, "access", {{"item", item}, {"purpose", "api: " + what}});
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
  };
}

}  // namespace sharetrail::api
