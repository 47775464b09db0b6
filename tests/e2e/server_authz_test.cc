// The authorisation matrix: every role x own party / other party x every
// endpoint that reads or writes party data. Allowed cases answer 2xx;
// denied ones answer 403 (reads) or 422 (events) and each denial is a
// `refused` entry on the ledger naming the rule that refused it.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <tuple>

#include "ledger/hash.h"
#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

namespace json = boost::json;

const char* kRoles[] = {"ig_officer", "foi_officer", "siro", "staff", "admin", "auditor"};

class AuthzTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<Account> accounts = {{"dfe-owner", "dfe", "information-governance", "ig_officer"},
                                     {"dfe-foi", "dfe", "foi", "foi_officer"},
                                     {"cqc-ig", "cqc", "information-governance", "ig_officer"}};
    for (const char* role : kRoles) {
      accounts.push_back({std::string("u-") + role, "ofsted", "information-governance", role});
    }
    // underscores are not in user ids' alphabet for readability's sake only
    for (auto& a : accounts) std::replace(a.user.begin(), a.user.end(), '_', '-');
    server_ = new Server(accounts);
    server_->Start();
    Headers owner = server_->Login("u-ig-officer");
    ASSERT_EQ(server_->Post("/api/v1/events", ItemEvent("own-item", "ofsted"), owner).status, 201);
    Headers dfe = server_->Login("dfe-owner");
    ASSERT_EQ(server_->Post("/api/v1/events", ItemEvent("other-item", "dfe"), dfe).status, 201);
    // An information request received by each party.
    for (const auto& [id, who] :
         {std::pair{"own-foi", "u-foi-officer"}, std::pair{"other-foi", "dfe-foi"}}) {
      std::string body = std::string(R"({"type":"foi.received","body":{"request":")") + id +
                         R"(","regime":"foia","received":"2026-11-02","requester":"ref-1"}})";
      ASSERT_EQ(server_->Post("/api/v1/events", body, server_->Login(who)).status, 201) << id;
    }
    // An item with a payload in the vault for each party.
    for (const auto& [item, party, who] :
         {std::tuple{"own-doc", "ofsted", &owner}, std::tuple{"other-doc", "dfe", &dfe}}) {
      std::string bytes = std::string("payload of ") + item;
      json::value ev = json::parse(ItemEvent(item, party));
      ev.at("body").as_object()["digest"] = Sha256Hex(bytes);
      ASSERT_EQ(server_->Post("/api/v1/events", json::serialize(ev), *who).status, 201);
      Headers h = *who;
      h.emplace_back("Content-Type", "application/octet-stream");
      ASSERT_EQ(
          Http(server_->port(), "PUT", std::string("/api/v1/items/") + item + "/payload", bytes, h)
              .status,
          201);
    }
  }
  static void TearDownTestSuite() { delete server_; }

  static uint64_t Size() {
    std::string cp = server_->Get("/checkpoint").body;
    return std::stoull(cp.substr(cp.find('\n') + 1));
  }
  static json::value Entry(uint64_t seq) {
    return json::parse(server_->Cli("show --seq " + std::to_string(seq) + " --canonical"));
  }

  static Server* server_;
};
Server* AuthzTest::server_ = nullptr;

struct Endpoint {
  std::string method, own, other;  // targets (or event bodies for POST)
  bool write;
};

std::vector<Endpoint> Endpoints() {
  return {
      {"GET", "/api/v1/items/own-item", "/api/v1/items/other-item", false},
      {"GET", "/api/v1/items/own-item/provenance", "/api/v1/items/other-item/provenance", false},
      {"GET", "/api/v1/items/own-doc/payload", "/api/v1/items/other-doc/payload", false},
      {"GET", "/api/v1/shared-with?party=ofsted", "/api/v1/shared-with?party=dfe", false},
      {"GET", "/api/v1/refusals?party=ofsted", "/api/v1/refusals?party=dfe", false},
      {"GET", "/api/v1/report/annual?year=2026&party=ofsted",
       "/api/v1/report/annual?year=2026&party=dfe", false},
      {"GET", "/api/v1/may-disclose?item=own-item&by=ofsted&to=cqc",
       "/api/v1/may-disclose?item=other-item&by=dfe&to=cqc", false},
      {"GET", "/api/v1/may-delete?item=own-item&by=ofsted",
       "/api/v1/may-delete?item=other-item&by=dfe", false},
      {"GET", "/api/v1/foi/requests/own-foi", "/api/v1/foi/requests/other-foi", false},
      {"GET", "/api/v1/foi/due?party=ofsted", "/api/v1/foi/due?party=dfe", false},
      {"GET", "/api/v1/foi/late?party=ofsted", "/api/v1/foi/late?party=dfe", false},
      {"GET", "/api/v1/foi/uninformed?party=ofsted", "/api/v1/foi/uninformed?party=dfe", false},
      {"GET", "/api/v1/foi/stats?year=2026&party=ofsted", "/api/v1/foi/stats?year=2026&party=dfe",
       false},
      {"POST", R"({"type":"access","body":{"item":"own-item"}})",
       R"({"type":"access","body":{"item":"other-item"}})", true},
  };
}

TEST_F(AuthzTest, EveryRoleOwnAndOtherParty) {
  for (const char* role : kRoles) {
    std::string user = std::string("u-") + role;
    std::replace(user.begin(), user.end(), '_', '-');
    Headers h = server_->Login(user);
    const bool auditor = std::string(role) == "auditor";
    for (const Endpoint& e : Endpoints()) {
      for (bool own : {true, false}) {
        const std::string& target = own ? e.own : e.other;
        uint64_t before = Size();
        HttpResult r = e.method == "GET" ? server_->Get(target, h)
                                         : server_->Post("/api/v1/events", target, h);
        std::string what = std::string(role) + (own ? " own " : " other ") + target;
        // Users act on their own party; an auditor reads every party's.
        bool allowed = own || auditor;
        if (allowed) {
          EXPECT_LT(r.status, 300) << what << "\n" << r.body;
          continue;
        }
        EXPECT_EQ(r.status, e.write ? 422 : 403) << what << "\n" << r.body;
        ASSERT_EQ(Size(), before + 1) << what << ": the denial must be recorded";
        json::value entry = Entry(before);
        EXPECT_EQ(entry.at("type"), "refused") << what;
        EXPECT_EQ(entry.at("actor").at("user").as_string(), user) << what;
        EXPECT_EQ(entry.at("body").at("decision").at("findings").at(0).at("rule"), "scope.party")
            << what;
      }
    }
  }
}

// An answer between two named parties is theirs (and auditors') alone:
// DfE's weekly serious case review updates to Ofsted (seed 000 §13, the
// agreement's `weekly_update` rule) are refused to CQC, and recorded.
TEST_F(AuthzTest, AnswersBetweenTwoPartiesAreTheirsAlone) {
  const std::string target = "/api/v1/incidents/scr-updates?weeks=2";
  for (const char* user : {"u-ig-officer", "dfe-owner", "u-auditor"}) {
    HttpResult r = server_->Get(target, server_->Login(user));
    EXPECT_EQ(r.status, 200) << user << "\n" << r.body;
  }
  Headers cqc = server_->Login("cqc-ig");
  uint64_t before = Size();
  HttpResult r = server_->Get(target, cqc);
  EXPECT_EQ(r.status, 403) << r.body;
  ASSERT_EQ(Size(), before + 1) << "the denial must be recorded";
  json::value entry = Entry(before);
  EXPECT_EQ(entry.at("type"), "refused");
  EXPECT_EQ(entry.at("actor").at("user"), "cqc-ig");
  EXPECT_EQ(entry.at("body").at("decision").at("findings").at(0).at("rule"), "scope.party");
}

// Auditors read everything but record nothing of their own: every event
// kind but reads is refused for them, and the refusal recorded.
TEST_F(AuthzTest, AuditorsCannotWrite) {
  Headers h = server_->Login("u-auditor");
  uint64_t before = Size();
  HttpResult r = server_->Post("/api/v1/events", ItemEvent("audit-item", "ofsted"), h);
  EXPECT_EQ(r.status, 422) << r.body;
  json::value entry = Entry(before);
  EXPECT_EQ(entry.at("type"), "refused");
  EXPECT_EQ(entry.at("body").at("decision").at("findings").at(0).at("rule"), "scope.role");
}

// Administration is the admin's: another role proposing it is refused.
TEST_F(AuthzTest, OnlyAnAdminDisablesUsers) {
  Headers siro = server_->Login("u-siro");
  HttpResult r =
      server_->Post("/api/v1/events",
                    R"({"type":"user.disabled","body":{"user":"u-staff","reason":"left"}})", siro);
  EXPECT_EQ(r.status, 422) << r.body;
  Headers staff = server_->Login("u-staff");
  Headers admin = server_->Login("u-admin");
  r = server_->Post(
      "/api/v1/events",
      R"({"type":"user.disabled","body":{"user":"u-staff","reason":"left the team"}})", admin);
  EXPECT_EQ(r.status, 201) << r.body;
  // The disabled user's session and password stop working at once, and the
  // session's use is recorded (refused: the account is disabled).
  uint64_t before = Size();
  EXPECT_EQ(server_->Get("/api/v1/session", staff).ErrorCode(), "session_expired");
  ASSERT_EQ(Size(), before + 1);
  json::value used = Entry(before);
  EXPECT_EQ(used.at("type"), "refused");
  EXPECT_EQ(used.at("body").at("attempt").at("body").at("reason"), "account disabled (session)");
  HttpResult login = server_->Post(
      "/api/v1/session", std::string(R"({"user":"u-staff","password":")") + kPassword + "\"}");
  EXPECT_EQ(login.status, 401);
  json::value attempt = Entry(Size() - 1);
  EXPECT_EQ(attempt.at("type"), "refused");
  EXPECT_EQ(attempt.at("body").at("attempt").at("type"), "login.failed");
}

TEST_F(AuthzTest, PublicEndpointsNeedNoAccount) {
  for (const char* target :
       {"/healthz", "/readyz", "/checkpoint", "/api/v1/openapi.json",
        "/api/v1/proof/inclusion?seq=0", "/api/v1/proof/consistency?from=1&to=2"}) {
    EXPECT_EQ(server_->Get(target).status, 200) << target;
  }
}

}  // namespace
}  // namespace sharetrail::testing
