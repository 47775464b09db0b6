// Issue 5 over HTTP: an item's payload stored in the vault and read back
// through sharetraild (each read a recorded access, refused for a party
// without a copy), and crypto-shredded when a disposal recorded through
// the API removes the last copy (DESIGN.md §1 "the vault"; seed 003 "How
// long we keep personal data" for the retention minimum that has passed).
#include <boost/json/parse.hpp>
#include <filesystem>

#include "ledger/hash.h"
#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

namespace json = boost::json;

const char kPayload[] = "Interview notes, inspection of a fictional home, March 2021\n";

class VaultApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<Server>(
        std::vector<Account>{{"alice", "ofsted", "information-governance", "ig_officer"},
                             {"ada", "ofsted", "information-governance", "siro"},
                             {"dora", "dfe", "information-governance", "ig_officer"},
                             {"ian", "ofsted", "information-governance", "auditor"}});
    server_->Start();
    alice_ = server_->Login("alice");
    // Inspection evidence past its three-year minimum (seed 003 "Inspections
    // of Cafcass > How long we keep personal data" ¶1).
    json::object item{{"item", "ev-1"},
                      {"title", "Interview notes"},
                      {"kind", "document"},
                      {"owner", "ofsted"},
                      {"category", "inspection_evidence"},
                      {"classification", "official-sensitive"},
                      {"safeguarding", false},
                      {"personal_data", true},
                      {"digest", Sha256Hex(kPayload)},
                      {"retention_class", "inspection_evidence_3y"},
                      {"evidence_date", "2021-03-01"}};
    ASSERT_EQ(Event(alice_, "item.registered", item).status, 201);
  }

  HttpResult Event(const Headers& who, const std::string& type, const json::object& body) {
    return server_->Post("/api/v1/events",
                         json::serialize(json::object{{"type", type}, {"body", body}}), who);
  }
  HttpResult Put(const Headers& who, const std::string& bytes,
                 const std::string& type = "application/octet-stream") {
    Headers h = who;
    h.emplace_back("Content-Type", type);
    return Http(server_->port(), "PUT", "/api/v1/items/ev-1/payload", bytes, h);
  }
  // The entry at seq (read-only: the server holds the writer lock).
  json::value Entry(uint64_t seq) {
    return json::parse(server_->Cli("show --seq " + std::to_string(seq) + " --canonical"));
  }
  uint64_t Size() {
    std::string cp = server_->Get("/checkpoint").body;
    return std::stoull(cp.substr(cp.find('\n') + 1));
  }
  bool KeyExists() { return std::filesystem::exists(server_->dir() + "/vault/keys/ev-1.key"); }

  std::unique_ptr<Server> server_;
  Headers alice_;
};

TEST_F(VaultApiTest, StoreReadAndShredThroughTheApi) {
  // Bad input changes nothing: the wrong type, and bytes that do not hash
  // to the registered digest (sealed, then withdrawn).
  uint64_t size = Size();
  HttpResult r = Put(alice_, kPayload, "text/plain");
  EXPECT_EQ(r.status, 400) << r.body;
  r = Put(alice_, "not the registered document");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("body.digest"), std::string::npos) << r.body;
  EXPECT_FALSE(KeyExists());
  EXPECT_EQ(Size(), size);

  // A party holding no copy may not store it: refused and recorded.
  Headers dora = server_->Login("dora");
  r = Put(dora, kPayload);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Size(), size + 1);
  EXPECT_FALSE(KeyExists());

  r = Put(alice_, kPayload);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("type"), "payload.stored");
  EXPECT_TRUE(KeyExists());
  EXPECT_EQ(Put(alice_, kPayload).status, 409);

  // Each read is an access on the ledger before the bytes go out.
  r = server_->Get("/api/v1/items/ev-1/payload", alice_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, kPayload);
  EXPECT_EQ(r.headers["content-type"], "application/octet-stream");
  EXPECT_EQ(r.headers["x-sharetrail-digest"], "sha256:" + Sha256Hex(kPayload));
  json::value access = Entry(std::stoull(r.headers["x-sharetrail-recorded-seq"]));
  EXPECT_EQ(access.at("type"), "access");
  EXPECT_EQ(access.at("actor").at("user"), "alice");
  size = Size();
  r = server_->Get("/api/v1/items/ev-1/payload", dora);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Size(), size + 1);
  EXPECT_EQ(Entry(size).at("type"), "refused");
  EXPECT_EQ(server_->Get("/api/v1/items/ev-2/payload", alice_).status, 404);

  // The vault's own events are not taken from the generic route.
  r = Event(alice_, "payload.stored",
            {{"item", "ev-1"}, {"digest", Sha256Hex(kPayload)}, {"size", 5}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("PUT /api/v1/items/{item}/payload"), std::string::npos) << r.body;
  EXPECT_EQ(Event(alice_, "payload.shredded", {{"item", "ev-1"}, {"request", "x"}}).status, 400);

  // Deletion requested, approved by the SIRO, disposed: the last copy gone,
  // the key goes before the answer and the shred is recorded.
  ASSERT_EQ(Event(alice_, "deletion.requested",
                  {{"request", "del-1"}, {"item", "ev-1"}, {"reason", "minimum passed"}})
                .status,
            201);
  Headers ada = server_->Login("ada");
  ASSERT_EQ(Event(ada, "disposition.approved", {{"request", "del-1"}}).status, 201);
  r = Event(alice_, "disposed", {{"request", "del-1"}, {"method", "crypto_shredded"}});
  ASSERT_EQ(r.status, 201) << r.body;
  json::array shredded = r.Json().at("payloads_shredded").as_array();
  ASSERT_EQ(shredded.size(), 1u) << r.body;
  EXPECT_EQ(shredded[0].at("item"), "ev-1");
  EXPECT_EQ(shredded[0].at("recorded"), "payload.shredded");
  EXPECT_FALSE(KeyExists());
  json::value shred = Entry(static_cast<uint64_t>(shredded[0].at("seq").as_int64()));
  EXPECT_EQ(shred.at("type"), "payload.shredded");
  EXPECT_EQ(shred.at("actor").at("user"), "alice");

  // Ofsted holds no copy now; an auditor reads that the bytes are gone.
  EXPECT_EQ(server_->Get("/api/v1/items/ev-1/payload", alice_).status, 403);
  r = server_->Get("/api/v1/items/ev-1/payload", server_->Login("ian"));
  EXPECT_EQ(r.status, 410) << r.body;
  EXPECT_NE(r.body.find("crypto-shredded"), std::string::npos) << r.body;
  EXPECT_EQ(server_->Stop(), 0);
  std::string verify = server_->Cli("verify");
  EXPECT_EQ(verify.find("note:"), std::string::npos) << verify;
}

}  // namespace
}  // namespace sharetrail::testing
