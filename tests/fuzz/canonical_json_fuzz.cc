// The canonical JSON parser and encoder (ledger/canonical_json.h, DESIGN.md
// §1: RFC 8785 with integers in ±(2^53-1)). Properties: nothing crashes;
// whatever ParseStrict accepts canonicalises; the canonical form parses
// and is a fixed point.
#include "ledger/canonical_json.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = ParseStrict(fuzz::Bytes(data, size));
  if (!v.ok()) return 0;
  auto canonical = Canonicalize(*v);
  fuzz::Require(canonical.ok(), "an accepted value canonicalises");
  auto again = CanonicalizeText(*canonical);
  fuzz::Require(again.ok(), "the canonical form parses");
  fuzz::Require(*again == *canonical, "the canonical form is a fixed point");
  return 0;
}
