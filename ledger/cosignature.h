// C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), cosignature/v1
// with Ed25519: a witness's statement that, at `time`, the checkpoint is the
// largest consistent one it has seen for the log.
//
// Bytes, per the spec:
//   key id    = SHA-256(name || "\n" || 0x04 || 32-byte public key)[0:4]
//   vkey      = name "+" hex8(key id) "+" base64(0x04 || public key)
//   message   = "cosignature/v1\ntime " decimal(time) "\n" || checkpoint text
//   signature line = "— " name " " base64(key id || u64be(time) || sig[64])
// The signature type byte 0x04 differs from the log's 0x01, so a witness key
// can never be mistaken for a log key even under the same name.
//
// Several signature types coexist on one note: a line is matched to a key
// by (name, key id) only, so lines of types this build cannot check (an
// ML-DSA-44 line, type 0x06) or from keys nobody configured are skipped; a
// line that matches a configured key but does not verify is an error, as in
// OpenNote.
#ifndef SHARETRAIL_LEDGER_COSIGNATURE_H_
#define SHARETRAIL_LEDGER_COSIGNATURE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/keys.h"
#include "ledger/note.h"
#include "ledger/status.h"

namespace sharetrail {

constexpr uint8_t kCosignatureV1Type = 0x04;
constexpr uint8_t kMlDsa44CosignatureType = 0x06;

uint32_t CosignatureKeyId(std::string_view name, std::string_view public_key);
// The bytes an Ed25519 cosigner signs for checkpoint `text` at `time`.
std::string CosignedMessage(uint64_t time, std::string_view text);

// One verified cosignature on a note.
struct Cosignature {
  std::string name;  // the witness's key name
  uint64_t time = 0;
  NoteSignature line;  // as it appears on the note
};

// A witness's public key: what a log or a verifier is configured with.
class CosignatureVerifier {
 public:
  // Parses "name+hexkeyid+base64(0x04||pubkey)", checking the key id. A type
  // 0x06 (ML-DSA-44) key is refused by name: OpenSSL 3.0 cannot verify it.
  static Result<CosignatureVerifier> FromVkey(std::string_view vkey);
  static Result<CosignatureVerifier> FromPublicKey(std::string name, std::string public_key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const std::string& public_key() const { return public_key_; }
  std::string Vkey() const;
  bool Matches(const NoteSignature& sig) const {
    return sig.name == name_ && sig.key_id == key_id_;
  }
  // The cosignature's time if sig is this key's valid cosignature of text.
  Result<uint64_t> Verify(std::string_view text, const NoteSignature& sig) const;

 private:
  std::string name_;
  uint32_t key_id_ = 0;
  std::string public_key_;
};

class Cosigner {
 public:
  // Key names follow signed-note's rules (no whitespace, no '+').
  static Result<Cosigner> Create(std::string name, Ed25519PrivateKey key);

  const std::string& name() const { return name_; }
  CosignatureVerifier Verifier() const;
  // time must not exceed 2^63 - 1 (the spec's bound).
  Result<NoteSignature> Cosign(std::string_view text, uint64_t time) const;

 private:
  Cosigner(std::string name, Ed25519PrivateKey key);
  std::string name_;
  Ed25519PrivateKey key_;
};

// The valid cosignatures on note by witnesses, in line order; lines of
// unknown keys are skipped, a known key's invalid line is an error.
Result<std::vector<Cosignature>> OpenCosignatures(
    const Note& note, const std::vector<CosignatureVerifier>& witnesses);

// The signature lines of note.Format() without the text: the body of a
// witness's 200 answer.
std::string SignatureLines(const std::vector<NoteSignature>& sigs);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_COSIGNATURE_H_
