// The pages through the real sharetraild: sign-in redirects, the sign-in
// form's own CSRF token, security headers on pages and JSON alike, static
// files that cannot reach the file system, CSRF on page forms, an item page
// recorded as an access, and the API endpoints the pages added.
#include <boost/json/parse.hpp>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

namespace json = boost::json;

class PagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new Server({{"own-ig", "ofsted", "information-governance", "ig_officer"},
                          {"dfe-ig", "dfe", "information-governance", "ig_officer"}});
    server_->Start();
    Headers h = server_->Login("own-ig");
    ASSERT_EQ(server_->Post("/api/v1/events", ItemEvent("own-item", "ofsted"), h).status, 201);
  }
  static void TearDownTestSuite() { delete server_; }
  static uint64_t Size() {
    std::string cp = server_->Get("/checkpoint").body;
    return std::stoull(cp.substr(cp.find('\n') + 1));
  }
  // Signs in through the form, as a browser does; returns the Cookie header.
  static std::string FormLogin(const std::string& user) {
    HttpResult page = server_->Get("/sign-in");
    std::string cookie = page.headers["set-cookie"];
    cookie = cookie.substr(0, cookie.find(';'));
    std::string token = cookie.substr(cookie.find('=') + 1);
    HttpResult r =
        Http(server_->port(), "POST", "/sign-in",
             "signin=" + token + "&next=%2Fholds&user=" + user + "&password=" + kPassword,
             {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.headers["location"], "/holds");
    std::string session = r.headers["set-cookie"];
    return session.substr(0, session.find(';'));
  }
  static Server* server_;
};
Server* PagesTest::server_ = nullptr;

TEST_F(PagesTest, APageNeedingAUserRedirectsToSignInAndBack) {
  HttpResult r = server_->Get("/foi?x=1");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/sign-in?next=/foi%3Fx%3D1");
  // The API still answers JSON 401 to a client without credentials.
  EXPECT_EQ(server_->Get("/api/v1/holds").status, 401);
  std::string cookie = FormLogin("own-ig");
  HttpResult holds = server_->Get("/holds", {{"Cookie", cookie}});
  EXPECT_EQ(holds.status, 200);
  EXPECT_NE(holds.body.find("<h1 class=\"govuk-heading-l\">Holds and deletion</h1>"),
            std::string::npos);
}

TEST_F(PagesTest, SignInNeedsTheFormsOwnTokenAndSaysNothingAboutWhichPartWasWrong) {
  HttpResult forged = Http(server_->port(), "POST", "/sign-in",
                           std::string("signin=abc&user=own-ig&password=") + kPassword,
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.headers.count("set-cookie") ? forged.headers["set-cookie"].find("st_session=")
                                               : std::string::npos,
            std::string::npos);
  HttpResult page = server_->Get("/sign-in");
  std::string cookie = page.headers["set-cookie"];
  cookie = cookie.substr(0, cookie.find(';'));
  HttpResult wrong =
      Http(server_->port(), "POST", "/sign-in",
           "signin=" + cookie.substr(cookie.find('=') + 1) + "&user=own-ig&password=wrong",
           {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Enter a correct user name and password"), std::string::npos);
  EXPECT_NE(wrong.body.find("<title>Error: Sign in"), std::string::npos);
  // The next page is always local: no open redirect.
  HttpResult away =
      server_->Get("/sign-in?next=//evil.example/", {{"Cookie", FormLogin("own-ig")}});
  EXPECT_EQ(away.status, 303);
  EXPECT_EQ(away.headers["location"], "/");
}

TEST_F(PagesTest, EveryAnswerCarriesTheSecurityHeaders) {
  for (const char* target : {"/sign-in", "/api/v1/openapi.json", "/no-such-page"}) {
    HttpResult r = server_->Get(target);
    EXPECT_NE(r.headers["content-security-policy"].find("script-src 'self'"), std::string::npos)
        << target;
    EXPECT_NE(r.headers["content-security-policy"].find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
    EXPECT_EQ(r.headers["x-frame-options"], "DENY");
    EXPECT_EQ(r.headers["cache-control"], "no-store") << target;
  }
  HttpResult html = server_->Get("/no-such-page");
  EXPECT_EQ(html.status, 404);
  EXPECT_NE(html.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_EQ(server_->Get("/api/v1/no-such").headers["content-type"], "application/json");
  // A wrong method answers in the kind of the route the path names.
  HttpResult put = Http(server_->port(), "PUT", "/checkpoint");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.headers["content-type"], "application/json");
  HttpResult get = server_->Get("/sign-out");
  EXPECT_EQ(get.status, 405);
  EXPECT_NE(get.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_EQ(html.body.find("<script>"), std::string::npos);  // no inline script
}

TEST_F(PagesTest, StaticFilesComeFromMemoryOnly) {
  HttpResult css = server_->Get("/assets/govuk-frontend.min.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.headers["content-type"], "text/css; charset=utf-8");
  EXPECT_EQ(css.headers["cache-control"], "public, max-age=86400");
  EXPECT_EQ(server_->Get("/assets/fonts/bold-b542beb274-v2.woff2").headers["content-type"],
            "font/woff2");
  EXPECT_EQ(server_->Get("/assets/init.js").status, 200);
  for (const char* escape : {"/assets/../ledger/data.mdb", "/assets/%2e%2e/%2e%2e/etc/passwd",
                             "/assets//etc/passwd", "/assets/"}) {
    EXPECT_EQ(server_->Get(escape).status, 404) << escape;
  }
}

TEST_F(PagesTest, APageFormWithoutTheCsrfTokenIsRefusedAndRecordsNothing) {
  std::string cookie = FormLogin("own-ig");
  uint64_t before = Size();
  HttpResult r = Http(server_->port(), "POST", "/record/access", "f.item=own-item",
                      {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_EQ(Size(), before);
}

TEST_F(PagesTest, OpeningAnItemPageIsOneRecordedAccess) {
  std::string cookie = FormLogin("own-ig");
  uint64_t before = Size();
  HttpResult r = server_->Get("/items/own-item", {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("OFFICIAL-SENSITIVE"), std::string::npos);
  EXPECT_EQ(Size(), before + 1);
  json::value e =
      json::parse(server_->Cli("show --seq " + std::to_string(before) + " --canonical"));
  EXPECT_EQ(e.at("type"), "access");
  EXPECT_EQ(e.at("actor").at("user"), "own-ig");
  // ?after pages the provenance: the registration (the item's first entry) is gone.
  HttpResult later =
      server_->Get("/items/own-item?after=" + std::to_string(before - 1), {{"Cookie", cookie}});
  EXPECT_EQ(later.status, 200);
  EXPECT_NE(r.body.find(">item.registered<"), std::string::npos);
  EXPECT_EQ(later.body.find(">item.registered<"), std::string::npos);
  EXPECT_NE(later.body.find(">access<"), std::string::npos);
  // Another party's user is refused; the page says so and the refusal is recorded.
  std::string dfe = FormLogin("dfe-ig");
  HttpResult refused = server_->Get("/items/own-item", {{"Cookie", dfe}});
  EXPECT_EQ(refused.status, 403);
  json::value last =
      json::parse(server_->Cli("show --seq " + std::to_string(Size() - 1) + " --canonical"));
  EXPECT_EQ(last.at("type"), "refused");
}

// The annual report page shows, under each refusal rule, its first refusal
// (issue 9 "refusals by rule, with examples").
TEST_F(PagesTest, TheAnnualReportShowsARefusalExample) {
  std::string dfe = FormLogin("dfe-ig");
  EXPECT_EQ(server_->Get("/items/own-item", {{"Cookie", dfe}}).status, 403);
  HttpResult r = server_->Get("/report", {{"Cookie", dfe}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("rule.scope.party"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("For example, "), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("dfe-ig (dfe) proposed access: "), std::string::npos) << r.body;
}

TEST_F(PagesTest, VerifyAndTheFoiCaseEndpoint) {
  Headers h = server_->Login("own-ig");
  EXPECT_EQ(server_->Get("/api/v1/verify", h).Json().at("last"), nullptr);
  HttpResult v = server_->Post("/api/v1/verify", "{}", h);
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(v.Json().at("ok"), true);
  EXPECT_EQ(v.Json().at("by"), "own-ig");
  EXPECT_EQ(server_->Get("/api/v1/verify", h).Json().at("last").at("ok"), true);

  std::string received =
      R"({"type":"foi.received","body":{"request":"ofsted-foi-t1","regime":"foia",)"
      R"("received":"2026-11-02","requester":"wdtk-1"}})";
  ASSERT_EQ(server_->Post("/api/v1/events", received, h).status, 201);
  HttpResult own = server_->Get("/api/v1/foi/requests/ofsted-foi-t1", h);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.Json().at("summary").at("due"), "2026-12-01");
  uint64_t before = Size();
  HttpResult other = server_->Get("/api/v1/foi/requests/ofsted-foi-t1", server_->Login("dfe-ig"));
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(Size(), before + 1);  // the refused read is on the ledger
}

}  // namespace
}  // namespace sharetrail::testing
