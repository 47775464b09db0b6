// Events and entries (ledger/entry.h; docs/formats.md §1): the JSON Lines
// events `record` reads and the canonical entries a ledger, a mirror or a
// bundle holds. Properties: nothing crashes; an entry that decodes is
// canonical JSON already; an event that parses validates the same way
// twice and prepares (hashes) without error.
#include "ledger/canonical_json.h"
#include "ledger/entry.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Bytes(data, size);
  if (auto e = DecodeEntry(text); e.ok()) {
    auto canonical = CanonicalizeText(text);
    fuzz::Require(canonical.ok() && *canonical == text, "a decoded entry is canonical");
  }
  (void)ReadEntryTail(text);
  (void)ParseTime(text);
  if (auto ev = ParseEvent(text); ev.ok()) {
    fuzz::Require(ValidateEvent(*ev).ok(), "a parsed event validates");
    fuzz::Require(PrepareEvent(*ev).ok(), "a valid event prepares");
  }
  return 0;
}
