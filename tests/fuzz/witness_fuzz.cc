// What a witness and a tiles client read from the network or an operator
// (ledger/witness.h, witness_policy.h, tiles.h; C2SP tlog-witness,
// tlog-tiles). Properties: nothing crashes; a tile path that parses has a
// canonical form that parses to the same; an entry bundle splits into at
// most the number of entries asked for.
#include "ledger/tiles.h"
#include "ledger/witness.h"
#include "ledger/witness_policy.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Bytes(data, size);
  (void)AddCheckpointRequest::Parse(text);
  (void)WitnessPolicy::Parse(text);
  (void)ParseWitnessConfig(text);
  if (auto t = ParseTilePath(text); t.ok()) {
    auto again = ParseTilePath(t->ToString());
    fuzz::Require(again.ok() && again->ToString() == t->ToString(), "a tile path round-trips");
  }
  for (uint64_t count : {uint64_t{1}, uint64_t{7}, uint64_t{256}}) {
    auto parts = SplitEntryBundle(text, count);
    fuzz::Require(!parts.ok() || parts->size() <= count, "a bundle splits into at most count");
  }
  return 0;
}
