#include "ledger/witness.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "ledger/base64.h"
#include "ledger/files.h"
#include "tests/ledger/merkle_test_support.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::TempDir;
using testing::VectorSource;

constexpr char kOrigin[] = "log.example/a";

NoteSigner MakeSigner(const std::string& name, char fill) {
  auto key = Ed25519PrivateKey::FromSeed(std::string(32, fill));
  EXPECT_TRUE(key.ok());
  auto s = NoteSigner::Create(name, std::move(key).value());
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

Cosigner MakeCosigner(const std::string& name, char fill) {
  auto key = Ed25519PrivateKey::FromSeed(std::string(32, fill));
  EXPECT_TRUE(key.ok());
  auto c = Cosigner::Create(name, std::move(key).value());
  EXPECT_TRUE(c.ok());
  return std::move(c).value();
}

// A log whose leaves are "<tag><i>": two tags give two histories.
class FakeLog {
 public:
  FakeLog(char tag, const NoteSigner& signer) : signer_(signer) {
    std::vector<Hash> leaves;
    for (int i = 0; i < 40; ++i)
      leaves.push_back(LeafHash(std::string(1, tag) + std::to_string(i)));
    tree_ = std::make_unique<VectorSource>(std::move(leaves));
  }
  Hash Root(uint64_t n) const { return *RootAt(*tree_, n); }
  std::string Note(uint64_t n, const std::string& origin = kOrigin) const {
    Checkpoint cp{origin, n, Root(n), {}};
    sharetrail::Note note{cp.Text(), {*signer_.Sign(cp.Text())}};
    return note.Format();
  }
  AddCheckpointRequest Request(uint64_t old_size, uint64_t n) const {
    AddCheckpointRequest r;
    r.old_size = old_size;
    if (old_size > 0 && old_size < n) r.proof = *ConsistencyPath(*tree_, old_size, n);
    r.note = Note(n);
    return r;
  }

 private:
  const NoteSigner& signer_;
  std::unique_ptr<VectorSource> tree_;
};

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    witness_.reset();
    auto w = Witness::Open(dir_.path() + "/witness", MakeCosigner("witness.example/w", 'w'),
                           {WitnessedLog{kOrigin, {log_signer_.Verifier()}}});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    witness_ = std::move(w).value();
  }
  WitnessAnswer Add(const AddCheckpointRequest& r) {
    auto a = witness_->AddCheckpoint(r, 1700000000);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? *a : WitnessAnswer{};
  }
  void ExpectCosigned(const WitnessAnswer& a, const AddCheckpointRequest& r) {
    ASSERT_EQ(a.verdict, WitnessVerdict::kCosigned) << a.reason;
    auto note = Note::Parse(r.note.substr(0, r.note.size()) + a.signature_lines);
    ASSERT_TRUE(note.ok()) << note.status().ToString();
    auto cosigs = OpenCosignatures(*note, {witness_->cosigner().Verifier()});
    ASSERT_TRUE(cosigs.ok()) << cosigs.status().ToString();
    ASSERT_EQ(cosigs->size(), 1u);
    EXPECT_EQ((*cosigs)[0].time, 1700000000u);
  }

  TempDir dir_;
  NoteSigner log_signer_ = MakeSigner(kOrigin, 'l');
  FakeLog log_{'a', log_signer_};
  std::unique_ptr<Witness> witness_;
};

TEST_F(WitnessTest, FirstCheckpointThenConsistentSuccessors) {
  auto r = log_.Request(0, 5);
  ExpectCosigned(Add(r), r);
  for (auto [from, to] :
       std::vector<std::pair<uint64_t, uint64_t>>{{5, 6}, {6, 13}, {13, 13}, {13, 40}}) {
    auto next = log_.Request(from, to);
    ExpectCosigned(Add(next), next);
  }
  EXPECT_EQ(*witness_->Latest(kOrigin), log_.Note(40));
}

TEST_F(WitnessTest, StateSurvivesReopenAndConflictsCarryTheStoredSize) {
  ExpectCosigned(Add(log_.Request(0, 7)), log_.Request(0, 7));
  Reopen();
  auto a = Add(log_.Request(0, 9));  // a client that forgot: learns 7
  EXPECT_EQ(a.verdict, WitnessVerdict::kSizeConflict);
  EXPECT_EQ(a.stored_size, 7u);
  EXPECT_EQ(HttpStatusOf(a.verdict), 409);
  EXPECT_FALSE(a.Evidence());
  auto again = log_.Request(7, 9);
  ExpectCosigned(Add(again), again);
}

TEST_F(WitnessTest, UnknownOrigin) {
  AddCheckpointRequest r = log_.Request(0, 3);
  r.note = log_.Note(3, "log.example/other");
  auto a = Add(r);
  EXPECT_EQ(a.verdict, WitnessVerdict::kUnknownOrigin);
  EXPECT_EQ(HttpStatusOf(a.verdict), 404);
}

TEST_F(WitnessTest, BadOrMissingLogSignature) {
  NoteSigner impostor = MakeSigner(kOrigin, 'x');
  FakeLog forged('a', impostor);
  auto a = Add(forged.Request(0, 3));
  EXPECT_EQ(a.verdict, WitnessVerdict::kBadSignature);
  EXPECT_EQ(HttpStatusOf(a.verdict), 403);
  // The right key's line with a flipped byte: invalid, not skipped.
  AddCheckpointRequest r = log_.Request(0, 3);
  auto note = *Note::Parse(r.note);
  note.signatures[0].signature[0] ^= 1;
  r.note = note.Format();
  EXPECT_EQ(Add(r).verdict, WitnessVerdict::kBadSignature);
  // Nothing was stored.
  EXPECT_EQ(*witness_->Latest(kOrigin), "");
}

TEST_F(WitnessTest, OldSizeAboveCheckpointSizeIsBadRequest) {
  ExpectCosigned(Add(log_.Request(0, 10)), log_.Request(0, 10));
  auto a = Add(log_.Request(10, 4));  // also smaller than the stored size
  EXPECT_EQ(a.verdict, WitnessVerdict::kBadRequest);
  EXPECT_EQ(HttpStatusOf(a.verdict), 400);
}

TEST_F(WitnessTest, SmallerThanStoredIsAConflict) {
  ExpectCosigned(Add(log_.Request(0, 10)), log_.Request(0, 10));
  auto a = Add(log_.Request(4, 6));
  EXPECT_EQ(a.verdict, WitnessVerdict::kSizeConflict);
  EXPECT_EQ(a.stored_size, 10u);
}

TEST_F(WitnessTest, RewrittenHistoryFailsTheProof) {
  ExpectCosigned(Add(log_.Request(0, 10)), log_.Request(0, 10));
  // Same origin and key, other entries: its proof cannot link to our root.
  FakeLog rewritten('b', log_signer_);
  auto a = Add(rewritten.Request(10, 12));
  EXPECT_EQ(a.verdict, WitnessVerdict::kProofFailed) << a.reason;
  EXPECT_EQ(HttpStatusOf(a.verdict), 422);
  EXPECT_TRUE(a.Evidence());
  ASSERT_TRUE(a.checkpoint.has_value());
  EXPECT_EQ(a.checkpoint->size, 12u);
  // The honest log still proceeds.
  auto honest = log_.Request(10, 12);
  ExpectCosigned(Add(honest), honest);
}

TEST_F(WitnessTest, SameSizeOtherRootIsARootConflict) {
  ExpectCosigned(Add(log_.Request(0, 10)), log_.Request(0, 10));
  FakeLog rewritten('b', log_signer_);
  AddCheckpointRequest r = rewritten.Request(10, 10);
  auto a = Add(r);
  EXPECT_EQ(a.verdict, WitnessVerdict::kRootConflict);
  EXPECT_EQ(HttpStatusOf(a.verdict), 409);
  EXPECT_TRUE(a.Evidence());
}

TEST_F(WitnessTest, ProofRules) {
  AddCheckpointRequest r = log_.Request(0, 10);
  r.proof.push_back(Hash{});
  EXPECT_EQ(Add(r).verdict, WitnessVerdict::kBadRequest);  // old 0 needs no proof
  ExpectCosigned(Add(log_.Request(0, 10)), log_.Request(0, 10));
  AddCheckpointRequest truncated = log_.Request(10, 17);
  truncated.proof.pop_back();
  EXPECT_EQ(Add(truncated).verdict, WitnessVerdict::kProofFailed);
}

TEST_F(WitnessTest, ConcurrentSubmissionsNeverBothPassOnOneState) {
  ExpectCosigned(Add(log_.Request(0, 4)), log_.Request(0, 4));
  // Many threads submit successors of 4; exactly one can win, the rest see
  // the new size (409) and none rolls the state back.
  std::vector<std::thread> threads;
  std::atomic<int> cosigned{0}, conflicts{0};
  for (uint64_t n = 5; n < 37; ++n) {
    threads.emplace_back([&, n] {
      auto a = witness_->AddCheckpoint(log_.Request(4, n), 1);
      if (a.ok() && a->verdict == WitnessVerdict::kCosigned) ++cosigned;
      if (a.ok() && a->verdict == WitnessVerdict::kSizeConflict) ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(cosigned.load(), 1);
  EXPECT_EQ(conflicts.load(), 31);
}

TEST(AddCheckpointRequestTest, ParseAndFormat) {
  std::string body =
      "old 20852014\n"
      "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
      "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
      "\n"
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
      "\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/"
      "Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  auto r = AddCheckpointRequest::Parse(body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->old_size, 20852014u);
  EXPECT_EQ(r->proof.size(), 2u);
  EXPECT_EQ(r->note.substr(0, 27), "example.com/behind-the-sofa");
  EXPECT_EQ(r->Format(), body);
  EXPECT_FALSE(AddCheckpointRequest::Parse("old 01\n\nx\n").ok());
  EXPECT_FALSE(AddCheckpointRequest::Parse("new 1\n\nx\n").ok());
  EXPECT_FALSE(AddCheckpointRequest::Parse("old 1\nnot base64\n\nx\n").ok());
  EXPECT_FALSE(AddCheckpointRequest::Parse("old 1\n").ok());
  std::string many = "old 1\n";
  for (int i = 0; i < 64; ++i) many += "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n";
  EXPECT_FALSE(AddCheckpointRequest::Parse(many + "\nx\n").ok());
}

TEST(WitnessConfigTest, ParsesLogsWithLineNumberedErrors) {
  NoteSigner a = MakeSigner("a.example/log", 'a');
  auto logs = ParseWitnessConfig("# logs we witness\nlog a.example/log " + a.Verifier().Vkey() +
                                 "  # body A\n\n");
  ASSERT_TRUE(logs.ok()) << logs.status().ToString();
  ASSERT_EQ(logs->size(), 1u);
  EXPECT_EQ((*logs)[0].origin, "a.example/log");
  auto bad = ParseWitnessConfig("log a b c\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 1"), std::string::npos);
  auto bad_key = ParseWitnessConfig("\nlog a.example/log a+00000000+AQ==\n");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_NE(bad_key.status().message().find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace sharetrail
