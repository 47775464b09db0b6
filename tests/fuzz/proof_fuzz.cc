// Inclusion and consistency proofs as JSON (ledger/proof.h, RFC 9162
// §2.1.3 and §2.1.4; docs/formats.md §4). Properties: nothing crashes or
// loops on any proof, however large its claimed sizes; a parsed proof
// prints back to JSON that parses to the same; a proof verifies against at
// most the root it leads to (checked against two different roots).
#include <boost/json/serialize.hpp>

#include "ledger/canonical_json.h"
#include "ledger/proof.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = ParseStrict(fuzz::Bytes(data, size));
  if (!v.ok()) return 0;
  Hash a{}, b{};
  b.fill(0xab);
  if (auto p = InclusionProof::FromJson(*v); p.ok()) {
    auto again = InclusionProof::FromJson(p->ToJson());
    fuzz::Require(again.ok() && boost::json::serialize(again->ToJson()) ==
                                    boost::json::serialize(p->ToJson()),
                  "an inclusion proof round-trips");
    fuzz::Require(!(p->Verify(a).ok() && p->Verify(b).ok()),
                  "an inclusion proof leads to one root");
  }
  if (auto p = ConsistencyProof::FromJson(*v); p.ok()) {
    auto again = ConsistencyProof::FromJson(p->ToJson());
    fuzz::Require(again.ok() && boost::json::serialize(again->ToJson()) ==
                                    boost::json::serialize(p->ToJson()),
                  "a consistency proof round-trips");
    (void)p->Verify(a, b);
    (void)p->Verify(b, b);
  }
  return 0;
}
