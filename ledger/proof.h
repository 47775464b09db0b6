// Inclusion and consistency proofs as values and in their JSON wire form
// (docs/formats.md):
//   {"leaf_index":I,"tree_size":N,"leaf_hash":"<b64>","hashes":["<b64>",...]}
//   {"first":M,"second":N,"hashes":["<b64>",...]}
#ifndef SHARETRAIL_LEDGER_PROOF_H_
#define SHARETRAIL_LEDGER_PROOF_H_

#include <boost/json/value.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ledger/hash.h"
#include "ledger/status.h"

namespace sharetrail {

struct InclusionProof {
  uint64_t leaf_index = 0;
  uint64_t tree_size = 0;
  Hash leaf_hash{};
  std::vector<Hash> hashes;

  boost::json::value ToJson() const;
  static Result<InclusionProof> FromJson(const boost::json::value& v);
  Status Verify(const Hash& root) const;
};

struct ConsistencyProof {
  uint64_t first = 0;
  uint64_t second = 0;
  std::vector<Hash> hashes;

  boost::json::value ToJson() const;
  static Result<ConsistencyProof> FromJson(const boost::json::value& v);
  Status Verify(const Hash& first_root, const Hash& second_root) const;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_PROOF_H_
