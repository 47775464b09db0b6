// SHA-256 and the RFC 6962 §2.1 domain-separated tree hashes.
//
//   leaf hash  = SHA-256(0x00 || entry bytes)
//   node hash  = SHA-256(0x01 || left || right)
//   empty tree = SHA-256("")
//
// This is the only file (with keys.cc) that includes OpenSSL.
#ifndef SHARETRAIL_LEDGER_HASH_H_
#define SHARETRAIL_LEDGER_HASH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sharetrail {

using Hash = std::array<uint8_t, 32>;

Hash Sha256(std::string_view data);
// Lowercase hex of SHA-256(data): the digest form item records carry.
std::string Sha256Hex(std::string_view data);
Hash LeafHash(std::string_view entry);
Hash NodeHash(const Hash& left, const Hash& right);
Hash EmptyTreeHash();

std::string_view AsBytes(const Hash& h);
std::string HashHex(const Hash& h);
// 64 hex digits (either case) back to 32 bytes; false if s is not that.
bool HashFromHex(std::string_view hex, Hash* out);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_HASH_H_
