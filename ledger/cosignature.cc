#include "ledger/cosignature.h"

#include <cstdlib>
#include <utility>

#include "ledger/base64.h"

namespace sharetrail {
namespace {

constexpr size_t kTimestampSize = 8;
constexpr uint64_t kMaxTimestamp = (uint64_t{1} << 63) - 1;

std::string U64BigEndian(uint64_t v) {
  std::string out(kTimestampSize, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v & 0xFF);
  return out;
}

uint64_t ReadU64BigEndian(std::string_view b) {
  uint64_t v = 0;
  for (size_t i = 0; i < kTimestampSize; ++i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return v;
}

}  // namespace

uint32_t CosignatureKeyId(std::string_view name, std::string_view public_key) {
  return NoteKeyId(name, kCosignatureV1Type, public_key);
}

std::string CosignedMessage(uint64_t time, std::string_view text) {
  std::string msg = "cosignature/v1\ntime " + std::to_string(time) + "\n";
  msg += text;
  return msg;
}

Result<CosignatureVerifier> CosignatureVerifier::FromVkey(std::string_view vkey) {
  ST_ASSIGN_OR_RETURN(VkeyParts parts, SplitVkey(vkey));
  if (parts.type == kMlDsa44CosignatureType) {
    return InvalidArgument("vkey " + parts.name +
                           ": ML-DSA-44 cosignatures (type 0x06) are not supported by this build");
  }
  if (parts.type != kCosignatureV1Type) {
    return InvalidArgument("vkey " + parts.name + ": key type 0x" + KeyIdHex(parts.type).substr(6) +
                           " is not a cosignature/v1 key (0x04)");
  }
  ST_ASSIGN_OR_RETURN(CosignatureVerifier v, FromPublicKey(parts.name, parts.key));
  if (v.key_id() != parts.key_id) {
    return InvalidArgument("vkey " + parts.name + ": key id " + KeyIdHex(parts.key_id) +
                           " does not match the key (want " + KeyIdHex(v.key_id()) + ")");
  }
  return v;
}

Result<CosignatureVerifier> CosignatureVerifier::FromPublicKey(std::string name,
                                                               std::string public_key) {
  ST_RETURN_IF_ERROR(CheckKeyName(name));
  if (public_key.size() != kEd25519PublicKeySize) {
    return InvalidArgument("cosigner " + name + ": Ed25519 public key must be 32 bytes, got " +
                           std::to_string(public_key.size()));
  }
  CosignatureVerifier v;
  v.key_id_ = CosignatureKeyId(name, public_key);
  v.name_ = std::move(name);
  v.public_key_ = std::move(public_key);
  return v;
}

std::string CosignatureVerifier::Vkey() const {
  return name_ + "+" + KeyIdHex(key_id_) + "+" +
         Base64Encode(std::string(1, static_cast<char>(kCosignatureV1Type)) + public_key_);
}

Result<uint64_t> CosignatureVerifier::Verify(std::string_view text,
                                             const NoteSignature& sig) const {
  std::string who = "cosignature of " + name_ + "+" + KeyIdHex(key_id_);
  if (!Matches(sig)) return InvalidArgument(who + ": the line is another key's");
  if (sig.signature.size() != kTimestampSize + kEd25519SignatureSize) {
    return InvalidArgument(who + ": want 8 bytes of time and a 64-byte signature, got " +
                           std::to_string(sig.signature.size()) + " bytes");
  }
  uint64_t time = ReadU64BigEndian(sig.signature);
  if (time > kMaxTimestamp) return InvalidArgument(who + ": timestamp exceeds 2^63-1");
  if (!Ed25519Verify(public_key_, CosignedMessage(time, text),
                     std::string_view(sig.signature).substr(kTimestampSize))) {
    return InvalidArgument(who + ": invalid signature");
  }
  return time;
}

Cosigner::Cosigner(std::string name, Ed25519PrivateKey key)
    : name_(std::move(name)), key_(std::move(key)) {}

Result<Cosigner> Cosigner::Create(std::string name, Ed25519PrivateKey key) {
  ST_RETURN_IF_ERROR(CheckKeyName(name));
  if (key.PublicKey().size() != kEd25519PublicKeySize) {
    return InvalidArgument("cosigner: key is empty (moved from?)");
  }
  return Cosigner(std::move(name), std::move(key));
}

CosignatureVerifier Cosigner::Verifier() const {
  Result<CosignatureVerifier> v = CosignatureVerifier::FromPublicKey(name_, key_.PublicKey());
  // Create() checked the name and key, and neither can change since.
  if (!v.ok()) std::abort();
  return std::move(v).value();
}

Result<NoteSignature> Cosigner::Cosign(std::string_view text, uint64_t time) const {
  if (time > kMaxTimestamp) return InvalidArgument("cosign: time exceeds 2^63-1");
  if (text.empty() || text.back() != '\n') {
    return InvalidArgument("cosign: checkpoint text must end in a newline");
  }
  NoteSignature sig;
  sig.name = name_;
  sig.key_id = CosignatureKeyId(name_, key_.PublicKey());
  ST_ASSIGN_OR_RETURN(std::string raw, key_.Sign(CosignedMessage(time, text)));
  sig.signature = U64BigEndian(time) + raw;
  return sig;
}

Result<std::vector<Cosignature>> OpenCosignatures(
    const Note& note, const std::vector<CosignatureVerifier>& witnesses) {
  std::vector<Cosignature> out;
  for (const NoteSignature& sig : note.signatures) {
    for (const CosignatureVerifier& w : witnesses) {
      if (!w.Matches(sig)) continue;
      ST_ASSIGN_OR_RETURN(uint64_t time, w.Verify(note.text, sig));
      out.push_back(Cosignature{w.name(), time, sig});
      break;
    }
  }
  return out;
}

std::string SignatureLines(const std::vector<NoteSignature>& sigs) {
  Note n{"", sigs};
  return n.Format().substr(1);  // Format() puts "\n" between text and lines
}

}  // namespace sharetrail
