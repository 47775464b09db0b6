// C2SP signed-note and tlog-checkpoint (https://c2sp.org/signed-note,
// https://c2sp.org/tlog-checkpoint).
//
// A note is UTF-8 text ending in '\n', a blank line, then one or more
// signature lines "— <name> <base64(keyid[4] || signature)>\n" (U+2014 EM
// DASH). For Ed25519 (signature type 0x01):
//   key id = SHA-256(name || 0x0A || 0x01 || public key)[0:4]
//   vkey   = name "+" hex8(key id) "+" base64(0x01 || public key)
// The parser accepts any number of signature lines and ignores those from
// keys it does not know (so cosignatures and, later, ML-DSA-44 lines pass
// through), but a note needs at least one valid signature from a known key.
//
// A checkpoint is a note whose text is
//   <origin>\n<decimal tree size>\n<base64 root hash>\n[extension lines\n]
#ifndef SHARETRAIL_LEDGER_NOTE_H_
#define SHARETRAIL_LEDGER_NOTE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/hash.h"
#include "ledger/keys.h"
#include "ledger/status.h"

namespace sharetrail {

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // raw bytes after the 4-byte key id
};

struct Note {
  std::string text;  // including the final '\n'
  std::vector<NoteSignature> signatures;

  // text + "\n" + one line per signature.
  std::string Format() const;
  // Splits and syntax-checks a note; does not verify signatures.
  static Result<Note> Parse(std::string_view note);
};

uint32_t Ed25519KeyId(std::string_view name, std::string_view public_key);
// SHA-256(name || "\n" || type || public_key)[0:4], the key id rule every
// signature type shares.
uint32_t NoteKeyId(std::string_view name, uint8_t type, std::string_view public_key);
std::string KeyIdHex(uint32_t id);
// Key names must be non-empty UTF-8 without whitespace, '+' or controls.
Status CheckKeyName(std::string_view name);

// A vkey "name+hex8(key id)+base64(type || key)" split, its key id not yet
// checked against the key (that depends on the type's rule).
struct VkeyParts {
  std::string name;
  uint32_t key_id = 0;
  uint8_t type = 0;
  std::string key;
};
Result<VkeyParts> SplitVkey(std::string_view vkey);

// A known key that can check note signatures.
class NoteVerifier {
 public:
  // Parses "name+hexkeyid+base64(0x01||pubkey)", checking the key id matches.
  static Result<NoteVerifier> FromVkey(std::string_view vkey);
  static Result<NoteVerifier> FromPublicKey(std::string name, std::string public_key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const std::string& public_key() const { return public_key_; }
  std::string Vkey() const;
  bool Verify(std::string_view text, const NoteSignature& sig) const;

 private:
  std::string name_;
  uint32_t key_id_ = 0;
  std::string public_key_;
};

class NoteSigner {
 public:
  // Key names must be non-empty and contain no whitespace or '+'.
  static Result<NoteSigner> Create(std::string name, Ed25519PrivateKey key);

  const std::string& name() const { return name_; }
  NoteVerifier Verifier() const;
  Result<NoteSignature> Sign(std::string_view text) const;

 private:
  NoteSigner(std::string name, Ed25519PrivateKey key);
  std::string name_;
  Ed25519PrivateKey key_;
};

// Parses a note and checks it carries a valid signature by one of verifiers.
// Signatures whose (name, key id) match a verifier but do not verify are an
// error, never skipped.
Result<Note> OpenNote(std::string_view note, const std::vector<NoteVerifier>& verifiers);

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // lines after the root, without '\n'

  std::string Text() const;
  // Checks: non-empty origin, size in canonical decimal (no leading zeros),
  // 32-byte root, no empty extension lines.
  static Result<Checkpoint> Parse(std::string_view text);
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_NOTE_H_
