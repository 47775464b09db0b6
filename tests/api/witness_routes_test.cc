// POST /add-checkpoint and the cosigned checkpoint through App::Handle (no
// sockets): the tlog-witness answers, their content types, the body limit,
// the per-address rate limit, and the evidence entry a split view leaves on
// this node's ledger.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdio>
#include <fstream>

#include "api/app.h"
#include "ledger/witness.h"
#include "tests/ledger/merkle_test_support.h"
#include "tests/testutil.h"

namespace sharetrail::api {
namespace {

using sharetrail::testing::TempDir;
using sharetrail::testing::VectorSource;

constexpr char kOrigin[] = "peer.example/ledger";

NoteSigner Signer(char seed) {
  auto key = Ed25519PrivateKey::FromSeed(std::string(32, seed));
  return std::move(NoteSigner::Create(kOrigin, std::move(key).value())).value();
}
NoteSigner PeerSigner() { return Signer('p'); }

// The peer's log: leaves "<tag><i>".
std::unique_ptr<VectorSource> Tree(char tag) {
  std::vector<Hash> leaves;
  for (int i = 0; i < 20; ++i) leaves.push_back(LeafHash(std::string(1, tag) + std::to_string(i)));
  return std::make_unique<VectorSource>(std::move(leaves));
}

std::string Body(const NoteSigner& s, const VectorSource& t, uint64_t old_size, uint64_t size) {
  AddCheckpointRequest r;
  r.old_size = old_size;
  if (old_size > 0 && old_size < size) r.proof = *ConsistencyPath(t, old_size, size);
  Checkpoint cp{kOrigin, size, *RootAt(t, size), {}};
  r.note = Note{cp.Text(), {*s.Sign(cp.Text())}}.Format();
  return r.Format();
}

class WitnessRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.Sub("ledger");
    ASSERT_TRUE(Ledger::Init(dir_, "self.example/ledger").ok());
    ASSERT_TRUE(InitWitnessKey(dir_, "self.example/witness").ok());
    std::ofstream(tmp_.Sub("witness.conf"))
        << "log " << kOrigin << " " << signer_.Verifier().Vkey() << "\n";
    null_ = std::fopen("/dev/null", "w");
    AppOptions o;
    o.access_log = null_;
    o.witness_config = tmp_.Sub("witness.conf");
    o.add_checkpoint_per_minute = 8;
    auto app = App::Open(dir_, o);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
  }
  void TearDown() override {
    app_.reset();
    std::fclose(null_);
  }
  HttpResponse Post(const std::string& body, const std::string& addr = "10.0.0.1") {
    HttpRequest r;
    r.method = "POST";
    r.path = "/add-checkpoint";
    r.remote_addr = addr;
    r.body = body;
    return app_->Handle(r);
  }

  TempDir tmp_;
  std::string dir_;
  NoteSigner signer_ = PeerSigner();
  std::unique_ptr<VectorSource> tree_ = Tree('a');
  std::FILE* null_ = nullptr;
  std::unique_ptr<App> app_;
};

TEST_F(WitnessRoutesTest, AnswersAsTheSpecSays) {
  HttpResponse first = Post(Body(signer_, *tree_, 0, 4));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body.rfind("\xE2\x80\x94 self.example/witness ", 0), 0u) << first.body;
  HttpResponse stale = Post(Body(signer_, *tree_, 0, 6));
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.content_type, "text/x.tlog.size");
  EXPECT_EQ(stale.body, "4\n");
  EXPECT_EQ(Post(Body(signer_, *tree_, 4, 9)).status, 200);
  EXPECT_EQ(Post("old 1\n").status, 400);
  EXPECT_EQ(Post(Body(PeerSigner(), *tree_, 9, 3)).status, 400);  // old > size
  NoteSigner impostor = Signer('x');
  EXPECT_EQ(Post(Body(impostor, *tree_, 9, 12)).status, 403);
  EXPECT_EQ(Post(std::string(70 * 1024, 'x')).status, 413);
}

TEST_F(WitnessRoutesTest, UnknownOriginIs404) {
  std::string body = Body(signer_, *tree_, 0, 4);
  size_t at = body.find(kOrigin);
  body.replace(at, std::string(kOrigin).size(), "other.example/ledger");
  EXPECT_EQ(Post(body).status, 404);
}

TEST_F(WitnessRoutesTest, ASplitViewIsRefusedAndRecorded) {
  ASSERT_EQ(Post(Body(signer_, *tree_, 0, 8)).status, 200);
  uint64_t before = *app_->ledger().Size();
  auto other = Tree('b');
  HttpResponse r = Post(Body(signer_, *other, 8, 12));
  EXPECT_EQ(r.status, 422) << r.body;
  ASSERT_EQ(*app_->ledger().Size(), before + 1);
  auto entry = boost::json::parse(*app_->ledger().EntryBytes(before));
  EXPECT_EQ(entry.at("type"), "witness.refused");
  EXPECT_EQ(entry.at("actor").at("user"), "witness");
  EXPECT_EQ(entry.at("body").at("old_size"), 8);
  EXPECT_EQ(entry.at("body").at("size"), 12);
  bool header = false;
  for (const auto& [k, v] : r.headers) header = header || k == "X-Sharetrail-Recorded-Seq";
  EXPECT_TRUE(header);
  // The same size with another root: 409 without a size body, also recorded.
  HttpResponse same = Post(Body(signer_, *other, 8, 8));
  EXPECT_EQ(same.status, 409);
  EXPECT_NE(same.content_type, "text/x.tlog.size");
  EXPECT_EQ(*app_->ledger().Size(), before + 2);
  // A stale or malformed submission is no evidence: nothing recorded.
  EXPECT_EQ(Post(Body(signer_, *tree_, 0, 9)).status, 409);
  EXPECT_EQ(*app_->ledger().Size(), before + 2);
  // The same inconsistent checkpoint again (anyone can resubmit what the log
  // signed): the same answer, pointing at the entry already made; the
  // ledger does not grow.
  HttpResponse again = Post(Body(signer_, *other, 8, 12));
  EXPECT_EQ(again.status, 422) << again.body;
  std::string seq;
  for (const auto& [k, v] : again.headers) {
    if (k == "X-Sharetrail-Recorded-Seq") seq = v;
  }
  EXPECT_EQ(seq, std::to_string(before));
  EXPECT_EQ(*app_->ledger().Size(), before + 2);
}

TEST_F(WitnessRoutesTest, RateLimitedPerAddress) {
  int limited = 0;
  for (int i = 0; i < 10; ++i) limited += Post("old 1\n", "10.0.0.9").status == 429 ? 1 : 0;
  EXPECT_EQ(limited, 2);
  EXPECT_EQ(Post("old 1\n", "10.0.0.10").status, 400);  // another address is not held up
}

TEST_F(WitnessRoutesTest, PublishedCheckpointWithoutPolicyIsTheSignedOne) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/api/v1/checkpoint/cosigned";
  HttpResponse got = app_->Handle(r);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, *app_->ledger().SignedCheckpoint());
}

}  // namespace
}  // namespace sharetrail::api
