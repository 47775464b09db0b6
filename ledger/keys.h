// Ed25519 keys (RFC 8032), random bytes and AES-256-GCM on OpenSSL. The only
// file besides hash.cc that includes OpenSSL.
//
// A private key lives in a PKCS#8 PEM file of mode 0600. Loading refuses a
// file that group or others can read or write: a leaked signing key lets
// anyone forge checkpoints, so we fail loudly rather than sign with it.
#ifndef SHARETRAIL_LEDGER_KEYS_H_
#define SHARETRAIL_LEDGER_KEYS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ledger/status.h"

namespace sharetrail {

constexpr size_t kEd25519PublicKeySize = 32;
constexpr size_t kEd25519SignatureSize = 64;

class Ed25519PrivateKey {
 public:
  ~Ed25519PrivateKey();
  Ed25519PrivateKey(Ed25519PrivateKey&&) noexcept;
  Ed25519PrivateKey& operator=(Ed25519PrivateKey&&) noexcept;

  static Result<Ed25519PrivateKey> Generate();
  // From a 32-byte RFC 8032 seed (tests use the RFC's vectors).
  static Result<Ed25519PrivateKey> FromSeed(std::string_view seed);
  // Refuses files with any group/other permission bit set.
  static Result<Ed25519PrivateKey> LoadFile(const std::string& path);
  // Creates path with mode 0600 (fails if it exists).
  Status SaveFile(const std::string& path) const;

  std::string PublicKey() const;                             // 32 raw bytes
  Result<std::string> Sign(std::string_view message) const;  // 64 bytes

 private:
  struct Impl;
  explicit Ed25519PrivateKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True iff sig is a valid Ed25519 signature of message under the raw public key.
bool Ed25519Verify(std::string_view public_key, std::string_view message, std::string_view sig);

// n bytes from the OpenSSL CSPRNG.
Result<std::string> RandomBytes(size_t n);

// scrypt (RFC 7914), the memory-hard password KDF: n (a power of two), r
// and p are stored with each hash so they can be raised later; memory used
// is about 128 * r * n bytes.
struct ScryptParams {
  uint64_t n = uint64_t{1} << 15;
  uint64_t r = 8;
  uint64_t p = 1;
};
Result<std::string> Scrypt(std::string_view password, std::string_view salt,
                           const ScryptParams& params, size_t out_len);
// Equal-length comparison whose time does not depend on where a and b differ.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// AES-256-GCM (NIST SP 800-38D) with a fresh random 96-bit nonce per call:
// sealed = nonce (12) || ciphertext || tag (16). aad is authenticated, not
// stored: the vault binds each ciphertext to its item id with it.
constexpr size_t kAeadKeySize = 32;
Result<std::string> AeadSeal(std::string_view key, std::string_view plaintext,
                             std::string_view aad);
// Fails (PermissionDenied) if the key, aad or bytes are not those sealed.
Result<std::string> AeadOpen(std::string_view key, std::string_view sealed, std::string_view aad);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_KEYS_H_
