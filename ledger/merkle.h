// RFC 6962 §2.1 / RFC 9162 §2.1 Merkle tree hashes, proofs and their
// verification, over a store of complete-subtree hashes.
//
// Node (level L, index i) is the hash of the complete subtree of leaves
// [i*2^L, (i+1)*2^L). Only such complete subtrees are ever stored; the hash of
// any other range (the right edge of a tree whose size is not a power of two)
// is recomputed from at most 64 of them. So the root of any size, an inclusion
// proof or a consistency proof costs O(log n) node reads.
//
// Proof contents and order are exactly RFC 6962 §2.1.1 PATH and §2.1.2 PROOF,
// so they verify with any RFC 6962 / RFC 9162 verifier.
#ifndef SHARETRAIL_LEDGER_MERKLE_H_
#define SHARETRAIL_LEDGER_MERKLE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "ledger/hash.h"
#include "ledger/status.h"

namespace sharetrail {

// Where complete-subtree hashes are read from (LMDB in production, a vector
// in tests). Level 0 holds the leaf hashes.
class NodeSource {
 public:
  virtual ~NodeSource() = default;
  virtual Result<Hash> Node(int level, uint64_t index) const = 0;
};

// The storage key of node (level, index): its position in post-order, i.e.
// the order in which appends complete nodes. Appending leaves creates nodes
// with strictly increasing ids, so B-tree pages fill in append mode.
//   id = 2m - popcount(m) + level, where m = (index+1) * 2^level - 1.
uint64_t NodeId(int level, uint64_t index);

// Hash of leaves [begin, end), begin < end.
Result<Hash> RangeHash(const NodeSource& nodes, uint64_t begin, uint64_t end);
// MTH of the first `size` leaves; size 0 gives SHA-256("").
Result<Hash> RootAt(const NodeSource& nodes, uint64_t size);
// PATH(index, D[0:size]); requires index < size.
Result<std::vector<Hash>> InclusionPath(const NodeSource& nodes, uint64_t index, uint64_t size);
// PROOF(m, D[0:n]); requires 0 < m <= n (m == n gives an empty proof).
Result<std::vector<Hash>> ConsistencyPath(const NodeSource& nodes, uint64_t m, uint64_t n);

// RFC 9162 §2.1.3.2. Returns Corruption-free InvalidArgument naming what failed.
Status VerifyInclusion(const Hash& leaf_hash, uint64_t index, uint64_t size,
                       const std::vector<Hash>& proof, const Hash& root);
// RFC 9162 §2.1.4.2, plus: m == n requires an empty proof and equal roots.
Status VerifyConsistency(uint64_t m, uint64_t n, const Hash& root_m, const Hash& root_n,
                         const std::vector<Hash>& proof);

// The right border of the tree [0, size): the roots of its maximal complete
// subtrees, one per set bit of size, largest (leftmost) first. Appending a
// leaf merges equal-sized subtrees; every node that becomes complete is
// reported so the caller can store it.
class Frontier {
 public:
  struct NewNode {
    int level;
    uint64_t index;
    Hash hash;
  };

  Frontier() = default;
  // Reads the border nodes of a stored tree of `size` leaves.
  static Result<Frontier> Load(const NodeSource& nodes, uint64_t size);

  // Appends a leaf hash; appends to *completed the leaf node (level 0) and
  // each internal node it completes, in increasing NodeId order.
  void Append(const Hash& leaf_hash, std::vector<NewNode>* completed);

  uint64_t size() const { return size_; }
  Hash Root() const;  // MTH of the current tree

 private:
  uint64_t size_ = 0;
  std::vector<Hash> border_;  // leftmost (largest) first
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_MERKLE_H_
