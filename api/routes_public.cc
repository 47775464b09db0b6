// What anyone may read without signing in: health, readiness, inclusion and
// consistency proofs, and the OpenAPI document. Proofs reveal hashes only.
// The signed checkpoint and the tiles are in routes_tlog.cc.
#include "api/app.h"
#include "api/openapi.h"
#include "api/response.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

HttpResponse Healthz(Call&) { return Json(200, json::object{{"status", "ok"}}); }

// Ready when the ledger answers a read and takes writes.
HttpResponse Readyz(Call& c) {
  auto size = c.app.ledger().Size();
  if (!size.ok())
    return Error(503, "not_ready", "the ledger cannot be read: " + size.status().message());
  return Json(200, json::object{{"status", "ready"}, {"size", *size}});
}

HttpResponse Inclusion(Call& c) {
  auto seq = c.params.OptUint("seq", UINT64_MAX);
  if (!seq.ok()) return FromStatus(seq.status());
  if (!*seq) return Error(400, "invalid_argument", "seq: required", "seq");
  auto size = c.params.OptUint("size", UINT64_MAX);
  if (!size.ok()) return FromStatus(size.status());
  auto proof = c.app.ledger().ProveInclusion(**seq, *size);
  if (!proof.ok()) return FromStatus(proof.status());
  return Json(200, proof->ToJson());
}

HttpResponse Consistency(Call& c) {
  auto from = c.params.OptUint("from", UINT64_MAX);
  if (!from.ok()) return FromStatus(from.status());
  auto to = c.params.OptUint("to", UINT64_MAX);
  if (!to.ok()) return FromStatus(to.status());
  if (!*from || !*to)
    return Error(400, "invalid_argument", "from and to: both required", *from ? "to" : "from");
  auto proof = c.app.ledger().ProveConsistency(**from, **to);
  if (!proof.ok()) return FromStatus(proof.status());
  return Json(200, proof->ToJson());
}

HttpResponse OpenApi(Call&) {
  return HttpResponse{200, "application/json", std::string(OpenApiDocument()), {}};
}

}  // namespace

std::vector<Route> ProofRoutes() {
  return {
      {"GET",
       "/healthz",
       Access::kPublic,
       {},
       Healthz,
       "Liveness: the process answers",
       Kind::kApi,
       true},
      {"GET",
       "/readyz",
       Access::kPublic,
       {},
       Readyz,
       "Readiness: the ledger answers reads",
       Kind::kApi,
       true},
      {"GET",
       "/api/v1/proof/inclusion",
       Access::kPublic,
       {"seq", "size"},
       Inclusion,
       "RFC 9162 inclusion proof of entry seq in the tree of size (default latest)",
       Kind::kApi,
       true},
      {"GET",
       "/api/v1/proof/consistency",
       Access::kPublic,
       {"from", "to"},
       Consistency,
       "RFC 9162 consistency proof between two tree sizes",
       Kind::kApi,
       true},
      {"GET",
       "/api/v1/openapi.json",
       Access::kPublic,
       {},
       OpenApi,
       "This API's OpenAPI 3.1 document"},
  };
}

}  // namespace sharetrail::api
