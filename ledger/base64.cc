#include "ledger/base64.h"

#include <cstdint>
#include <cstring>

namespace sharetrail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Decoding table: 6-bit value, or -1 for bytes outside the alphabet.
struct DecodeTable {
  int8_t v[256];
  constexpr DecodeTable() : v() {
    for (int i = 0; i < 256; ++i) v[i] = -1;
    for (int i = 0; i < 64; ++i) v[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
};
constexpr DecodeTable kDecode;

// Decodes text (length a multiple of 4) into out, which has room for
// text.size() / 4 * 3 bytes; returns the decoded length or an error. Shared by
// the allocating and the fixed-size (hash) paths, the latter being on
// verify's hot path.
Result<size_t> DecodeInto(std::string_view text, uint8_t* out) {
  if (text.size() % 4 != 0) {
    return InvalidArgument("base64: length " + std::to_string(text.size()) +
                           " is not a multiple of 4");
  }
  size_t o = 0;
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int pad = 0;
    if (last && text[i + 3] == '=') pad = text[i + 2] == '=' ? 2 : 1;
    uint32_t v = 0;
    for (int j = 0; j < 4; ++j) {
      if (j >= 4 - pad) {
        v <<= 6;
        continue;
      }
      int d = kDecode.v[static_cast<uint8_t>(text[i + j])];
      if (d < 0) {
        return InvalidArgument("base64: invalid character at offset " + std::to_string(i + j));
      }
      v = (v << 6) | static_cast<uint32_t>(d);
    }
    if ((pad == 1 && (v & 0xff) != 0) || (pad == 2 && (v & 0xffff) != 0)) {
      return InvalidArgument("base64: non-canonical trailing bits");
    }
    out[o++] = static_cast<uint8_t>(v >> 16);
    if (pad < 2) out[o++] = static_cast<uint8_t>((v >> 8) & 0xff);
    if (pad < 1) out[o++] = static_cast<uint8_t>(v & 0xff);
  }
  return o;
}

}  // namespace

std::string Base64Encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t v = p[i] << 16;
    if (rest == 2) v |= p[i + 1] << 8;
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  std::string out(text.size() / 4 * 3, '\0');
  ST_ASSIGN_OR_RETURN(size_t n, DecodeInto(text, reinterpret_cast<uint8_t*>(out.data())));
  out.resize(n);
  return out;
}

Result<Hash> HashFromBase64(std::string_view text) {
  if (text.size() != 44) {
    ST_ASSIGN_OR_RETURN(std::string raw, Base64Decode(text));
    return InvalidArgument("hash: expected 32 bytes, got " + std::to_string(raw.size()));
  }
  uint8_t buf[33];
  ST_ASSIGN_OR_RETURN(size_t n, DecodeInto(text, buf));
  if (n != 32) return InvalidArgument("hash: expected 32 bytes, got " + std::to_string(n));
  Hash h;
  std::memcpy(h.data(), buf, 32);
  return h;
}

}  // namespace sharetrail
