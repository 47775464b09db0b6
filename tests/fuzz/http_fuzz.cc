// Requests as sharetraild's clients send them (api/app.h): every route of
// /api/v1/, the log's public paths and the web pages (ui/), called through
// App::Handle with the request CivetWeb would hand over, against a
// realistic ledger (demo_fixture.h), as one of four users or none.
//
// Input, as text: a request line "METHOD TARGET", header lines "name:
// value", an empty line, then the body. A header "as: N" signs the request
// with the API token of DemoLedger::kUsers[N % 4].
//
// Properties: nothing crashes; bad input never ends in a 500 (it is the
// client's error, answered 4xx with what was wrong); a JSON answer parses;
// no answer repeats a fixture user's bearer token (secrets never appear in
// error messages, docs/threat-model.md).
#include <boost/json/parse.hpp>

#include "api/app.h"
#include "tests/fuzz/demo_fixture.h"
#include "tests/fuzz/fuzz_support.h"
#include "ui/layout.h"
#include "ui/ui.h"

using namespace sharetrail;

namespace {

api::App& TheApp() {
  static api::App* app = [] {
    api::AppOptions o;
    o.access_log = nullptr;
    o.page_error = ui::ErrorPage;
    std::vector<api::Route> routes = api::AllRoutes();
    auto pages = ui::Routes(SHARETRAIL_UI_ASSETS);
    fuzz::Require(pages.ok(), "the web pages load their assets");
    for (auto& r : *pages) routes.push_back(std::move(r));
    auto a = api::App::Open(fuzz::DemoLedger::Get().dir(), o, std::move(routes));
    fuzz::Require(a.ok(), "the fixture ledger opens");
    return a->release();
  }();
  return *app;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Splits the input into a request; false if it has no request line.
bool ParseRequest(std::string_view in, api::HttpRequest* req) {
  size_t eol = in.find('\n');
  std::string_view line = in.substr(0, eol);
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos) return false;
  req->method = std::string(line.substr(0, sp));
  std::string_view target = line.substr(sp + 1);
  size_t q = target.find('?');
  req->path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) req->query = std::string(target.substr(q + 1));
  req->remote_addr = "127.0.0.1";
  while (eol != std::string_view::npos) {
    in.remove_prefix(eol + 1);
    eol = in.find('\n');
    std::string_view h = in.substr(0, eol);
    if (h.empty()) {
      if (eol != std::string_view::npos) req->body = std::string(in.substr(eol + 1));
      break;
    }
    size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = Lower(std::string(h.substr(0, colon)));
    std::string value(h.substr(colon + 1));
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    if (name == "as") {
      size_t n = value.empty() ? 0 : static_cast<unsigned char>(value[0]);
      const char* user = fuzz::DemoLedger::kUsers[n % 4];
      req->headers["authorization"] = "Bearer " + fuzz::DemoLedger::Get().Token(user);
    } else {
      req->headers[name] = value;
    }
  }
  return true;
}

bool Mentions(const api::HttpResponse& r, const std::string& secret) {
  if (r.body.find(secret) != std::string::npos) return true;
  for (const auto& [name, value] : r.headers) {
    if (value.find(secret) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  TheApp();  // the fixture's seconds of set-up before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  api::HttpRequest req;
  if (!ParseRequest(fuzz::Bytes(data, size), &req)) return 0;
  // A full verify of the ledger takes seconds under ASan and reads nothing
  // of the request but its route; ledger/verify is fuzzed through its inputs.
  if (req.method == "POST" && req.path == "/api/v1/verify") return 0;
  api::HttpResponse r = TheApp().Handle(req);
  fuzz::Require(r.status >= 200 && r.status < 600, "an answer has an HTTP status");
  fuzz::Require(r.status != 500, "bad input is the client's error, never a 500");
  if (r.content_type.starts_with("application/json")) {
    boost::system::error_code ec;
    (void)boost::json::parse(r.body, ec);
    fuzz::Require(!ec, "a JSON answer parses");
  }
  for (const char* user : fuzz::DemoLedger::kUsers) {
    fuzz::Require(!Mentions(r, fuzz::DemoLedger::Get().Token(user)),
                  "no answer repeats a bearer token");
  }
  return 0;
}
