#include "ledger/hash.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace sharetrail {
namespace {

// Fetching the algorithm and allocating a context per call costs more than
// hashing a 650-byte entry, so both are made once (per thread for the context).
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct Ctx {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Ctx() { EVP_MD_CTX_free(ctx); }
};

Hash Digest(std::string_view prefix, std::string_view a, std::string_view b) {
  thread_local Ctx c;
  Hash out;
  unsigned int len = 0;
  if (c.ctx == nullptr || EVP_DigestInit_ex2(c.ctx, Sha256Md(), nullptr) != 1 ||
      EVP_DigestUpdate(c.ctx, prefix.data(), prefix.size()) != 1 ||
      EVP_DigestUpdate(c.ctx, a.data(), a.size()) != 1 ||
      EVP_DigestUpdate(c.ctx, b.data(), b.size()) != 1 ||
      EVP_DigestFinal_ex(c.ctx, out.data(), &len) != 1 || len != out.size()) {
    // Only allocation failure or a broken OpenSSL install gets here; a wrong
    // hash would be worse than stopping.
    std::abort();
  }
  return out;
}

}  // namespace

Hash Sha256(std::string_view data) { return Digest({}, data, {}); }

Hash LeafHash(std::string_view entry) { return Digest(std::string_view("\x00", 1), entry, {}); }

Hash NodeHash(const Hash& left, const Hash& right) {
  return Digest("\x01", AsBytes(left), AsBytes(right));
}

Hash EmptyTreeHash() { return Sha256({}); }

std::string_view AsBytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

std::string HashHex(const Hash& h) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(64);
  for (uint8_t b : h) {
    s.push_back(kHex[b >> 4]);
    s.push_back(kHex[b & 15]);
  }
  return s;
}

bool HashFromHex(std::string_view hex, Hash* out) {
  if (hex.size() != 64) return false;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < 32; ++i) {
    int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    (*out)[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

std::string Sha256Hex(std::string_view data) { return HashHex(Sha256(data)); }

}  // namespace sharetrail
