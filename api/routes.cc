// The route table: every endpoint of sharetraild. A new group of endpoints
// (FOI, reports) adds its function here; a new query adds one line to
// QueryRoutes.
#include "api/app.h"

namespace sharetrail::api {

std::vector<Route> AllRoutes() {
  std::vector<Route> all;
  for (auto group : {ProofRoutes, SessionRoutes, AccountRoutes, EventRoutes, ItemRoutes,
                     QueryRoutes, VerifyRoutes, FoiCaseRoutes, TlogRoutes, WitnessRoutes}) {
    for (Route& r : group()) all.push_back(std::move(r));
  }
  return all;
}

}  // namespace sharetrail::api
