// The salvage scan (ledger/store_pages.h, ledger/salvage.h) reads a data
// file LMDB itself refuses, so every byte of it is hostile input. Properties:
// nothing crashes or reads outside the file, whatever its pages claim; the
// intact prefix is never longer than what was found; a first bad seq is
// named exactly when the prefix stops short of what is known to exist; and
// scanning twice agrees.
#include "ledger/salvage.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A copy of exactly `size` bytes, so ASan sees any read past the end.
  std::string file(fuzz::Bytes(data, size));
  auto r = SalvageEntries(std::string_view(file));
  if (!r.ok()) return 0;
  fuzz::Require(r->intact <= r->entries_found, "the intact prefix is among the entries found");
  fuzz::Require(r->pages.leaf_pages <= r->pages.pages, "leaf pages are pages of the file");
  const uint64_t known =
      std::max(r->expected.value_or(0), r->highest_found ? *r->highest_found + 1 : 0);
  fuzz::Require(r->first_bad.has_value() == (r->intact < known),
                "a first bad seq is named exactly when entries are known to be lost");
  if (r->first_bad) fuzz::Require(*r->first_bad == r->intact, "the first bad seq ends the prefix");
  auto again = SalvageEntries(std::string_view(file));
  fuzz::Require(again.ok() && again->summary == r->summary, "scanning twice agrees");
  return 0;
}
