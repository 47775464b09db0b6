// One information request: GET /api/v1/foi/requests/{request} answers its
// timeline (every event on it, refused steps included) with its clock,
// deadline and who must be told in the summary (policies FoiShow).
//
// Party scope: a request belongs to the party that received it. Asking for
// another party's request is proposed to the engine as a `read`, which
// refuses it and so records it (403); auditors read every request.
#include <boost/json/parse.hpp>

#include "api/app.h"
#include "api/response.h"
#include "policies/queries.h"
#include "policies/schema.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

HttpResponse Show(Call& c) {
  const std::string& request = c.args[0];
  if (!policy::IsId(request)) {
    return Error(400, "invalid_argument", "request: expected a request id", "request");
  }
  auto snap = c.app.ledger().Read();
  if (!snap.ok()) return FromStatus(snap.status());
  auto t = policy::FoiShow(c.app.engine(), **snap, request);
  if (!t.ok()) return FromStatus(t.status());
  const json::value* party = t->summary.if_contains("party");
  std::string owner = party != nullptr && party->is_string() ? std::string(party->as_string()) : "";
  if (!c.who->Auditor() && owner != c.who->party) {
    if (auto denied = Gate(c, "read", {{"resource", c.req.path}, {"party", owner}})) {
      return *denied;
    }
  }
  return TableResponse(*t, c.req);
}

}  // namespace

std::vector<Route> FoiCaseRoutes() {
  return {{"GET",
           "/api/v1/foi/requests/{request}",
           Access::kUser,
           {},
           Show,
           "One information request: its timeline, clock, deadline and who must be told"}};
}

}  // namespace sharetrail::api
