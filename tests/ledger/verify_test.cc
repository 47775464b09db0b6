#include "ledger/verify.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "ledger/base64.h"
#include "ledger/keys.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::ShareEvent;
using testing::TempDir;

constexpr int kEntries = 50;

// Builds a closed ledger of kEntries share events and returns their leaf hashes.
std::vector<Hash> Build(const std::string& dir) {
  EXPECT_TRUE(Ledger::Init(dir, "verify.test/log").ok());
  LedgerOptions o;
  o.checkpoint_interval = 16;
  auto l = Ledger::Open(dir, o);
  EXPECT_TRUE(l.ok());
  std::vector<Hash> leaves;
  for (int i = 0; i < kEntries; ++i) leaves.push_back((*l)->Append(ShareEvent(i))->leaf_hash);
  return leaves;
}

VerifyReport RunVerify(const std::string& dir, VerifyOptions options = {}) {
  LedgerOptions ro;
  ro.read_only = true;
  auto l = Ledger::Open(dir, ro);
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  auto r = Verify(**l, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

// Flips one bit in every copy of `needle` in the data file (LMDB's
// copy-on-write leaves old copies of pages behind; a tamperer would edit all).
int FlipEverywhere(const std::string& dir, std::string_view needle, size_t offset) {
  std::string path = dir + "/data.mdb";
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), {});
  in.close();
  int n = 0;
  for (size_t pos = data.find(needle); pos != std::string::npos; pos = data.find(needle, pos + 1)) {
    data[pos + offset] ^= 0x01;
    ++n;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  return n;
}

// Edits the closed ledger's store directly, as someone with file access could.
template <typename F>
void Tamper(const std::string& dir, F edit) {
  auto store = Store::Open(dir, {});
  ASSERT_TRUE(store.ok());
  auto txn = (*store)->BeginWrite();
  ASSERT_TRUE(txn.ok());
  edit(**txn);
  ASSERT_TRUE((*txn)->Commit().ok());
}

TEST(Verify, PassesOnAnIntactLedger) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  auto leaves = Build(dir);
  uint64_t calls = 0;
  VerifyOptions o;
  o.deep = true;
  o.progress = [&](uint64_t, uint64_t) { ++calls; };
  VerifyReport r = RunVerify(dir, o);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.entries, static_cast<uint64_t>(kEntries));
  EXPECT_EQ(r.nodes, 2u * kEntries - 3);  // 2n - popcount(50) complete subtrees
  EXPECT_EQ(r.checkpoints, 5u);           // sizes 0, 16, 32, 48 and the latest (50)
  EXPECT_GE(calls, 1u);
}

TEST(Verify, NamesTheSeqOfAFlippedEntryByte) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  Build(dir);
  ASSERT_GE(FlipEverywhere(dir, "\"n\":17,\"purpose\":\"daily", 16), 1);
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(r.bad_seq.has_value());
  EXPECT_EQ(*r.bad_seq, 17u);
  EXPECT_NE(r.problem.find("leaf hash"), std::string::npos) << r.problem;
}

TEST(Verify, NamesTheSeqOfAFlippedTreeNode) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  auto leaves = Build(dir);
  // Node (level 1, index 8) covers leaves 16 and 17; appending 17 completes it.
  Hash node = NodeHash(leaves[16], leaves[17]);
  ASSERT_GE(FlipEverywhere(dir, AsBytes(node), 5), 1);
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(r.bad_seq.has_value());
  EXPECT_EQ(*r.bad_seq, 17u);
  EXPECT_NE(r.problem.find("level 1, index 8"), std::string::npos) << r.problem;
}

TEST(Verify, NamesTheSeqOfAFlippedLeafHash) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  auto leaves = Build(dir);
  ASSERT_GE(FlipEverywhere(dir, AsBytes(leaves[9]), 0), 1);
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq.value_or(999), 9u);
}

TEST(Verify, CatchesARewriteThatRecomputedTheTreeViaTheSignedCheckpoint) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  Build(dir);
  // Rewrite the last entry and every node consistently, as an insider with
  // write access to the database but not the signing key could.
  Tamper(dir, [](WriteTxn& t) {
    Frontier f;
    std::vector<Frontier::NewNode> made;
    for (uint64_t seq = 0; seq < kEntries; ++seq) {
      std::string bytes(*t.Get(Table::kEntries, U64Key(seq)));
      if (seq == kEntries - 1) {
        size_t p = bytes.find("secure platform");
        ASSERT_NE(p, std::string::npos);
        bytes.replace(p, 6, "public");
        ASSERT_TRUE(t.Put(Table::kEntries, U64Key(seq), bytes, false).ok());
      }
      made.clear();
      f.Append(LeafHash(bytes), &made);
      for (auto& n : made) {
        ASSERT_TRUE(
            t.Put(Table::kNodes, U64Key(NodeId(n.level, n.index)), AsBytes(n.hash), false).ok());
      }
    }
  });
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq.value_or(999), static_cast<uint64_t>(kEntries - 1));
  EXPECT_NE(r.problem.find("signed root"), std::string::npos) << r.problem;
}

TEST(Verify, NamesTheSeqOfADeletedEntry) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  Build(dir);
  Tamper(dir, [](WriteTxn& t) { ASSERT_TRUE(t.Delete(Table::kEntries, U64Key(23)).ok()); });
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq.value_or(999), 23u) << r.problem;
  EXPECT_NE(r.problem.find("missing"), std::string::npos) << r.problem;
}

TEST(Verify, NamesTheSeqOfSwappedEntries) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  Build(dir);
  Tamper(dir, [](WriteTxn& t) {
    std::string a(*t.Get(Table::kEntries, U64Key(30))), b(*t.Get(Table::kEntries, U64Key(31)));
    ASSERT_TRUE(t.Put(Table::kEntries, U64Key(30), b, false).ok());
    ASSERT_TRUE(t.Put(Table::kEntries, U64Key(31), a, false).ok());
  });
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq.value_or(999), 30u) << r.problem;
}

TEST(Verify, NoticesEntriesRemovedFromTheEnd) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  Build(dir);
  Tamper(dir,
         [](WriteTxn& t) { ASSERT_TRUE(t.Delete(Table::kEntries, U64Key(kEntries - 1)).ok()); });
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq.value_or(999), static_cast<uint64_t>(kEntries - 1)) << r.problem;
  EXPECT_NE(r.problem.find("missing"), std::string::npos) << r.problem;
}

TEST(Verify, NoticesEntriesNoCheckpointCovers) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  Build(dir);
  // Appending by hand, chain and tree intact, but without the key to sign.
  Tamper(dir, [](WriteTxn& t) {
    Frontier f;
    std::vector<Frontier::NewNode> made;
    Hash prev{};
    for (uint64_t seq = 0; seq < kEntries; ++seq) {
      prev = LeafHash(*t.Get(Table::kEntries, U64Key(seq)));
      f.Append(prev, &made);
    }
    std::string bytes;
    EncodeEntry(*PrepareEvent(ShareEvent(kEntries)), kEntries, "2099-01-01T00:00:00.000000Z", prev,
                &bytes);
    ASSERT_TRUE(t.Put(Table::kEntries, U64Key(kEntries), bytes, true).ok());
    made.clear();
    f.Append(LeafHash(bytes), &made);
    for (auto& n : made) {
      ASSERT_TRUE(
          t.Put(Table::kNodes, U64Key(NodeId(n.level, n.index)), AsBytes(n.hash), true).ok());
    }
  });
  VerifyReport r = RunVerify(dir);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq.value_or(999), static_cast<uint64_t>(kEntries)) << r.problem;
  EXPECT_NE(r.problem.find("not covered"), std::string::npos) << r.problem;
}

TEST(Verify, RejectsCheckpointsSignedByAnotherKey) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  Build(dir);
  auto other = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(other.ok());
  auto v = NoteVerifier::FromPublicKey("verify.test/log", other->PublicKey());
  ASSERT_TRUE(v.ok());
  VerifyOptions o;
  o.verifier = *v;
  VerifyReport r = RunVerify(dir, o);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("signature"), std::string::npos) << r.problem;
}

}  // namespace
}  // namespace sharetrail
