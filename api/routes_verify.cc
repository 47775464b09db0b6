// Verifying the whole ledger from the server: POST /api/v1/verify runs the
// same full pass as `sharetrail verify` (ledger/verify.h) on the live
// ledger and keeps the report; GET answers the last report. Any signed-in
// user may ask: verify reads and recomputes, it changes nothing, and one
// runs at a time (a second request waits for the first).
//
// This is the server checking itself; an outsider who does not trust the
// server checks checkpoints and proofs with their own copy of the vkey
// (docs/formats.md).
#include <chrono>
#include <ctime>

#include "api/app.h"
#include "api/response.h"
#include "ledger/base64.h"
#include "ledger/verify.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

HttpResponse Run(Call& c) {
  std::lock_guard<std::mutex> one_at_a_time(c.app.verify_running());
  auto start = std::chrono::steady_clock::now();
  auto report = Verify(c.app.ledger(), VerifyOptions{});
  if (!report.ok()) return FromStatus(report.status());
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  json::object o{{"ok", report->ok},
                 {"entries", report->entries},
                 {"nodes", report->nodes},
                 {"checkpoints", report->checkpoints},
                 {"state_records", report->state_records},
                 {"root", Base64(report->root)},
                 {"problem", report->problem},
                 {"bad_seq", report->bad_seq ? json::value(*report->bad_seq) : json::value()},
                 {"at", FormatTime(static_cast<int64_t>(std::time(nullptr)) * 1000000)},
                 {"by", c.who->user},
                 {"seconds", took.count()}};
  c.app.SetLastVerify(o);
  return Json(200, o);
}

HttpResponse Last(Call& c) { return Json(200, json::object{{"last", c.app.LastVerify()}}); }

}  // namespace

std::vector<Route> VerifyRoutes() {
  return {
      {"POST", "/api/v1/verify", Access::kUser, {}, Run, "Verify the whole ledger now"},
      {"GET", "/api/v1/verify", Access::kUser, {}, Last, "The last verify this server ran"},
  };
}

}  // namespace sharetrail::api
