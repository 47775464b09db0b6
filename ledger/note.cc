#include "ledger/note.h"

#include <cstdint>
#include <cstdlib>
#include <utility>

#include "ledger/base64.h"

namespace sharetrail {
namespace {

// U+2014 EM DASH, then a space: the start of every signature line.
constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";
constexpr uint8_t kEd25519SigType = 0x01;
// The signed-note spec asks verifiers to cap the signature count and to accept
// at least 16; golang.org/x/mod/sumdb/note Open() rejects more than 100, and we
// match it so a note one implementation accepts the other does too.
constexpr size_t kMaxSignatures = 100;

// Decodes one UTF-8 code point at s[*i], advancing *i. Rejects what Go's
// utf8.DecodeRune rejects: overlong forms, surrogates, values past U+10FFFF.
bool NextRune(std::string_view s, size_t* i, char32_t* out) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t b0 = byte(*i);
  if (b0 < 0x80) {
    *out = b0;
    *i += 1;
    return true;
  }
  // Lead byte: sequence length, smallest code point that needs it, payload bits.
  size_t len = 4;
  char32_t min = 0x10000;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    min = 0x80;
    *out = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    min = 0x800;
    *out = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    *out = b0 & 0x07;
  } else {
    return false;
  }
  if (s.size() - *i < len) return false;
  for (size_t k = 1; k < len; ++k) {
    uint8_t b = byte(*i + k);
    if ((b & 0xC0) != 0x80) return false;
    *out = (*out << 6) | (b & 0x3F);
  }
  if (*out < min || *out > 0x10FFFF || (*out >= 0xD800 && *out <= 0xDFFF)) return false;
  *i += len;
  return true;
}

// Signed notes must be valid UTF-8 with no ASCII control character but '\n'.
Status CheckNoteChars(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    char32_t r;
    if (!NextRune(s, &i, &r)) {
      return InvalidArgument("note: invalid UTF-8 at byte " + std::to_string(at));
    }
    if (r < 0x20 && r != '\n') {
      return InvalidArgument("note: control character at byte " + std::to_string(at));
    }
  }
  return Status::Ok();
}

// Unicode White_Space, the set Go's unicode.IsSpace tests.
bool IsUnicodeSpace(char32_t r) {
  return (r >= 0x09 && r <= 0x0D) || r == 0x20 || r == 0x85 || r == 0xA0 || r == 0x1680 ||
         (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F ||
         r == 0x3000;
}

}  // namespace

Status CheckKeyName(std::string_view name) {
  if (name.empty()) return InvalidArgument("note: empty key name");
  for (size_t i = 0; i < name.size();) {
    char32_t r;
    if (!NextRune(name, &i, &r)) return InvalidArgument("note: key name is not valid UTF-8");
    if (IsUnicodeSpace(r) || r == '+' || r < 0x20) {
      return InvalidArgument("note: key name \"" + std::string(name) +
                             "\" contains a space, '+' or control character");
    }
  }
  return Status::Ok();
}

namespace {

Status CheckText(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return InvalidArgument("note: text must be non-empty and end in a newline");
  }
  return CheckNoteChars(text);
}

}  // namespace

std::string KeyIdHex(uint32_t v) {
  static const char kHex[] = "0123456789abcdef";
  std::string s(8, '0');
  for (int k = 7; k >= 0; --k, v >>= 4) s[k] = kHex[v & 15];
  return s;
}

namespace {

bool ParseHex8(std::string_view s, uint32_t* out) {
  if (s.size() != 8) return false;
  uint32_t v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return false;
    }
    v = (v << 4) | static_cast<uint32_t>(d);
  }
  *out = v;
  return true;
}

std::string Uint32BigEndian(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

Result<NoteSignature> ParseSignatureLine(std::string_view line) {
  if (line.substr(0, kSigPrefix.size()) != kSigPrefix) {
    return InvalidArgument("note: signature line does not start with an em dash and a space");
  }
  line.remove_prefix(kSigPrefix.size());
  size_t space = line.find(' ');
  if (space == std::string_view::npos) {
    return InvalidArgument("note: signature line has no space between key name and signature");
  }
  NoteSignature sig;
  sig.name = std::string(line.substr(0, space));
  ST_RETURN_IF_ERROR(CheckKeyName(sig.name));
  Result<std::string> raw = Base64Decode(line.substr(space + 1));
  if (!raw.ok()) return raw.status().WithContext("note: signature of " + sig.name + ": ");
  // A key id and at least one byte of signature, as Go's note.Open requires.
  if (raw->size() < 5) {
    return InvalidArgument("note: signature of " + sig.name + " is shorter than 5 bytes");
  }
  const auto* b = reinterpret_cast<const uint8_t*>(raw->data());
  sig.key_id = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
  sig.signature = raw->substr(4);
  return sig;
}

}  // namespace

std::string Note::Format() const {
  std::string out = text;
  out += '\n';
  for (const NoteSignature& sig : signatures) {
    out += kSigPrefix;
    out += sig.name;
    out += ' ';
    out += Base64Encode(Uint32BigEndian(sig.key_id) + sig.signature);
    out += '\n';
  }
  return out;
}

Result<Note> Note::Parse(std::string_view note) {
  ST_RETURN_IF_ERROR(CheckNoteChars(note));
  // The text may itself hold blank lines; the signature block follows the last
  // one, and signature lines can never contain "\n\n".
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return InvalidArgument("note: no blank line between text and signatures");
  }
  Note n;
  n.text = std::string(note.substr(0, split + 1));
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty()) return InvalidArgument("note: no signature lines");
  if (sigs.back() != '\n') return InvalidArgument("note: last signature line lacks a newline");
  while (!sigs.empty()) {
    size_t nl = sigs.find('\n');  // found: sigs ends in '\n'
    if (n.signatures.size() == kMaxSignatures) {
      return InvalidArgument("note: more than " + std::to_string(kMaxSignatures) + " signatures");
    }
    ST_ASSIGN_OR_RETURN(NoteSignature sig, ParseSignatureLine(sigs.substr(0, nl)));
    n.signatures.push_back(std::move(sig));
    sigs.remove_prefix(nl + 1);
  }
  return n;
}

uint32_t NoteKeyId(std::string_view name, uint8_t type, std::string_view public_key) {
  std::string data(name);
  data += '\n';
  data += static_cast<char>(type);
  data += public_key;
  Hash h = Sha256(data);
  return (uint32_t{h[0]} << 24) | (uint32_t{h[1]} << 16) | (uint32_t{h[2]} << 8) | h[3];
}

uint32_t Ed25519KeyId(std::string_view name, std::string_view public_key) {
  return NoteKeyId(name, kEd25519SigType, public_key);
}

Result<VkeyParts> SplitVkey(std::string_view vkey) {
  size_t p1 = vkey.find('+');
  size_t p2 = p1 == std::string_view::npos ? p1 : vkey.find('+', p1 + 1);
  if (p2 == std::string_view::npos) {
    return InvalidArgument("vkey: want <name>+<hex key id>+<base64 key>");
  }
  VkeyParts parts;
  parts.name = std::string(vkey.substr(0, p1));
  if (!ParseHex8(vkey.substr(p1 + 1, p2 - p1 - 1), &parts.key_id)) {
    return InvalidArgument("vkey: key id must be 8 hex digits");
  }
  Result<std::string> key = Base64Decode(vkey.substr(p2 + 1));
  if (!key.ok()) return key.status().WithContext("vkey: ");
  if (key->empty()) return InvalidArgument("vkey: empty key");
  parts.type = static_cast<uint8_t>((*key)[0]);
  parts.key = key->substr(1);
  return parts;
}

Result<NoteVerifier> NoteVerifier::FromVkey(std::string_view vkey) {
  ST_ASSIGN_OR_RETURN(VkeyParts parts, SplitVkey(vkey));
  if (parts.type != kEd25519SigType) {
    return InvalidArgument("vkey: unsupported key type (only Ed25519, 0x01)");
  }
  ST_ASSIGN_OR_RETURN(NoteVerifier v, FromPublicKey(parts.name, parts.key));
  if (v.key_id() != parts.key_id) {
    return InvalidArgument("vkey: key id " + KeyIdHex(parts.key_id) + " does not match key (want " +
                           KeyIdHex(v.key_id()) + ")");
  }
  return v;
}

Result<NoteVerifier> NoteVerifier::FromPublicKey(std::string name, std::string public_key) {
  ST_RETURN_IF_ERROR(CheckKeyName(name));
  if (public_key.size() != kEd25519PublicKeySize) {
    return InvalidArgument("note: Ed25519 public key must be 32 bytes, got " +
                           std::to_string(public_key.size()));
  }
  NoteVerifier v;
  v.key_id_ = Ed25519KeyId(name, public_key);
  v.name_ = std::move(name);
  v.public_key_ = std::move(public_key);
  return v;
}

std::string NoteVerifier::Vkey() const {
  return name_ + "+" + KeyIdHex(key_id_) + "+" +
         Base64Encode(std::string(1, static_cast<char>(kEd25519SigType)) + public_key_);
}

bool NoteVerifier::Verify(std::string_view text, const NoteSignature& sig) const {
  return sig.name == name_ && sig.key_id == key_id_ &&
         Ed25519Verify(public_key_, text, sig.signature);
}

NoteSigner::NoteSigner(std::string name, Ed25519PrivateKey key)
    : name_(std::move(name)), key_(std::move(key)) {}

Result<NoteSigner> NoteSigner::Create(std::string name, Ed25519PrivateKey key) {
  ST_RETURN_IF_ERROR(CheckKeyName(name));
  if (key.PublicKey().size() != kEd25519PublicKeySize) {
    return InvalidArgument("note: signer key is empty (moved from?)");
  }
  return NoteSigner(std::move(name), std::move(key));
}

NoteVerifier NoteSigner::Verifier() const {
  Result<NoteVerifier> v = NoteVerifier::FromPublicKey(name_, key_.PublicKey());
  // Create() checked the name and key, and neither can change since.
  if (!v.ok()) std::abort();
  return std::move(v).value();
}

Result<NoteSignature> NoteSigner::Sign(std::string_view text) const {
  ST_RETURN_IF_ERROR(CheckText(text));
  NoteSignature sig;
  sig.name = name_;
  sig.key_id = Ed25519KeyId(name_, key_.PublicKey());
  ST_ASSIGN_OR_RETURN(sig.signature, key_.Sign(text));
  return sig;
}

Result<Note> OpenNote(std::string_view note, const std::vector<NoteVerifier>& verifiers) {
  ST_ASSIGN_OR_RETURN(Note n, Note::Parse(note));
  size_t verified = 0;
  for (const NoteSignature& sig : n.signatures) {
    const NoteVerifier* known = nullptr;
    for (const NoteVerifier& v : verifiers) {
      if (v.name() != sig.name || v.key_id() != sig.key_id) continue;
      // Two different keys under one (name, id) means the trust configuration
      // is broken; picking either would be a guess.
      if (known != nullptr && known->public_key() != v.public_key()) {
        return InvalidArgument("note: ambiguous verifiers for key " + sig.name + "+" +
                               KeyIdHex(sig.key_id));
      }
      known = &v;
    }
    // The spec: signatures from unknown keys are ignored, even when they share
    // a name or an id (but not both) with a known key.
    if (known == nullptr) continue;
    if (!known->Verify(n.text, sig)) {
      return InvalidArgument("note: invalid signature for key " + sig.name + "+" +
                             KeyIdHex(sig.key_id));
    }
    ++verified;
  }
  if (verified == 0) return InvalidArgument("note: no signature from a known key");
  return n;
}

std::string Checkpoint::Text() const {
  std::string out = origin + "\n" + std::to_string(size) + "\n" + Base64(root) + "\n";
  for (const std::string& e : extensions) out += e + "\n";
  return out;
}

Result<Checkpoint> Checkpoint::Parse(std::string_view text) {
  ST_RETURN_IF_ERROR(CheckText(text));
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < text.size();) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.size() < 3) {
    return InvalidArgument("checkpoint: want origin, size and root hash lines, got " +
                           std::to_string(lines.size()) + " lines");
  }
  Checkpoint cp;
  if (lines[0].empty()) return InvalidArgument("checkpoint: empty origin");
  cp.origin = std::string(lines[0]);

  std::string_view size = lines[1];
  if (size.empty() || (size.size() > 1 && size[0] == '0')) {
    return InvalidArgument("checkpoint: tree size \"" + std::string(size) +
                           "\" is not canonical decimal");
  }
  for (char c : size) {
    if (c < '0' || c > '9') {
      return InvalidArgument("checkpoint: tree size \"" + std::string(size) + "\" is not decimal");
    }
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (cp.size > (UINT64_MAX - d) / 10) {
      return InvalidArgument("checkpoint: tree size " + std::string(size) + " overflows 64 bits");
    }
    cp.size = cp.size * 10 + d;
  }

  Result<Hash> root = HashFromBase64(lines[2]);
  if (!root.ok()) return root.status().WithContext("checkpoint: root hash: ");
  cp.root = *root;

  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      return InvalidArgument("checkpoint: empty extension line " + std::to_string(i + 1));
    }
    cp.extensions.emplace_back(lines[i]);
  }
  return cp;
}

}  // namespace sharetrail
