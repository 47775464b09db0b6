// Signed notes and checkpoints (ledger/note.h; C2SP signed-note and
// tlog-checkpoint). Properties: nothing crashes; a note that parses
// formats back to the same bytes; one that opens is signed by the one
// known key over its own text; a checkpoint that parses prints back to
// text that parses to the same.
#include "ledger/note.h"
#include "tests/fuzz/fuzz_support.h"

using namespace sharetrail;

namespace {

const NoteVerifier& Known() {
  static const NoteVerifier v = [] {
    auto key = Ed25519PrivateKey::FromSeed(std::string(32, '\x07'));
    auto signer = NoteSigner::Create("fuzz.example/log", std::move(*key));
    return signer->Verifier();
  }();
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Bytes(data, size);
  auto parsed = Note::Parse(text);
  if (parsed.ok()) {
    auto again = Note::Parse(parsed->Format());
    fuzz::Require(again.ok() && again->Format() == parsed->Format(), "a note round-trips");
  }
  auto opened = OpenNote(text, {Known()});
  if (opened.ok()) {
    bool signed_by_known = false;
    for (const NoteSignature& sig : opened->signatures) {
      signed_by_known =
          signed_by_known || (sig.name == Known().name() && sig.key_id == Known().key_id() &&
                              Known().Verify(opened->text, sig));
    }
    fuzz::Require(signed_by_known, "an opened note carries the known key's signature");
  }
  (void)SplitVkey(text);
  (void)NoteVerifier::FromVkey(text);
  auto cp = Checkpoint::Parse(text);
  if (cp.ok()) {
    auto again = Checkpoint::Parse(cp->Text());
    fuzz::Require(again.ok() && again->Text() == cp->Text(), "a checkpoint round-trips");
  }
  return 0;
}
