#include "ledger/merkle.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <string>

namespace sharetrail {
namespace {

std::string Str(uint64_t v) { return std::to_string(v); }

// x >> s with s possibly 64: verifiers take sizes from untrusted input, and a
// 64-bit shift of a uint64_t is undefined behaviour.
uint64_t ShiftRight(uint64_t x, int s) { return s >= 64 ? 0 : x >> s; }

// RFC 6962 §2.1: k is the largest power of two smaller than n (n >= 2).
uint64_t SplitPoint(uint64_t n) { return uint64_t{1} << (std::bit_width(n - 1) - 1); }

Result<Hash> ReadNode(const NodeSource& nodes, int level, uint64_t index) {
  Result<Hash> h = nodes.Node(level, index);
  if (!h.ok()) {
    return h.status().WithContext("node (level " + std::to_string(level) + ", index " + Str(index) +
                                  "): ");
  }
  return h;
}

// Every range the RFC recursion visits from [0, n) starts at a multiple of the
// smallest power of two >= its length, so it is either a stored node or splits
// into a stored left node and a right range of the same kind: popcount(length)
// reads. Other ranges are still hashed correctly, only at higher cost.
Result<Hash> RangeHashUnchecked(const NodeSource& nodes, uint64_t begin, uint64_t end) {
  const uint64_t n = end - begin;
  if (std::has_single_bit(n) && (begin & (n - 1)) == 0) {
    const int level = std::countr_zero(n);
    return ReadNode(nodes, level, begin >> level);
  }
  const uint64_t mid = begin + SplitPoint(n);
  ST_ASSIGN_OR_RETURN(Hash left, RangeHashUnchecked(nodes, begin, mid));
  ST_ASSIGN_OR_RETURN(Hash right, RangeHashUnchecked(nodes, mid, end));
  return NodeHash(left, right);
}

// Length of PATH(index, D[0:size]), index < size. Below level `inner` the
// leaf's ancestors are left children inside a complete subtree, so each has a
// sibling; above it the path runs along the right edge, where an ancestor has
// a (left) sibling exactly when the corresponding bit of index is set.
size_t InclusionProofLength(uint64_t index, uint64_t size) {
  const int inner = std::bit_width(index ^ (size - 1));
  return static_cast<size_t>(inner + std::popcount(ShiftRight(index, inner)));
}

// Length of PROOF(m, D[0:n]), 0 < m < n: the inclusion path of leaf m-1,
// except that its lowest countr_zero(m) levels lie inside the last complete
// subtree of the old tree, which the proof gives as one hash instead. When m
// is a power of two that subtree is the old root, which the verifier already
// has, so it is left out (RFC 6962 §2.1.2, SUBPROOF with b = true).
size_t ConsistencyProofLength(uint64_t m, uint64_t n) {
  const size_t path = InclusionProofLength(m - 1, n);
  const int shift = std::countr_zero(m);
  return path - static_cast<size_t>(shift) + (std::has_single_bit(m) ? 0 : 1);
}

// Messages are built only on failure: auditors verify proofs in bulk.
std::string InclusionWhat(uint64_t index, uint64_t size) {
  return "inclusion proof for leaf " + Str(index) + " in tree of size " + Str(size) + ": ";
}
std::string ConsistencyWhat(uint64_t m, uint64_t n) {
  return "consistency proof from size " + Str(m) + " to size " + Str(n) + ": ";
}

// Enough of a hash to tell two apart in a message; formats only what it shows
// because rejecting proofs is a hot path for anyone checking many of them.
std::string HashPrefix(const Hash& h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(19, '.');
  for (int i = 0; i < 8; ++i) {
    s[2 * i] = kHex[h[i] >> 4];
    s[2 * i + 1] = kHex[h[i] & 15];
  }
  return s;
}

}  // namespace

uint64_t NodeId(int level, uint64_t index) {
  // The first m leaves complete sum_{L>=0} floor(m / 2^L) = 2m - popcount(m)
  // nodes, so that is the number of nodes written before leaf m, i.e. its
  // append-order position. The node at `level` whose last leaf is m is
  // completed by that same append, `level` merges after the leaf. Hence ids
  // are dense and increase in append order, and the B-tree only ever appends.
  // Defined for trees of up to 2^63 leaves: 2m then fits in 64 bits.
  assert(level >= 0 && level < 64);
  const uint64_t last_leaf = ((index + 1) << level) - 1;
  return 2 * last_leaf - static_cast<uint64_t>(std::popcount(last_leaf)) +
         static_cast<uint64_t>(level);
}

Result<Hash> RangeHash(const NodeSource& nodes, uint64_t begin, uint64_t end) {
  if (begin >= end) {
    return InvalidArgument(
        "range hash of [" + Str(begin) + ", " + Str(end) +
        "): the range is empty or reversed; MTH is only defined for at least one leaf here");
  }
  return RangeHashUnchecked(nodes, begin, end);
}

Result<Hash> RootAt(const NodeSource& nodes, uint64_t size) {
  if (size == 0) return EmptyTreeHash();
  Result<Hash> root = RangeHashUnchecked(nodes, 0, size);
  if (!root.ok()) return root.status().WithContext("root of size " + Str(size) + ": ");
  return root;
}

Result<std::vector<Hash>> InclusionPath(const NodeSource& nodes, uint64_t index, uint64_t size) {
  if (index >= size) {
    return OutOfRange(InclusionWhat(index, size) + "the leaf is not in the tree");
  }
  // Walk PATH's recursion from the root down. Only the first left turn out of
  // the tree's right edge has an incomplete sibling; every other sibling is a
  // stored node, so this is O(log size) reads.
  std::vector<Hash> proof;
  uint64_t begin = 0;
  uint64_t end = size;
  while (end - begin > 1) {
    const uint64_t mid = begin + SplitPoint(end - begin);
    const bool left = index < mid;
    Result<Hash> sibling =
        left ? RangeHashUnchecked(nodes, mid, end) : RangeHashUnchecked(nodes, begin, mid);
    if (!sibling.ok()) return sibling.status().WithContext(InclusionWhat(index, size));
    proof.push_back(*sibling);
    (left ? end : begin) = mid;
  }
  // PATH appends each level's sibling after the deeper ones.
  std::reverse(proof.begin(), proof.end());
  return proof;
}

Result<std::vector<Hash>> ConsistencyPath(const NodeSource& nodes, uint64_t m, uint64_t n) {
  if (m > n) return OutOfRange(ConsistencyWhat(m, n) + "the old size is beyond the new tree");
  if (m == 0) {
    return InvalidArgument(ConsistencyWhat(m, n) +
                           "RFC 6962 §2.1.2 defines PROOF only for 0 < m; every tree extends the "
                           "empty one, so there is nothing to prove");
  }
  // SUBPROOF(m, D[begin:end], whole) unrolled: `whole` is the RFC's flag b,
  // true while [begin, end) still starts at leaf 0 of the old tree.
  std::vector<Hash> siblings;
  uint64_t begin = 0;
  uint64_t end = n;
  bool whole = true;
  while (end != m) {
    const uint64_t mid = begin + SplitPoint(end - begin);
    const bool left = m <= mid;
    Result<Hash> sibling =
        left ? RangeHashUnchecked(nodes, mid, end) : RangeHashUnchecked(nodes, begin, mid);
    if (!sibling.ok()) return sibling.status().WithContext(ConsistencyWhat(m, n));
    siblings.push_back(*sibling);
    if (left) {
      end = mid;
    } else {
      begin = mid;
      whole = false;
    }
  }
  std::vector<Hash> proof;
  proof.reserve(siblings.size() + 1);
  if (!whole) {
    // end only moves on a left turn and started at n > m, so there was one:
    // [begin, m) lies inside a complete subtree and is one stored node.
    Result<Hash> subtree = RangeHashUnchecked(nodes, begin, end);
    if (!subtree.ok()) return subtree.status().WithContext(ConsistencyWhat(m, n));
    proof.push_back(*subtree);
  }
  proof.insert(proof.end(), siblings.rbegin(), siblings.rend());
  return proof;
}

Status VerifyInclusion(const Hash& leaf_hash, uint64_t index, uint64_t size,
                       const std::vector<Hash>& proof, const Hash& root) {
  auto fail = [&](const std::string& why) {
    return InvalidArgument(InclusionWhat(index, size) + why);
  };
  // RFC 9162 §2.1.3.2 step 1.
  if (index >= size) {
    return fail("the index is not below the size, so no tree of that size contains the leaf");
  }
  // The loop below rejects a wrong length too, but this says so plainly.
  const size_t want = InclusionProofLength(index, size);
  if (proof.size() != want) {
    return fail("got " + Str(proof.size()) + " hashes, but a leaf at that position has exactly " +
                Str(want) + " siblings on its path");
  }
  // Steps 2-5. fn tracks the node's index on its level and sn the last
  // node's; where they are equal the node is on the right edge and may have
  // no right sibling, so the proof's next hash is a left sibling further up.
  // After the length check the sn tests cannot fire; they stay so that this
  // is the RFC's algorithm as written and safe without that check.
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return fail("the proof goes above the root");
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return fail("the proof stops below the root");
  if (r != root) {
    return fail("the proof leads to root " + HashPrefix(r) + ", not the expected " +
                HashPrefix(root) + "; the leaf, index, size, proof or root is wrong");
  }
  return Status::Ok();
}

Status VerifyConsistency(uint64_t m, uint64_t n, const Hash& root_m, const Hash& root_n,
                         const std::vector<Hash>& proof) {
  auto fail = [&](const std::string& why) { return InvalidArgument(ConsistencyWhat(m, n) + why); };
  if (m > n) return fail("the old size exceeds the new one; a log never shrinks");
  if (m == 0) {
    // Any tree extends the empty one, but an "empty" tree head must still
    // carry the empty-tree hash, or it is not the empty tree.
    if (!proof.empty()) {
      return fail("a proof from the empty tree must be empty, got " + Str(proof.size()) +
                  " hashes");
    }
    if (root_m != EmptyTreeHash()) {
      return fail("the old root is not SHA-256(\"\"), the root of size 0");
    }
  }
  if (m == n) {
    if (!proof.empty()) {
      return fail("equal sizes need an empty proof, got " + Str(proof.size()) + " hashes");
    }
    if (root_m != root_n) {
      return fail("two different roots for the same size: the log forked");
    }
    return Status::Ok();
  }
  if (m == 0) return Status::Ok();

  // RFC 9162 §2.1.4.2 step 1, then a plain length check as in VerifyInclusion.
  if (proof.empty()) return fail("the proof is empty but the sizes differ");
  const size_t want = ConsistencyProofLength(m, n);
  if (proof.size() != want) {
    return fail("got " + Str(proof.size()) + " hashes, but these sizes need exactly " + Str(want));
  }
  // Step 2: a power-of-two old tree is itself a node of the new one, and the
  // proof leaves out its hash because the verifier has it as root_m.
  const bool seed_is_root = std::has_single_bit(m);
  auto next = proof.begin();
  const Hash seed = seed_is_root ? root_m : *next++;
  // Steps 3-5: fr rebuilds the old root and sr the new one from the same
  // hashes; fr only takes the left siblings, which are what both trees share.
  uint64_t fn = m - 1;
  uint64_t sn = n - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = seed;
  Hash sr = seed;
  // Step 6. As in VerifyInclusion, the sn tests back up the length check.
  for (; next != proof.end(); ++next) {
    const Hash& c = *next;
    if (sn == 0) return fail("the proof goes above the new root");
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 7.
  if (sn != 0) return fail("the proof stops below the new root");
  if (fr != root_m) {
    return fail("the proof leads to old root " + HashPrefix(fr) + ", not the given " +
                HashPrefix(root_m));
  }
  if (sr != root_n) {
    return fail("the proof leads to new root " + HashPrefix(sr) + ", not the given " +
                HashPrefix(root_n) + "; the new tree does not extend the old one as claimed");
  }
  return Status::Ok();
}

Result<Frontier> Frontier::Load(const NodeSource& nodes, uint64_t size) {
  Frontier f;
  f.size_ = size;
  uint64_t begin = 0;
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if ((size & width) == 0) continue;
    Result<Hash> h = ReadNode(nodes, level, begin >> level);
    if (!h.ok()) return h.status().WithContext("frontier of size " + Str(size) + ": ");
    f.border_.push_back(*h);
    begin += width;
  }
  return f;
}

void Frontier::Append(const Hash& leaf_hash, std::vector<NewNode>* completed) {
  assert(size_ != UINT64_MAX);
  // Binary increment: each trailing one bit of size_ is a border subtree of
  // the same size as the one being carried, so the two merge.
  uint64_t index = size_;
  Hash h = leaf_hash;
  completed->push_back({0, index, h});
  for (int level = 1; (index & 1) != 0; ++level) {
    h = NodeHash(border_.back(), h);
    border_.pop_back();
    index >>= 1;
    completed->push_back({level, index, h});
  }
  border_.push_back(h);
  ++size_;
}

Hash Frontier::Root() const {
  if (border_.empty()) return EmptyTreeHash();
  // MTH splits at the largest power of two, which is the leftmost border
  // subtree, and recurses on the rest: a right-to-left fold.
  Hash h = border_.back();
  for (auto it = border_.rbegin() + 1; it != border_.rend(); ++it) h = NodeHash(*it, h);
  return h;
}

}  // namespace sharetrail
