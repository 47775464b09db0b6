#include "ledger/keys.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

namespace sharetrail {
namespace {

// A PKCS#8 Ed25519 PEM is about 120 bytes; anything far larger is not a key
// file and reading it whole would only waste memory.
constexpr size_t kMaxKeyFileSize = 64 * 1024;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// Drains this thread's OpenSSL error queue into one line, so a failure never
// leaves stale entries behind to be misreported by a later, unrelated call.
std::string OpenSslError() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {  // NOLINT(runtime/int): OpenSSL's type
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no OpenSSL error recorded" : out;
}

std::string ErrnoText(int err) { return std::strerror(err); }

std::string OctalMode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// A passphrase callback that refuses: without it OpenSSL would prompt on the
// terminal for an encrypted PEM, and a daemon must never block on a tty.
int NoPassphrase(char*, int, int, void*) { return -1; }

Result<std::string> RawPublicKey(EVP_PKEY* pkey) {
  std::string pub(kEd25519PublicKeySize, '\0');
  size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(pub.data()), &len) != 1 ||
      len != kEd25519PublicKeySize) {
    return Internal("ed25519: cannot extract public key: " + OpenSslError());
  }
  return pub;
}

Status WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IOError(ErrnoText(errno));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// The new directory entry is only durable once the directory itself is synced.
Status SyncParentDir(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IOError("open " + dir + ": " + ErrnoText(errno));
  int rc = fsync(fd);
  int err = errno;
  close(fd);
  if (rc != 0) return IOError("fsync " + dir + ": " + ErrnoText(err));
  return Status::Ok();
}

}  // namespace

struct Ed25519PrivateKey::Impl {
  PkeyPtr pkey;
  std::string public_key;  // cached: PublicKey() is called for every vkey and key id
};

Ed25519PrivateKey::Ed25519PrivateKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ed25519PrivateKey::~Ed25519PrivateKey() = default;
Ed25519PrivateKey::Ed25519PrivateKey(Ed25519PrivateKey&&) noexcept = default;
Ed25519PrivateKey& Ed25519PrivateKey::operator=(Ed25519PrivateKey&&) noexcept = default;

Result<Ed25519PrivateKey> Ed25519PrivateKey::Generate() {
  EVP_PKEY* raw = nullptr;
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), &EVP_PKEY_CTX_free);
  if (ctx == nullptr || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return Internal("ed25519: key generation failed: " + OpenSslError());
  }
  PkeyPtr pkey(raw);
  ST_ASSIGN_OR_RETURN(std::string pub, RawPublicKey(pkey.get()));
  return Ed25519PrivateKey(std::make_unique<Impl>(Impl{std::move(pkey), std::move(pub)}));
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(std::string_view seed) {
  if (seed.size() != 32) {
    return InvalidArgument("ed25519: seed must be 32 bytes, got " + std::to_string(seed.size()));
  }
  PkeyPtr pkey(EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), seed.size()));
  if (pkey == nullptr) return Internal("ed25519: cannot load seed: " + OpenSslError());
  ST_ASSIGN_OR_RETURN(std::string pub, RawPublicKey(pkey.get()));
  return Ed25519PrivateKey(std::make_unique<Impl>(Impl{std::move(pkey), std::move(pub)}));
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::LoadFile(const std::string& path) {
  // Open first and fstat the descriptor, so the file we check is the file we
  // read. O_NONBLOCK keeps a FIFO planted at the path from hanging the open.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    std::string msg = "key file " + path + ": " + ErrnoText(err);
    if (err == ENOENT) return NotFound(msg);
    if (err == EACCES) return PermissionDenied(msg);
    return IOError(msg);
  }
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};

  struct stat st;
  if (fstat(fd, &st) != 0) return IOError("key file " + path + ": fstat: " + ErrnoText(errno));
  if (!S_ISREG(st.st_mode)) {
    return PermissionDenied("key file " + path + " is not a regular file; refusing to read it");
  }
  if ((st.st_mode & 077) != 0) {
    return PermissionDenied("key file " + path + " has mode " + OctalMode(st.st_mode) +
                            ", readable or writable by group or others; a leaked signing key "
                            "lets anyone forge checkpoints. Fix with: chmod 600 " +
                            path);
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxKeyFileSize) {
    return InvalidArgument("key file " + path + " is " + std::to_string(st.st_size) +
                           " bytes; too large to be an Ed25519 PEM key");
  }

  // The buffer holds the private key; wipe it on every exit path.
  std::string pem(static_cast<size_t>(st.st_size), '\0');
  struct Wiper {
    std::string* s;
    ~Wiper() { OPENSSL_cleanse(s->data(), s->size()); }
  } wiper{&pem};
  size_t got = 0;
  while (got < pem.size()) {
    ssize_t n = read(fd, pem.data() + got, pem.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IOError("key file " + path + ": read: " + ErrnoText(errno));
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }

  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(got)));
  if (bio == nullptr) return Internal("key file " + path + ": " + OpenSslError());
  PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (pkey == nullptr) {
    return InvalidArgument("key file " + path +
                           ": not an unencrypted PKCS#8 PEM private key: " + OpenSslError());
  }
  if (EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) {
    const char* type = EVP_PKEY_get0_type_name(pkey.get());
    return InvalidArgument("key file " + path + ": key type is " +
                           (type != nullptr ? type : "unknown") + ", want ED25519");
  }
  ST_ASSIGN_OR_RETURN(std::string pub, RawPublicKey(pkey.get()));
  return Ed25519PrivateKey(std::make_unique<Impl>(Impl{std::move(pkey), std::move(pub)}));
}

Status Ed25519PrivateKey::SaveFile(const std::string& path) const {
  if (impl_ == nullptr) return FailedPrecondition("ed25519: key was moved from");
  // Secure-heap BIO: its buffer is cleared when it grows and when it is freed.
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (bio == nullptr || PEM_write_bio_PrivateKey(bio.get(), impl_->pkey.get(), nullptr, nullptr, 0,
                                                 nullptr, nullptr) != 1) {
    return Internal("ed25519: cannot encode key: " + OpenSslError());
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);  // NOLINT(runtime/int): OpenSSL's type
  if (len <= 0 || data == nullptr) return Internal("ed25519: empty PEM encoding");

  // O_EXCL: never overwrite a key, which could destroy the only copy of a
  // log's identity, and never follow a symlink an attacker planted.
  int fd = open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    int err = errno;
    if (err == EEXIST) {
      return FailedPrecondition("key file " + path +
                                " already exists; refusing to overwrite a signing key");
    }
    return IOError("key file " + path + ": create: " + ErrnoText(err));
  }
  // The umask may have cleared bits of 0600; pin the mode exactly.
  Status st = fchmod(fd, 0600) == 0 ? Status::Ok() : IOError(ErrnoText(errno));
  if (st.ok()) st = WriteAll(fd, data, static_cast<size_t>(len));
  if (st.ok() && fsync(fd) != 0) st = IOError("fsync: " + ErrnoText(errno));
  if (close(fd) != 0 && st.ok()) st = IOError("close: " + ErrnoText(errno));
  if (!st.ok()) {
    // Leave no half-written key behind for a later LoadFile to trip over.
    unlink(path.c_str());
    return st.WithContext("key file " + path + ": ");
  }
  return SyncParentDir(path);
}

std::string Ed25519PrivateKey::PublicKey() const {
  return impl_ == nullptr ? std::string() : impl_->public_key;
}

Result<std::string> Ed25519PrivateKey::Sign(std::string_view message) const {
  if (impl_ == nullptr) return FailedPrecondition("ed25519: key was moved from");
  // A fresh context per call keeps Sign safe to call from several threads on
  // one key; the parsed EVP_PKEY is shared read-only, so no re-parsing.
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::string sig(kEd25519SignatureSize, '\0');
  size_t len = sig.size();
  if (ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      len != kEd25519SignatureSize) {
    return Internal("ed25519: sign failed: " + OpenSslError());
  }
  return sig;
}

bool Ed25519Verify(std::string_view public_key, std::string_view message, std::string_view sig) {
  if (public_key.size() != kEd25519PublicKeySize || sig.size() != kEd25519SignatureSize) {
    return false;
  }
  // Everything here is local to the call, hence thread-safe; OpenSSL's error
  // queue is per thread, and is cleared so a rejected signature leaves no trace.
  PkeyPtr pkey(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(public_key.data()),
      public_key.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  bool ok =
      pkey != nullptr && ctx != nullptr &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

Result<std::string> RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    return Internal("RAND_bytes failed");
  }
  return out;
}

namespace {

constexpr size_t kNonce = 12, kTag = 16;

struct CipherCtx {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
};

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Result<std::string> AeadSeal(std::string_view key, std::string_view plaintext,
                             std::string_view aad) {
  if (key.size() != kAeadKeySize) return InvalidArgument("AES-256-GCM key must be 32 bytes");
  ST_ASSIGN_OR_RETURN(std::string nonce, RandomBytes(kNonce));
  CipherCtx c;
  std::string out = nonce;
  out.resize(kNonce + plaintext.size() + kTag);
  auto* dst = reinterpret_cast<unsigned char*>(out.data()) + kNonce;
  int len = 0, fin = 0;
  bool ok =
      c.ctx != nullptr &&
      EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, U(key), U(nonce)) == 1 &&
      (aad.empty() ||
       EVP_EncryptUpdate(c.ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())) == 1) &&
      EVP_EncryptUpdate(c.ctx, dst, &len, U(plaintext), static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(c.ctx, dst + len, &fin) == 1 &&
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTag, dst + plaintext.size()) == 1;
  if (!ok) return Internal("AES-256-GCM encryption failed");
  return out;
}

Result<std::string> AeadOpen(std::string_view key, std::string_view sealed, std::string_view aad) {
  if (key.size() != kAeadKeySize) return InvalidArgument("AES-256-GCM key must be 32 bytes");
  if (sealed.size() < kNonce + kTag) return Corruption("sealed payload too short");
  std::string_view nonce = sealed.substr(0, kNonce);
  std::string_view body = sealed.substr(kNonce, sealed.size() - kNonce - kTag);
  std::string tag(sealed.substr(sealed.size() - kTag));
  CipherCtx c;
  std::string out(body.size(), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int len = 0, fin = 0;
  bool ok = c.ctx != nullptr &&
            EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, U(key), U(nonce)) == 1 &&
            (aad.empty() ||
             EVP_DecryptUpdate(c.ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())) == 1) &&
            EVP_DecryptUpdate(c.ctx, dst, &len, U(body), static_cast<int>(body.size())) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(c.ctx, dst + len, &fin) == 1;
  if (!ok) return PermissionDenied("payload does not authenticate (wrong key, item or bytes)");
  return out;
}

Result<std::string> Scrypt(std::string_view password, std::string_view salt,
                           const ScryptParams& params, size_t out_len) {
  if (params.n < 2 || (params.n & (params.n - 1)) != 0) {
    return InvalidArgument("scrypt: n must be a power of two >= 2, got " +
                           std::to_string(params.n));
  }
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_SCRYPT, nullptr), EVP_PKEY_CTX_free);
  std::string out(out_len, '\0');
  size_t len = out_len;
  // OpenSSL's default ceiling (32 MiB) is just below what n = 2^15, r = 8
  // needs; allow the parameters' own requirement with headroom.
  uint64_t maxmem = 256 * params.r * (params.n + params.p) + (uint64_t{1} << 20);
  bool ok = ctx != nullptr && EVP_PKEY_derive_init(ctx.get()) == 1 &&
            EVP_PKEY_CTX_set1_pbe_pass(ctx.get(), password.data(),
                                       static_cast<int>(password.size())) == 1 &&
            EVP_PKEY_CTX_set1_scrypt_salt(ctx.get(), U(salt), static_cast<int>(salt.size())) == 1 &&
            EVP_PKEY_CTX_set_scrypt_N(ctx.get(), params.n) == 1 &&
            EVP_PKEY_CTX_set_scrypt_r(ctx.get(), params.r) == 1 &&
            EVP_PKEY_CTX_set_scrypt_p(ctx.get(), params.p) == 1 &&
            EVP_PKEY_CTX_set_scrypt_maxmem_bytes(ctx.get(), maxmem) == 1 &&
            EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) == 1;
  if (!ok || len != out_len) return Internal("scrypt derivation failed");
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sharetrail
