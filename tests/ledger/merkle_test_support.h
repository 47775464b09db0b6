// Test-only node sources and a naive RFC 6962 reference for merkle_test.cc.
// The reference is written straight from the RFC text (recursion on D[k:n]
// slices, k found by doubling) and shares no code with ledger/merkle.cc.
#ifndef SHARETRAIL_TESTS_LEDGER_MERKLE_TEST_SUPPORT_H_
#define SHARETRAIL_TESTS_LEDGER_MERKLE_TEST_SUPPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ledger/hash.h"
#include "ledger/merkle.h"
#include "ledger/status.h"

namespace sharetrail::testing {

inline Hash HexHash(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  Hash h{};
  for (size_t i = 0; i < h.size(); ++i) h[i] = nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]);
  return h;
}

// Every complete subtree of a fixed list of leaves, built level by level.
class VectorSource : public NodeSource {
 public:
  explicit VectorSource(std::vector<Hash> leaves) {
    levels_.push_back(std::move(leaves));
    while (levels_.back().size() > 1) {
      const std::vector<Hash>& below = levels_.back();
      std::vector<Hash> above;
      for (size_t i = 0; i + 1 < below.size(); i += 2)
        above.push_back(NodeHash(below[i], below[i + 1]));
      levels_.push_back(std::move(above));
    }
  }
  Result<Hash> Node(int level, uint64_t index) const override {
    ++reads_;
    if (level < 0 || static_cast<size_t>(level) >= levels_.size() ||
        index >= levels_[level].size()) {
      return NotFound("no node at level " + std::to_string(level) + " index " +
                      std::to_string(index));
    }
    return levels_[level][index];
  }
  const std::vector<Hash>& leaves() const { return levels_[0]; }
  uint64_t reads() const { return reads_; }
  void ResetReads() { reads_ = 0; }

 private:
  std::vector<std::vector<Hash>> levels_;
  mutable uint64_t reads_ = 0;
};

// The sources below stand for huge trees; a linear-cost regression must fail
// the test fast instead of hanging it.
constexpr uint64_t kReadBudget = 10'000;

// A tree of up to 2^64-1 identical leaves: node (L, i) depends only on L, so
// proofs at sizes near 2^63 verify without storing anything.
class UniformSource : public NodeSource {
 public:
  UniformSource() {
    by_level_[0] = LeafHash("uniform");
    for (int l = 1; l < 64; ++l) by_level_[l] = NodeHash(by_level_[l - 1], by_level_[l - 1]);
  }
  Result<Hash> Node(int level, uint64_t /*index*/) const override {
    if (++reads_ > kReadBudget) return Internal("read budget exceeded");
    return by_level_[level];
  }
  const Hash& leaf() const { return by_level_[0]; }
  uint64_t reads() const { return reads_; }
  void ResetReads() { reads_ = 0; }

 private:
  Hash by_level_[64];
  mutable uint64_t reads_ = 0;
};

// Distinct leaves (Leaf(i) below); nodes at level >= kMemoLevel are computed
// on first read and kept in a sparse map, lower ones recomputed.
class LazySource : public NodeSource {
 public:
  static constexpr int kMemoLevel = 8;
  Result<Hash> Node(int level, uint64_t index) const override {
    if (++reads_ > kReadBudget) return Internal("read budget exceeded");
    return Compute(level, index);
  }
  uint64_t reads() const { return reads_; }
  void ResetReads() { reads_ = 0; }

  // A made-up leaf hash: the index in the first 8 bytes. Skipping SHA-256
  // for the million leaves keeps the sanitizer build fast.
  static Hash Leaf(uint64_t index) {
    Hash h{};
    for (int i = 0; i < 8; ++i) h[i] = static_cast<uint8_t>(index >> (8 * i));
    return h;
  }

 private:
  Hash Compute(int level, uint64_t index) const {
    if (level == 0) return Leaf(index);
    if (level >= kMemoLevel) {
      auto it = memo_.find({level, index});
      if (it != memo_.end()) return it->second;
    }
    Hash h = NodeHash(Compute(level - 1, 2 * index), Compute(level - 1, 2 * index + 1));
    if (level >= kMemoLevel) memo_[{level, index}] = h;
    return h;
  }
  mutable std::map<std::pair<int, uint64_t>, Hash> memo_;
  mutable uint64_t reads_ = 0;
};

// RFC 6962 §2.1 MTH, §2.1.1 PATH and §2.1.2 PROOF/SUBPROOF over leaf hashes,
// exactly as written; MTH results are memoized only to keep tests fast.
class Reference {
 public:
  explicit Reference(std::vector<Hash> leaf_hashes) : d_(std::move(leaf_hashes)) {}

  // MTH(D[begin:end]).
  Hash Mth(uint64_t begin, uint64_t end) {
    const uint64_t n = end - begin;
    if (n == 0) return Sha256("");
    if (n == 1) return d_[begin];
    const uint64_t key = begin << 32 | end;  // test trees have far fewer than 2^32 leaves
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    const uint64_t k = LargestPowerOfTwoBelow(n);
    Hash h = NodeHash(Mth(begin, begin + k), Mth(begin + k, end));
    memo_.emplace(key, h);
    return h;
  }

  // PATH(m, D[begin:end]).
  std::vector<Hash> Path(uint64_t m, uint64_t begin, uint64_t end) {
    std::vector<Hash> out;
    AppendPath(m, begin, end, &out);
    return out;
  }

  // PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true).
  std::vector<Hash> Proof(uint64_t m, uint64_t n) {
    std::vector<Hash> out;
    AppendSubproof(m, 0, n, true, &out);
    return out;
  }

 private:
  // "A : B" in the RFC is the recursive result followed by B, hence recurse
  // first, then append.
  void AppendPath(uint64_t m, uint64_t begin, uint64_t end, std::vector<Hash>* out) {
    const uint64_t n = end - begin;
    if (n == 1) return;
    const uint64_t k = LargestPowerOfTwoBelow(n);
    if (m < k) {
      AppendPath(m, begin, begin + k, out);
      out->push_back(Mth(begin + k, end));
    } else {
      AppendPath(m - k, begin + k, end, out);
      out->push_back(Mth(begin, begin + k));
    }
  }

  void AppendSubproof(uint64_t m, uint64_t begin, uint64_t end, bool b, std::vector<Hash>* out) {
    const uint64_t n = end - begin;
    if (m == n) {
      if (!b) out->push_back(Mth(begin, end));
      return;
    }
    const uint64_t k = LargestPowerOfTwoBelow(n);
    if (m <= k) {
      AppendSubproof(m, begin, begin + k, b, out);
      out->push_back(Mth(begin + k, end));
    } else {
      AppendSubproof(m - k, begin + k, end, false, out);
      out->push_back(Mth(begin, begin + k));
    }
  }

  static uint64_t LargestPowerOfTwoBelow(uint64_t n) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  std::vector<Hash> d_;
  std::unordered_map<uint64_t, Hash> memo_;
};

}  // namespace sharetrail::testing

#endif  // SHARETRAIL_TESTS_LEDGER_MERKLE_TEST_SUPPORT_H_
