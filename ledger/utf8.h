// Strict UTF-8 (RFC 3629) decoding and the UTF-16 code unit order that RFC
// 8785 sorts object keys by. Strict means: no overlong forms, no encoded
// surrogates (ED A0..BF), nothing above U+10FFFF, no truncated sequences, so
// every code point has exactly one accepted encoding.
#ifndef SHARETRAIL_LEDGER_UTF8_H_
#define SHARETRAIL_LEDGER_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sharetrail {

enum class Utf8Error : uint8_t {
  kNone = 0,
  kUnexpectedContinuation,  // 80..BF where a character should start
  kInvalidLead,             // F8..FF never start a sequence
  kTruncated,               // too few continuation bytes
  kOverlong,                // C0, C1, E0 80..9F, F0 80..8F
  kSurrogate,               // ED A0..BF: U+D800..U+DFFF
  kTooLarge,                // F4 90.., F5..F7: above U+10FFFF
};

// "overlong encoding", "encoded surrogate", ...
const char* Utf8ErrorText(Utf8Error error);

// Decodes the multi-byte sequence that starts at p (*p >= 0x80; end bounds
// the input). Returns its length (2..4) and sets *code_point, or returns 0
// and sets *error.
int DecodeUtf8Sequence(const unsigned char* p, const unsigned char* end, char32_t* code_point,
                       Utf8Error* error);

// code_point must be a Unicode scalar value (not a surrogate, <= U+10FFFF).
void AppendUtf8(char32_t code_point, std::string* out);

// s with every byte that does not start a valid sequence replaced by
// U+FFFD: for echoing untrusted bytes (a request's method or path) in text
// that must be UTF-8, such as a JSON error message.
std::string ScrubUtf8(std::string_view s);

// Three-way comparison (<0, 0, >0) of a and b as UTF-16 code unit
// sequences, without converting them. Exact when both are valid UTF-8; for
// other bytes it is still a strict total order (byte-wise lexicographic under
// a fixed permutation of byte values), so sorting with it is always safe.
// Inline: it is the sort comparator for every object we canonicalize.
inline int CompareUtf16(std::string_view a, std::string_view b) {
  // UTF-8 byte order is code point order, and UTF-16 order agrees with it
  // except that U+10000.. (surrogate pairs, D800..DBFF first) sorts below
  // U+E000..U+FFFF. The first differing bytes are either both lead bytes (a
  // common prefix of whole characters) or both continuation bytes under the
  // same lead byte, in which case the characters are in the same range and
  // byte order holds. So it suffices to compare the first differing bytes
  // with EE and EF (which lead exactly U+E000..U+FFFF) ranked after F0..FF.
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  const auto* pa = reinterpret_cast<const unsigned char*>(a.data());
  const auto* pb = reinterpret_cast<const unsigned char*>(b.data());
  size_t i = 0;
  while (i < n && pa[i] == pb[i]) ++i;
  if (i == n) return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
  auto rank = [](unsigned c) { return c == 0xEE || c == 0xEF ? c + 0x100 : c; };
  return rank(pa[i]) < rank(pb[i]) ? -1 : 1;
}

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_UTF8_H_
