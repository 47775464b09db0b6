#include "ledger/merkle.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "ledger/hash.h"
#include "tests/ledger/merkle_test_support.h"
#include "tests/ledger/merkle_vectors.h"

namespace sharetrail {
namespace {

using testing::HexHash;
using testing::kConsistencyVectors;
using testing::kInclusionVectors;
using testing::kNodeHashes;
using testing::kRoots;
using testing::LazySource;
using testing::LeafInputs;
using testing::ProofVector;
using testing::Reference;
using testing::UniformSource;
using testing::VectorSource;

std::vector<Hash> Hashes(const std::vector<const char*>& hex) {
  std::vector<Hash> out;
  for (const char* h : hex) out.push_back(HexHash(h));
  return out;
}

// The 8 published inputs, then made-up ones, so small trees are the RFC ones.
std::vector<Hash> LeafHashes(size_t n) {
  std::vector<Hash> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(
        LeafHash(i < LeafInputs().size() ? LeafInputs()[i] : "entry " + std::to_string(i)));
  }
  return out;
}

// RootAt's value, or a reported failure: dereferencing a failed Result aborts.
Hash Root(const NodeSource& src, uint64_t size) {
  Result<Hash> r = RootAt(src, size);
  if (!r.ok()) {
    ADD_FAILURE() << r.status().ToString();
    return Hash{};
  }
  return *r;
}

TEST(MerklePublished, TestSourceMatchesPublishedNodeHashes) {
  VectorSource src(LeafHashes(8));
  for (size_t level = 0; level < kNodeHashes.size(); ++level) {
    for (size_t i = 0; i < kNodeHashes[level].size(); ++i) {
      EXPECT_EQ(*src.Node(level, i), HexHash(kNodeHashes[level][i])) << level << "/" << i;
    }
  }
}

TEST(MerklePublished, Roots) {
  VectorSource src(LeafHashes(8));
  EXPECT_EQ(Root(src, 0),
            HexHash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  Frontier f;
  std::vector<Frontier::NewNode> sink;
  for (uint64_t size = 1; size <= 8; ++size) {
    EXPECT_EQ(Root(src, size), HexHash(kRoots[size - 1])) << size;
    f.Append(src.leaves()[size - 1], &sink);
    EXPECT_EQ(f.Root(), HexHash(kRoots[size - 1])) << size;
  }
}

TEST(MerklePublished, InclusionProofs) {
  VectorSource src(LeafHashes(8));
  for (const ProofVector& v : kInclusionVectors) {
    SCOPED_TRACE(std::to_string(v.a) + " in " + std::to_string(v.size));
    Result<std::vector<Hash>> proof = InclusionPath(src, v.a, v.size);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, Hashes(v.proof));
    Status st = VerifyInclusion(LeafHash(LeafInputs()[v.a]), v.a, v.size, Hashes(v.proof),
                                HexHash(kRoots[v.size - 1]));
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
}

TEST(MerklePublished, ConsistencyProofs) {
  VectorSource src(LeafHashes(8));
  for (const ProofVector& v : kConsistencyVectors) {
    SCOPED_TRACE(std::to_string(v.a) + " -> " + std::to_string(v.size));
    Result<std::vector<Hash>> proof = ConsistencyPath(src, v.a, v.size);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, Hashes(v.proof));
    Status st = VerifyConsistency(v.a, v.size, HexHash(kRoots[v.a - 1]),
                                  HexHash(kRoots[v.size - 1]), Hashes(v.proof));
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
}

// ---------------------------------------------------------------------------
// Every size, index and pair up to kMax against the naive reference.

constexpr uint64_t kMax = 300;

TEST(MerkleExhaustive, RootsAndInclusionProofs) {
  VectorSource src(LeafHashes(kMax));
  Reference ref(src.leaves());
  for (uint64_t size = 1; size <= kMax; ++size) {
    const Hash root = ref.Mth(0, size);
    ASSERT_EQ(Root(src, size), root) << size;
    for (uint64_t i = 0; i < size; ++i) {
      Result<std::vector<Hash>> proof = InclusionPath(src, i, size);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, ref.Path(i, 0, size)) << i << " in " << size;
      Status st = VerifyInclusion(src.leaves()[i], i, size, *proof, root);
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
  }
}

TEST(MerkleExhaustive, ConsistencyProofs) {
  VectorSource src(LeafHashes(kMax));
  Reference ref(src.leaves());
  for (uint64_t n = 1; n <= kMax; ++n) {
    for (uint64_t m = 1; m <= n; ++m) {
      Result<std::vector<Hash>> proof = ConsistencyPath(src, m, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, ref.Proof(m, n)) << m << " -> " << n;
      Status st = VerifyConsistency(m, n, ref.Mth(0, m), ref.Mth(0, n), *proof);
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
  }
}

TEST(MerkleExhaustive, ArbitraryRangeHash) {
  VectorSource src(LeafHashes(40));
  Reference ref(src.leaves());
  for (uint64_t b = 0; b < 40; ++b) {
    for (uint64_t e = b + 1; e <= 40; ++e) {
      ASSERT_EQ(*RangeHash(src, b, e), ref.Mth(b, e)) << b << "," << e;
    }
  }
}

// ---------------------------------------------------------------------------
// Tampering. Sizes and indices are changed only in ways that change the shape
// of the path (x2, /2, other leaf): RFC 9162 proofs bind to the root, and a
// size with the same path shape legitimately gives the same root computation.

std::vector<std::vector<Hash>> Mangled(const std::vector<Hash>& proof, const Hash& junk) {
  std::vector<std::vector<Hash>> out;
  for (size_t i = 0; i < proof.size(); ++i) {
    for (int bit : {0, 7, 255}) {
      std::vector<Hash> p = proof;
      p[i][bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      out.push_back(p);
    }
  }
  if (!proof.empty()) {
    out.emplace_back(proof.begin(), proof.end() - 1);  // truncated
    out.emplace_back(proof.begin() + 1, proof.end());  // head dropped
    std::vector<Hash> dup = proof;
    dup.insert(dup.begin(), proof[0]);
    out.push_back(dup);
  }
  std::vector<Hash> extended = proof;
  extended.push_back(junk);
  out.push_back(extended);
  std::vector<Hash> prefixed = proof;
  prefixed.insert(prefixed.begin(), junk);
  out.push_back(prefixed);
  return out;
}

// Every size up to 40 in full, then sizes around powers of two sampled: the
// sanitizer build must stay fast.
std::vector<uint64_t> TamperSizes() {
  std::vector<uint64_t> sizes;
  for (uint64_t s = 1; s <= 40; ++s) sizes.push_back(s);
  for (uint64_t s : {63, 64, 65, 127, 128, 129, 255, 256, 257, 300}) sizes.push_back(s);
  return sizes;
}
// [first, end): all of it for small trees, else every 7th value and the last.
std::vector<uint64_t> TamperPoints(uint64_t first, uint64_t end) {
  std::vector<uint64_t> points;
  const uint64_t step = end <= 40 ? 1 : 7;
  for (uint64_t v = first; v < end; v += step) points.push_back(v);
  if (points.back() != end - 1) points.push_back(end - 1);
  return points;
}

TEST(MerkleNegative, TamperedInclusionProofsFail) {
  VectorSource src(LeafHashes(2 * kMax));
  Reference ref(src.leaves());
  for (uint64_t size : TamperSizes()) {
    const Hash root = ref.Mth(0, size);
    for (uint64_t i : TamperPoints(0, size)) {
      SCOPED_TRACE(std::to_string(i) + " in " + std::to_string(size));
      const std::vector<Hash> proof = ref.Path(i, 0, size);
      const Hash& leaf = src.leaves()[i];
      for (const auto& bad : Mangled(proof, root)) {
        EXPECT_FALSE(VerifyInclusion(leaf, i, size, bad, root).ok());
      }
      for (uint64_t j : {i - 1, i + 1, i ^ 2, i + size}) {
        if (j != i) {
          EXPECT_FALSE(VerifyInclusion(leaf, j, size, proof, root).ok()) << j;
        }
      }
      EXPECT_FALSE(VerifyInclusion(leaf, i, 2 * size, proof, root).ok());
      EXPECT_FALSE(VerifyInclusion(leaf, i, size / 2, proof, root).ok());
      EXPECT_FALSE(VerifyInclusion(LeafHash("not it"), i, size, proof, root).ok());
      EXPECT_FALSE(VerifyInclusion(leaf, i, size, proof, EmptyTreeHash()).ok());
    }
  }
}

TEST(MerkleNegative, TamperedConsistencyProofsFail) {
  VectorSource src(LeafHashes(2 * kMax));
  Reference ref(src.leaves());
  for (uint64_t n : TamperSizes()) {
    if (n == 1) continue;  // no m with 0 < m < 1
    for (uint64_t m : TamperPoints(1, n)) {
      SCOPED_TRACE(std::to_string(m) + " -> " + std::to_string(n));
      const std::vector<Hash> proof = ref.Proof(m, n);
      const Hash rm = ref.Mth(0, m);
      const Hash rn = ref.Mth(0, n);
      for (const auto& bad : Mangled(proof, rn)) {
        EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, bad).ok());
      }
      EXPECT_FALSE(VerifyConsistency(m, n, rn, rm, proof).ok()) << "swapped roots";
      EXPECT_FALSE(VerifyConsistency(m, n, rm, rm, proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, n, rn, rn, proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, n, rm, rn, {}).ok());
      for (uint64_t k : {m - 1, m + 1, m ^ 2}) {
        if (k != m) {
          EXPECT_FALSE(VerifyConsistency(k, n, rm, rn, proof).ok()) << k;
        }
      }
      EXPECT_FALSE(VerifyConsistency(m, 2 * n, rm, rn, proof).ok());
      EXPECT_FALSE(VerifyConsistency(m, n / 2, rm, rn, proof).ok());
    }
  }
}

TEST(MerkleNegative, DegenerateConsistency) {
  const Hash empty = EmptyTreeHash();
  const Hash a = LeafHash("a");
  EXPECT_TRUE(VerifyConsistency(0, 0, empty, empty, {}).ok());
  EXPECT_TRUE(VerifyConsistency(0, 5, empty, a, {}).ok());
  EXPECT_FALSE(VerifyConsistency(0, 5, a, a, {}).ok()) << "size 0 must have the empty root";
  EXPECT_FALSE(VerifyConsistency(0, 5, empty, a, {a}).ok());
  EXPECT_TRUE(VerifyConsistency(3, 3, a, a, {}).ok());
  EXPECT_FALSE(VerifyConsistency(3, 3, a, empty, {}).ok());
  EXPECT_FALSE(VerifyConsistency(3, 3, a, a, {a}).ok());
  EXPECT_FALSE(VerifyConsistency(4, 3, a, a, {}).ok());
  EXPECT_FALSE(VerifyInclusion(a, 0, 0, {}, a).ok());
  EXPECT_TRUE(VerifyInclusion(a, 0, 1, {}, a).ok());
  EXPECT_FALSE(VerifyInclusion(a, 1, 1, {}, a).ok());
}

TEST(MerkleNegative, MessagesSayWhatAndWhy) {
  const Hash a = LeafHash("a");
  Status st = VerifyInclusion(a, 1, 5, {a}, a);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("got 1 hashes"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("exactly 3"), std::string::npos) << st.message();
  st = VerifyConsistency(6, 8, a, a, {a, a});
  EXPECT_NE(st.message().find("exactly 3"), std::string::npos) << st.message();
  st = VerifyConsistency(9, 8, a, a, {});
  EXPECT_NE(st.message().find("never shrinks"), std::string::npos) << st.message();
  st = VerifyConsistency(8, 8, a, LeafHash("b"), {});
  EXPECT_NE(st.message().find("forked"), std::string::npos) << st.message();
}

// ---------------------------------------------------------------------------
// Argument and storage errors.

class FailingSource : public NodeSource {
 public:
  Result<Hash> Node(int, uint64_t) const override { return IOError("disk on fire"); }
};

TEST(MerkleErrors, BadArguments) {
  VectorSource src(LeafHashes(8));
  EXPECT_EQ(InclusionPath(src, 8, 8).status().code(), Code::kOutOfRange);
  EXPECT_EQ(InclusionPath(src, 0, 0).status().code(), Code::kOutOfRange);
  EXPECT_EQ(ConsistencyPath(src, 9, 8).status().code(), Code::kOutOfRange);
  EXPECT_EQ(ConsistencyPath(src, 0, 8).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(RangeHash(src, 3, 3).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(RangeHash(src, 4, 3).status().code(), Code::kInvalidArgument);
  // A size the store does not have is the store's error, passed through.
  EXPECT_EQ(RootAt(src, 9).status().code(), Code::kNotFound);
}

TEST(MerkleErrors, SourceErrorsPassThroughWithContext) {
  FailingSource bad;
  for (const Status& st :
       {RootAt(bad, 5).status(), RangeHash(bad, 0, 3).status(), InclusionPath(bad, 2, 7).status(),
        ConsistencyPath(bad, 3, 7).status(), Frontier::Load(bad, 6).status()}) {
    EXPECT_EQ(st.code(), Code::kIOError);
    EXPECT_NE(st.message().find("disk on fire"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("node (level "), std::string::npos) << st.message();
  }
}

// ---------------------------------------------------------------------------
// Cost: O(log n) node reads, checked by counting.

TEST(MerkleCost, ReadsAtAMillionLeaves) {
  constexpr uint64_t kSize = 1'000'000;
  LazySource src;
  const Hash root = Root(src, kSize);
  EXPECT_LE(src.reads(), static_cast<uint64_t>(std::popcount(kSize)));
  for (uint64_t i :
       {uint64_t{0}, uint64_t{1}, uint64_t{524'287}, uint64_t{999'999}, uint64_t{777'777}}) {
    src.ResetReads();
    Result<std::vector<Hash>> proof = InclusionPath(src, i, kSize);
    ASSERT_TRUE(proof.ok());
    EXPECT_LE(src.reads(), 2u * 64) << i;
    EXPECT_LE(src.reads(), 2u * std::bit_width(kSize)) << i;
    EXPECT_TRUE(VerifyInclusion(LazySource::Leaf(i), i, kSize, *proof, root).ok()) << i;
  }
  for (uint64_t m : {uint64_t{1}, uint64_t{3}, uint64_t{524'288}, uint64_t{654'321}, kSize - 1}) {
    const Hash old_root = Root(src, m);
    src.ResetReads();
    Result<std::vector<Hash>> proof = ConsistencyPath(src, m, kSize);
    ASSERT_TRUE(proof.ok());
    EXPECT_LE(src.reads(), 2u * 64) << m;
    EXPECT_LE(src.reads(), 2u * std::bit_width(kSize) + 1) << m;
    EXPECT_TRUE(VerifyConsistency(m, kSize, old_root, root, *proof).ok()) << m;
  }
}

TEST(MerkleCost, SizesNear2To63) {
  UniformSource src;
  constexpr uint64_t kTop = uint64_t{1} << 63;
  for (uint64_t size : {kTop, kTop - 1, kTop - 2, (kTop >> 1) + 12345}) {
    src.ResetReads();
    const Hash root = Root(src, size);
    EXPECT_LE(src.reads(), 64u);
    Result<Frontier> f = Frontier::Load(src, size);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f->Root(), root);
    for (uint64_t i : {uint64_t{0}, size / 3, size - 1}) {
      src.ResetReads();
      Result<std::vector<Hash>> proof = InclusionPath(src, i, size);
      ASSERT_TRUE(proof.ok());
      EXPECT_LE(src.reads(), 2u * 64);
      EXPECT_TRUE(VerifyInclusion(src.leaf(), i, size, *proof, root).ok()) << i << " in " << size;
      const uint64_t m = i + 1;
      src.ResetReads();
      Result<std::vector<Hash>> cproof = ConsistencyPath(src, m, size);
      ASSERT_TRUE(cproof.ok());
      EXPECT_LE(src.reads(), 2u * 64 + 1);
      EXPECT_TRUE(VerifyConsistency(m, size, Root(src, m), root, *cproof).ok()) << m;
    }
  }
  // The verifiers must not trip over a size with bit 63 set.
  EXPECT_FALSE(VerifyInclusion(src.leaf(), 0, UINT64_MAX, {}, src.leaf()).ok());
  EXPECT_FALSE(VerifyConsistency(1, UINT64_MAX, src.leaf(), src.leaf(), {src.leaf()}).ok());
}

// ---------------------------------------------------------------------------
// NodeId and Frontier.

TEST(MerkleNodeId, KnownValues) {
  EXPECT_EQ(NodeId(0, 0), 0u);
  EXPECT_EQ(NodeId(0, 1), 1u);
  EXPECT_EQ(NodeId(1, 0), 2u);
  EXPECT_EQ(NodeId(0, 2), 3u);
  EXPECT_EQ(NodeId(2, 0), 6u);
  // A full tree of 2^63 leaves has 2^64 - 1 nodes; its root comes last.
  EXPECT_EQ(NodeId(63, 0), UINT64_MAX - 1);
  EXPECT_EQ(NodeId(0, (uint64_t{1} << 63) - 1), UINT64_MAX - 1 - 63);
}

TEST(MerkleFrontier, AppendReportsDenseIncreasingIdsAndRightHashes) {
  constexpr uint64_t kN = 10'000;
  VectorSource src(LeafHashes(kN));
  Reference ref(src.leaves());
  Frontier f;
  EXPECT_EQ(f.Root(), EmptyTreeHash());
  uint64_t next_id = 0;
  std::vector<Frontier::NewNode> completed;
  for (uint64_t i = 0; i < kN; ++i) {
    completed.clear();
    f.Append(src.leaves()[i], &completed);
    ASSERT_FALSE(completed.empty());
    EXPECT_EQ(completed[0].level, 0);
    EXPECT_EQ(completed[0].index, i);
    for (const Frontier::NewNode& node : completed) {
      ASSERT_EQ(NodeId(node.level, node.index), next_id++) << node.level << "/" << node.index;
      ASSERT_EQ(node.hash, *src.Node(node.level, node.index));
    }
    ASSERT_EQ(f.size(), i + 1);
    ASSERT_EQ(f.Root(), ref.Mth(0, i + 1)) << i + 1;
  }
}

TEST(MerkleFrontier, LoadReproducesTheBorder) {
  constexpr uint64_t kN = 4'200;
  VectorSource src(LeafHashes(kN));
  Reference ref(src.leaves());
  std::vector<uint64_t> sizes;
  for (uint64_t s = 0; s <= 300; ++s) sizes.push_back(s);
  for (uint64_t s : {511, 512, 513, 1023, 1024, 2047, 3000, 4095, 4096}) sizes.push_back(s);
  for (uint64_t s : sizes) {
    src.ResetReads();
    Result<Frontier> f = Frontier::Load(src, s);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    EXPECT_EQ(src.reads(), static_cast<uint64_t>(std::popcount(s)));
    EXPECT_EQ(f->size(), s);
    EXPECT_EQ(f->Root(), ref.Mth(0, s)) << s;
    // Later appends merge with the loaded border, so they expose it fully.
    std::vector<Frontier::NewNode> completed;
    for (uint64_t i = s; i < s + 70; ++i) {
      completed.clear();
      f->Append(src.leaves()[i], &completed);
      for (const Frontier::NewNode& node : completed) {
        ASSERT_EQ(node.hash, *src.Node(node.level, node.index)) << s << ": " << node.level;
      }
      ASSERT_EQ(f->Root(), ref.Mth(0, i + 1)) << s << " + " << i - s + 1;
    }
  }
}

}  // namespace
}  // namespace sharetrail
