// Every endpoint of the real sharetraild, success and error paths, over
// HTTP on 127.0.0.1. One server for the suite; tests that change who may
// sign in use their own accounts.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

namespace json = boost::json;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new Server({{"alice", "ofsted", "information-governance", "ig_officer"},
                          {"dora", "dfe", "information-governance", "ig_officer"},
                          {"flo", "ofsted", "foi", "foi_officer"},
                          {"gus", "ofsted", "foi", "foi_officer"},
                          {"hal", "ofsted", "foi", "foi_officer"}},
                         {"--max-body", "4096"});
    token_ = server_->Cli("user token issue alice --as admin");
    token_ = token_.substr(token_.find("token: ") + 7);
    token_ = token_.substr(0, token_.find('\n'));
    server_->Start();
    alice_ = new Headers(server_->Login("alice"));
    ASSERT_EQ(
        server_->Post("/api/v1/events", ItemEvent("letter-ofsted-1", "ofsted"), *alice_).status,
        201);
    Headers dora = server_->Login("dora");
    ASSERT_EQ(server_->Post("/api/v1/events", ItemEvent("letter-dfe-1", "dfe"), dora).status, 201);
  }
  static void TearDownTestSuite() {
    delete alice_;
    delete server_;
  }
  static uint64_t Size() {
    std::string cp = server_->Get("/checkpoint").body;
    size_t nl = cp.find('\n');
    return std::stoull(cp.substr(nl + 1));
  }
  // The entry at seq, as the CLI shows it (read-only: the server keeps the
  // writer lock).
  static json::value Entry(uint64_t seq) {
    return json::parse(server_->Cli("show --seq " + std::to_string(seq) + " --canonical"));
  }

  static Server* server_;
  static Headers* alice_;
  static std::string token_;
};
Server* ServerTest::server_ = nullptr;
Headers* ServerTest::alice_ = nullptr;
std::string ServerTest::token_;

TEST_F(ServerTest, HealthReadinessAndCheckpointArePublic) {
  EXPECT_EQ(server_->Get("/healthz").status, 200);
  HttpResult ready = server_->Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.Json().at("size").to_number<uint64_t>(), Size());
  HttpResult cp = server_->Get("/checkpoint");
  EXPECT_EQ(cp.status, 200);
  EXPECT_EQ(cp.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(cp.body.rfind("e2e.test/server\n", 0), 0u) << cp.body;
  EXPECT_NE(cp.body.find("\n\n\u2014 e2e.test/server "), std::string::npos);
}

TEST_F(ServerTest, UnknownPathsAndMethods) {
  EXPECT_EQ(server_->Get("/api/v1/nothing-here").ErrorCode(), "not_found");
  HttpResult r = Http(server_->port(), "PUT", "/checkpoint");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.ErrorCode(), "method_not_allowed");
}

TEST_F(ServerTest, ProofsArePublicAndValidated) {
  HttpResult inc = server_->Get("/api/v1/proof/inclusion?seq=3");
  ASSERT_EQ(inc.status, 200) << inc.body;
  EXPECT_TRUE(inc.Json().as_object().contains("hashes"));
  EXPECT_EQ(server_->Get("/api/v1/proof/inclusion?seq=3&size=2").ErrorCode(), "out_of_range");
  HttpResult missing = server_->Get("/api/v1/proof/inclusion");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.Json().at("error").at("field"), "seq");
  HttpResult bad = server_->Get("/api/v1/proof/inclusion?seq=x1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json().at("error").at("field"), "seq");
  HttpResult unknown = server_->Get("/api/v1/proof/inclusion?seq=1&color=red");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.Json().at("error").at("field"), "color");
  uint64_t n = Size();
  HttpResult con = server_->Get("/api/v1/proof/consistency?from=1&to=" + std::to_string(n));
  EXPECT_EQ(con.status, 200) << con.body;
  EXPECT_EQ(server_->Get("/api/v1/proof/consistency?from=1").status, 400);
}

TEST_F(ServerTest, QueriesNeedAUser) {
  HttpResult r = server_->Get("/api/v1/shared-with");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.ErrorCode(), "unauthenticated");
  EXPECT_EQ(r.headers["www-authenticate"], "Bearer");
}

TEST_F(ServerTest, LoginErrors) {
  HttpResult wrong = server_->Post("/api/v1/session", R"({"user":"flo","password":"not the one"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.ErrorCode(), "invalid_credentials");
  HttpResult nobody =
      server_->Post("/api/v1/session", R"({"user":"nobody","password":"whatever"})");
  EXPECT_EQ(nobody.status, 401);
  EXPECT_EQ(nobody.Json().at("error").at("message"), wrong.Json().at("error").at("message"));
  HttpResult extra =
      server_->Post("/api/v1/session", R"({"user":"flo","password":"x","as":"admin"})");
  EXPECT_EQ(extra.status, 400);
  EXPECT_EQ(extra.Json().at("error").at("field"), "body.as");
  EXPECT_EQ(server_->Post("/api/v1/session", "{not json").status, 400);
  // The failed sign-in of a real user is on the ledger, with the address.
  json::value last = Entry(Size() - 1);
  EXPECT_EQ(last.at("type"), "login.failed");
  EXPECT_EQ(last.at("actor").at("user"), "flo");
  EXPECT_EQ(last.at("body").at("address"), "127.0.0.1");
}

// A session is not a licence to guess the password: a wrong current
// password in a password change counts against the same limit as a failed
// sign-in, and is recorded as one.
TEST_F(ServerTest, WrongCurrentPasswordsAreRateLimited) {
  Headers dora = server_->Login("dora");
  auto change = [](const std::string& current) {
    return json::serialize(
        json::object{{"password", "a brand new passphrase"}, {"current", current}});
  };
  for (int i = 0; i < 5; ++i) {
    uint64_t before = Size();
    HttpResult r =
        server_->Post("/api/v1/users/dora/password", change("guess " + std::to_string(i)), dora);
    EXPECT_EQ(r.status, 403) << r.body;
    ASSERT_EQ(Size(), before + 1);
    EXPECT_EQ(Entry(before).at("type"), "login.failed");
  }
  HttpResult blocked = server_->Post("/api/v1/users/dora/password", change(kPassword), dora);
  EXPECT_EQ(blocked.status, 429) << blocked.body;
  EXPECT_GT(std::stoi(blocked.headers["retry-after"]), 0);
  // The same limit now holds the sign-in door for dora from this address.
  json::object login{{"user", "dora"}, {"password", kPassword}};
  EXPECT_EQ(server_->Post("/api/v1/session", json::serialize(login)).status, 429);
}

TEST_F(ServerTest, FailedLoginsAreRateLimited) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(server_
                  ->Post("/api/v1/session",
                         R"({"user":"gus","password":"guess guess )" + std::to_string(i) + "\"}")
                  .status,
              401);
  }
  HttpResult blocked = server_->Post(
      "/api/v1/session", std::string(R"({"user":"gus","password":")") + kPassword + "\"}");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.ErrorCode(), "too_many_attempts");
  EXPECT_GT(std::stoi(blocked.headers["retry-after"]), 0);
  // Another user from the same address is not affected.
  EXPECT_EQ(server_
                ->Post("/api/v1/session",
                       std::string(R"({"user":"hal","password":")") + kPassword + "\"}")
                .status,
            201);
}

TEST_F(ServerTest, SessionCookieAndCsrf) {
  Headers h = server_->Login("alice");
  HttpResult me = server_->Get("/api/v1/session", h);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json().at("party"), "ofsted");
  // A state-changing request with the cookie but without the CSRF token.
  HttpResult forged = server_->Post("/api/v1/events", ItemEvent("letter-csrf", "ofsted"), {h[0]});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.ErrorCode(), "csrf_failed");
  EXPECT_EQ(server_->Post("/api/v1/events", ItemEvent("letter-csrf", "ofsted"), h).status, 201);
  // Signing out ends the session.
  EXPECT_EQ(Http(server_->port(), "DELETE", "/api/v1/session", "", h).status, 200);
  EXPECT_EQ(server_->Get("/api/v1/session", h).ErrorCode(), "session_expired");
}

// Malformed credentials are the client's error: 401 with a JSON error,
// never a 500 and never a session (issue 11 "Hostile users"; http_fuzz
// tries many more).
TEST_F(ServerTest, MalformedCookiesAndTokensAre401) {
  const std::vector<Headers> bad = {
      {{"Cookie", "st_session="}},
      {{"Cookie", "st_session=" + std::string(6000, 'A')}},
      {{"Cookie", "st_session=../../ledger/data.mdb"}},
      {{"Cookie", "st_session=a; st_session=b; st_session="}},
      {{"Cookie", "st_session=%00%ff%zz"}},
      {{"Cookie", ";;;=;st_session"}},
      {{"Authorization", "Bearer"}},
      {{"Authorization", "Bearer "}},
      {{"Authorization", "Bearer " + std::string(6000, 'x')}},
      {{"Authorization", "Bearer tok-\"quoted\""}},
      {{"Authorization", "Bearer  " + token_}},
      {{"Authorization", token_}},
  };
  for (const Headers& h : bad) {
    HttpResult r = server_->Get("/api/v1/session", h);
    EXPECT_EQ(r.status, 401) << h[0].first << ": " << h[0].second.substr(0, 60) << "\n" << r.body;
    EXPECT_TRUE(r.Json().is_object()) << r.body;
    EXPECT_FALSE(r.ErrorCode().empty()) << r.body;
    const std::string& cookie = r.headers["set-cookie"];
    EXPECT_TRUE(cookie.empty() || cookie.find("Max-Age=0") != std::string::npos)
        << "no session is handed out: " << cookie;
  }
}

TEST_F(ServerTest, FormLoginRedirectsToALocalPath) {
  HttpResult r = server_->Post(
      "/api/v1/session", "user=alice&password=" + std::string(kPassword) + "&next=//evil.example/",
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"], "/");
  EXPECT_NE(r.headers["set-cookie"].find("HttpOnly; SameSite=Strict"), std::string::npos);
}

TEST_F(ServerTest, BearerTokens) {
  HttpResult me = server_->Get("/api/v1/session", {{"Authorization", "Bearer " + token_}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json().at("user"), "alice");
  // Machines need no CSRF token.
  EXPECT_EQ(server_
                ->Post("/api/v1/events", ItemEvent("letter-token", "ofsted"),
                       {{"Authorization", "Bearer " + token_}})
                .status,
            201);
  std::string forged = token_.substr(0, token_.size() - 1) + (token_.back() == '0' ? "1" : "0");
  EXPECT_EQ(server_->Get("/api/v1/session", {{"Authorization", "Bearer " + forged}}).ErrorCode(),
            "invalid_token");
  EXPECT_EQ(server_->Get("/api/v1/session", {{"Authorization", "Basic YWxpY2U6eA=="}}).status, 401);
}

TEST_F(ServerTest, EventsAllowedRefusedAndMalformed) {
  uint64_t before = Size();
  HttpResult ok = server_->Post("/api/v1/events", ItemEvent("letter-2", "ofsted"), *alice_);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.Json().at("seq").as_int64(), static_cast<int64_t>(before));
  EXPECT_EQ(ok.headers["location"], "/api/v1/proof/inclusion?seq=" + std::to_string(before));

  // Registering another party's item is refused, and the refusal recorded.
  HttpResult refused = server_->Post("/api/v1/events", ItemEvent("letter-3", "dfe"), *alice_);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "refused");
  uint64_t seq = refused.Json().at("error").at("recorded_seq").to_number<uint64_t>();
  EXPECT_EQ(Entry(seq).at("type"), "refused");

  uint64_t size = Size();
  HttpResult bad_id = server_->Post("/api/v1/events", ItemEvent("Letter 4", "ofsted"), *alice_);
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(bad_id.Json().at("error").at("field"), "body.item");
  HttpResult bad_type =
      server_->Post("/api/v1/events", R"({"type":"teleport","body":{}})", *alice_);
  EXPECT_EQ(bad_type.Json().at("error").at("field"), "type");
  HttpResult actor = server_->Post(
      "/api/v1/events", R"({"type":"access","body":{"item":"letter-2"},"actor":{"user":"admin"}})",
      *alice_);
  EXPECT_EQ(actor.Json().at("error").at("field"), "actor");
  Headers form = *alice_;
  form.emplace_back("Content-Type", "text/plain");
  EXPECT_EQ(server_->Post("/api/v1/events", ItemEvent("letter-5", "ofsted"), form).status, 400);
  EXPECT_EQ(Size(), size) << "malformed proposals append nothing";
}

TEST_F(ServerTest, DryRunRecordsNothing) {
  uint64_t size = Size();
  HttpResult r = server_->Post("/api/v1/events/dry-run", ItemEvent("letter-9", "dfe"), *alice_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("dry_run"), true);
  EXPECT_EQ(r.Json().at("type"), "refused");
  EXPECT_EQ(Size(), size);
}

TEST_F(ServerTest, BodiesOverTheLimitAre413) {
  std::string big = ItemEvent("letter-big", "ofsted");
  big.insert(big.size() - 2, ",\"pad\":\"" + std::string(5000, 'x') + "\"");
  HttpResult r = server_->Post("/api/v1/events", big, *alice_);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "body_too_large");
}

TEST_F(ServerTest, ItemReadsAreRecordedAsAccess) {
  HttpResult r = server_->Get("/api/v1/items/letter-ofsted-1", *alice_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("owner"), "ofsted");
  json::value access = Entry(Size() - 1);
  EXPECT_EQ(access.at("type"), "access");
  EXPECT_EQ(access.at("actor").at("user"), "alice");
  EXPECT_EQ(access.at("actor").at("role"), "ig_officer");
  EXPECT_EQ(access.at("body").at("item"), "letter-ofsted-1");

  HttpResult denied = server_->Get("/api/v1/items/letter-dfe-1", *alice_);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(Entry(Size() - 1).at("type"), "refused");
  EXPECT_EQ(server_->Get("/api/v1/items/no-such-item", *alice_).status, 404);
  EXPECT_EQ(server_->Get("/api/v1/items/Bad%20Id", *alice_).status, 400);
}

TEST_F(ServerTest, ProvenanceCarriesVerifiedProofs) {
  HttpResult r = server_->Get("/api/v1/items/letter-ofsted-1/provenance?proofs=true", *alice_);
  ASSERT_EQ(r.status, 200) << r.body;
  json::value v = r.Json();
  const json::object& o = v.as_object();
  size_t rows = o.at("rows").as_array().size();
  EXPECT_GE(rows, 2u);  // the registration and this very read
  EXPECT_EQ(o.at("summary").at("proofs_verified").as_string(),
            std::to_string(rows) + "/" + std::to_string(rows));
  EXPECT_TRUE(o.at("rows").at(0).as_object().contains("proof"));
}

TEST_F(ServerTest, EveryQueryAnswers) {
  const char* queries[] = {"/api/v1/shared-with",
                           "/api/v1/may-disclose?item=letter-ofsted-1&to=dfe",
                           "/api/v1/incidents/daily?date=2025-01-06",
                           "/api/v1/incidents/scr-updates?weeks=2",
                           "/api/v1/incidents/outstanding",
                           "/api/v1/standing-requests?lapsed=true",
                           "/api/v1/purpose-exceptions?year=2025&count=true",
                           "/api/v1/matters?awaiting=1",
                           "/api/v1/reviews?due=true&on=2025-06-01",
                           "/api/v1/refusals",
                           "/api/v1/jtai/outstanding",
                           "/api/v1/holds?all=true",
                           "/api/v1/may-delete?item=letter-ofsted-1",
                           "/api/v1/disposition-review",
                           "/api/v1/subject?ref=subject-1",
                           "/api/v1/disposals?year=2025",
                           "/api/v1/foi/due?within=10",
                           "/api/v1/foi/late?on=2025-06-01",
                           "/api/v1/foi/uninformed",
                           "/api/v1/foi/stats?year=2025"};
  for (const char* q : queries) {
    HttpResult r = server_->Get(q, *alice_);
    EXPECT_EQ(r.status, 200) << q << "\n" << r.body;
    EXPECT_TRUE(r.Json().as_object().contains("rows")) << q;
  }
}

// Issue 9: the annual report in its three forms, party-scoped, stating the
// checkpoint it was computed at.
TEST_F(ServerTest, AnnualReportAnswersJsonHtmlAndCsv) {
  const std::string target = "/api/v1/report/annual?year=2025";
  HttpResult json_r = server_->Get(target, *alice_);
  ASSERT_EQ(json_r.status, 200) << json_r.body;
  json::value report = json_r.Json();
  EXPECT_EQ(report.at("format"), "sharetrail-report-1");
  EXPECT_EQ(report.at("scope").at("party"), "ofsted");  // alice's own party
  EXPECT_GT(report.at("checkpoint").at("size").as_int64(), 0);
  for (const auto& f : report.at("figures").as_array()) {
    EXPECT_TRUE(f.at("party") == "ofsted" || f.at("party") == "") << json::serialize(f);
  }
  Headers html = *alice_;
  html.emplace_back("Accept", "text/html");
  HttpResult page = server_->Get(target, html);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find(std::string(report.at("checkpoint").at("root").as_string())),
            std::string::npos);
  Headers csv = *alice_;
  csv.emplace_back("Accept", "text/csv");
  HttpResult rows = server_->Get(target, csv);
  EXPECT_EQ(rows.status, 200);
  EXPECT_TRUE(rows.body.starts_with("section,agreement,party,metric,value,basis,seqs"));
  EXPECT_EQ(server_->Get("/api/v1/report/annual", *alice_).status, 400);
}

TEST_F(ServerTest, QueryParameterErrorsNameTheParameter) {
  struct Case {
    const char* target;
    const char* field;
  } cases[] = {{"/api/v1/shared-with?from=2025-02-30", "from"},
               {"/api/v1/may-disclose?to=dfe", "item"},
               {"/api/v1/purpose-exceptions", "year"},
               {"/api/v1/matters?awaiting=perhaps", "awaiting"},
               {"/api/v1/refusals?limit=0", "limit"},
               {"/api/v1/refusals?limit=1&limit=2", "limit"},
               {"/api/v1/holds?everything=1", "everything"},
               {"/api/v1/foi/stats", "year"},
               {"/api/v1/foi/due?within=-1", "within"}};
  for (const Case& c : cases) {
    HttpResult r = server_->Get(c.target, *alice_);
    EXPECT_EQ(r.status, 400) << c.target << "\n" << r.body;
    EXPECT_EQ(r.Json().at("error").at("field"), c.field) << c.target;
  }
}

TEST_F(ServerTest, CsvAndPaging) {
  Headers csv = *alice_;
  csv.emplace_back("Accept", "text/csv");
  HttpResult r = server_->Get("/api/v1/reviews", csv);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.rfind("agreement,version,", 0), 0u) << r.body;

  // alice's party has at least two refusals by now (other tests refuse).
  server_->Post("/api/v1/events", ItemEvent("letter-p1", "dfe"), *alice_);
  server_->Post("/api/v1/events", ItemEvent("letter-p2", "dfe"), *alice_);
  HttpResult first = server_->Get("/api/v1/refusals?limit=1", *alice_);
  ASSERT_EQ(first.status, 200);
  ASSERT_TRUE(first.Json().as_object().contains("next_after")) << first.body;
  uint64_t after = first.Json().at("next_after").to_number<uint64_t>();
  HttpResult second =
      server_->Get("/api/v1/refusals?limit=1&after=" + std::to_string(after), *alice_);
  ASSERT_EQ(second.status, 200);
  EXPECT_GT(second.Json().at("rows").at(0).at("seq").to_number<uint64_t>(), after);
}

// Lines are written in blocks, at most AccessLog::kFlushMs after a request
// (api/access_log.h): wait a bounded while for this one.
TEST_F(ServerTest, AccessLogIsOneJsonObjectPerLine) {
  server_->Get("/healthz");
  std::string log;
  for (int i = 0; i < 100 && log.find("/healthz") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = Slurp(server_->Path("access.log"));
  }
  ASSERT_NE(log.find("\"/healthz\""), std::string::npos) << log;
  std::string line = log.substr(0, log.find('\n'));
  json::value v = json::parse(line);
  for (const char* key : {"time", "method", "path", "status", "user", "bytes", "duration_ms"}) {
    EXPECT_TRUE(v.as_object().contains(key)) << key << " in " << line;
  }
  EXPECT_EQ(log.find(kPassword), std::string::npos) << "no secrets in the access log";
  EXPECT_EQ(log.find(token_), std::string::npos);
}

// Accounts while the server holds the ledger: a password change needs the
// current password; tokens are issued and revoked by an admin only, and
// each change is a ledger entry carrying ids, never the secret.
TEST_F(ServerTest, AccountsThroughTheApi) {
  auto body = [](const std::string& password, const std::string& current = "") {
    json::object o{{"password", password}};
    if (!current.empty()) o["current"] = current;
    return json::serialize(o);
  };
  Headers hal = server_->Login("hal");
  std::string next = "another long passphrase";
  HttpResult wrong = server_->Post("/api/v1/users/hal/password", body(next, "not it at all"), hal);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.Json().at("error").at("field"), "body.current");
  json::value failed = Entry(Size() - 1);
  EXPECT_EQ(failed.at("type"), "login.failed");
  EXPECT_EQ(failed.at("actor").at("user"), "hal");
  EXPECT_EQ(failed.at("body").at("reason"), "wrong current password");
  HttpResult weak = server_->Post("/api/v1/users/hal/password", body("short"), hal);
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.Json().at("error").at("field"), "body.password");
  HttpResult other = server_->Post("/api/v1/users/flo/password", body(next), hal);
  EXPECT_EQ(other.status, 403) << "only an admin sets another's password";
  EXPECT_EQ(Entry(Size() - 1).at("type"), "refused");
  HttpResult changed = server_->Post("/api/v1/users/hal/password", body(next, kPassword), hal);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Entry(Size() - 1).at("type"), "credential.set");
  json::object login{{"user", "hal"}, {"password", next}};
  EXPECT_EQ(server_->Post("/api/v1/session", json::serialize(login)).status, 201);

  EXPECT_EQ(server_->Post("/api/v1/users/hal/tokens", "", hal).status, 403);
  Headers admin = server_->Login("admin");
  HttpResult issued = server_->Post("/api/v1/users/hal/tokens", "", admin);
  ASSERT_EQ(issued.status, 201) << issued.body;
  std::string token(issued.Json().at("token").as_string());
  std::string id(issued.Json().at("id").as_string());
  json::value entry = Entry(Size() - 1);
  EXPECT_EQ(entry.at("type"), "token.issued");
  EXPECT_EQ(entry.at("body").at("token").as_string(), id);
  Headers bearer = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(server_->Get("/api/v1/session", bearer).status, 200);
  HttpResult revoked =
      Http(server_->port(), "DELETE", "/api/v1/tokens/" + id, R"({"reason":"test over"})", admin);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  uint64_t before = Size();
  EXPECT_EQ(server_->Get("/api/v1/session", bearer).ErrorCode(), "invalid_token");
  // The revoked token names its user: the attempt is evidence, recorded.
  ASSERT_EQ(Size(), before + 1);
  json::value attempt = Entry(before);
  EXPECT_EQ(attempt.at("type"), "login.failed");
  EXPECT_EQ(attempt.at("actor").at("user"), "hal");
  EXPECT_EQ(attempt.at("body").at("reason"), "revoked token");
  EXPECT_EQ(Http(server_->port(), "DELETE", "/api/v1/tokens/" + id, "", admin).status, 400)
      << "already revoked";
}

TEST_F(ServerTest, OpenApiIsServed) {
  HttpResult r = server_->Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json().at("openapi"), "3.1.0");
}

}  // namespace
}  // namespace sharetrail::testing
