// RFC 8785 §3.2.2.2 string literals, shared by the canonical serializer and
// the strict parser's error messages, and the output buffer they write to.
// The writer is inline because it runs for every key and string of every
// event we hash, and most of those are a handful of bytes.
#ifndef SHARETRAIL_LEDGER_JSON_STRING_H_
#define SHARETRAIL_LEDGER_JSON_STRING_H_

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "ledger/utf8.h"

namespace sharetrail {

// Appends to a std::string through a raw cursor. Serializing a document is
// thousands of one- to eight-byte writes; std::string::append checks capacity,
// updates the size and writes a terminator on each, which is most of the cost.
// The string holds scratch bytes past the cursor until Finish() or destruction.
class StringWriter {
 public:
  explicit StringWriter(std::string* out) : out_(out) {
    const size_t used = out->size();
    out->resize(out->capacity());  // use any reserve(); no reallocation
    cur_ = out->data() + used;
    end_ = out->data() + out->size();
  }
  ~StringWriter() { Finish(); }
  StringWriter(const StringWriter&) = delete;
  StringWriter& operator=(const StringWriter&) = delete;

  // Makes room for n more bytes at cursor().
  void Reserve(size_t n) {
    if (static_cast<size_t>(end_ - cur_) < n) Grow(n);
  }
  char*& cursor() { return cur_; }
  void Put(char c) {
    Reserve(1);
    *cur_++ = c;
  }
  void Write(const char* p, size_t n) {
    Reserve(n);
    std::memcpy(cur_, p, n);
    cur_ += n;
  }
  // Trims the string to what was written. Idempotent.
  void Finish() { out_->resize(cur_ - out_->data()); }

 private:
  void Grow(size_t n);

  std::string* out_;
  char* cur_;
  char* end_;
};

// How many of the eight bytes at p, counted from p, precede the first one
// that needs attention inside a JSON string (an escape, a control character
// or a non-ASCII byte): 8 if none does. Lets scanners skip plain ASCII, most
// of what we hash, a word at a time.
inline int PlainJsonBytes8(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  uint64_t w;
  std::memcpy(&w, p, 8);
  // x - kOnes * n sets the high bit of the first (lowest-addressed) byte of x
  // below n, if any, and of none before it: borrows only run towards later
  // bytes. Equality with c is "below 1" after xor with c. Bytes >= 0x80 are
  // flagged by w's own high bits.
  const uint64_t special =
      (w - kOnes * 0x20) | ((w ^ (kOnes * '"')) - kOnes) | ((w ^ (kOnes * '\\')) - kOnes);
  const uint64_t flags = (w | special) & kHigh;
  if (flags == 0) return 8;
  if constexpr (std::endian::native == std::endian::little) {
    return std::countr_zero(flags) / 8;
  } else {
    return std::countl_zero(flags) / 8;
  }
}

namespace json_string_internal {

inline constexpr char kHex[] = "0123456789abcdef";

// What a byte inside a string needs on output: nothing, an escape, or UTF-8
// validation as the lead byte of a multi-byte sequence.
enum ByteClass : uint8_t { kPlain, kEscape, kMultiByte };
inline constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = kEscape;
  table['"'] = table['\\'] = kEscape;
  for (int c = 0x80; c < 0x100; ++c) table[c] = kMultiByte;
  return table;
}();

// The letter of the two-character escape for c, or 0 if c needs \u00xx.
inline constexpr std::array<char, 256> kShortEscape = [] {
  std::array<char, 256> table{};
  table['"'] = '"';
  table['\\'] = '\\';
  table['\b'] = 'b';
  table['\f'] = 'f';
  table['\n'] = 'n';
  table['\r'] = 'r';
  table['\t'] = 't';
  return table;
}();

}  // namespace json_string_internal

// Writes s as a quoted JSON string: \" \\ \b \f \n \r \t, other controls as
// \u00xx (lowercase hex), everything else as the UTF-8 it already is. On
// invalid UTF-8 returns the error with its offset in *bad_offset, and the
// writer holds a partial literal; unless lossy, which shows each invalid
// byte as \xNN (not JSON: for error messages only) and never fails.
inline Utf8Error WriteJsonString(std::string_view s, StringWriter* out, size_t* bad_offset,
                                 bool lossy = false) {
  using namespace json_string_internal;
  const char* p = s.data();
  const char* const end = p + s.size();
  // Invariant: the writer has room for the rest of s plus the closing quote.
  // Plain bytes and valid UTF-8 are copied one for one, so only an escape
  // (up to six bytes for one) has to make more room.
  out->Reserve(s.size() + 2);
  // A local cursor, synced around Reserve(): through a reference every byte
  // store could alias it, forcing a reload and store of the cursor per byte.
  char* dst = out->cursor();
  auto reserve = [&](size_t n) {
    out->cursor() = dst;
    out->Reserve(n);
    dst = out->cursor();
  };
  *dst++ = '"';
  while (p < end) {
    if (end - p >= 8) {
      // Room for all eight is reserved; only the plain prefix counts.
      std::memcpy(dst, p, 8);
      const int plain = PlainJsonBytes8(p);
      dst += plain;
      p += plain;
      if (plain == 8) continue;
    }
    const auto c = static_cast<unsigned char>(*p);
    const uint8_t cls = kByteClass[c];
    if (cls == kPlain) {
      *dst++ = *p++;
      continue;
    }
    if (cls == kEscape) {
      reserve((end - p) + 6);
      if (const char letter = kShortEscape[c]; letter != 0) {
        dst[0] = '\\';
        dst[1] = letter;
        dst += 2;
      } else {
        const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        std::memcpy(dst, escaped, 6);
        dst += 6;
      }
      ++p;
      continue;
    }
    char32_t cp;
    Utf8Error error = Utf8Error::kNone;
    const auto* up = reinterpret_cast<const unsigned char*>(p);
    const int n = DecodeUtf8Sequence(up, up + (end - p), &cp, &error);
    if (n > 0) {
      std::memcpy(dst, p, n);
      dst += n;
      p += n;
      continue;
    }
    if (!lossy) {
      out->cursor() = dst;
      *bad_offset = static_cast<size_t>(p - s.data());
      return error;
    }
    reserve((end - p) + 4);
    const char shown[4] = {'\\', 'x', kHex[c >> 4], kHex[c & 15]};
    std::memcpy(dst, shown, 4);
    dst += 4;
    ++p;
  }
  *dst++ = '"';
  out->cursor() = dst;
  return Utf8Error::kNone;
}

// WriteJsonString(lossy) into a new string, for error messages.
std::string QuoteForMessage(std::string_view s);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_JSON_STRING_H_
