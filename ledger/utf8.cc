#include "ledger/utf8.h"

namespace sharetrail {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

const char* Utf8ErrorText(Utf8Error error) {
  switch (error) {
    case Utf8Error::kNone:
      return "valid";
    case Utf8Error::kUnexpectedContinuation:
      return "unexpected continuation byte";
    case Utf8Error::kInvalidLead:
      return "invalid lead byte";
    case Utf8Error::kTruncated:
      return "truncated sequence";
    case Utf8Error::kOverlong:
      return "overlong encoding";
    case Utf8Error::kSurrogate:
      return "encoded surrogate";
    case Utf8Error::kTooLarge:
      return "code point above U+10FFFF";
  }
  return "unknown error";
}

int DecodeUtf8Sequence(const unsigned char* p, const unsigned char* end, char32_t* code_point,
                       Utf8Error* error) {
  const unsigned char lead = p[0];
  int length;
  // The valid range of the second byte depends on the lead byte (RFC 3629
  // §4); checking it here is what excludes overlongs, surrogates and values
  // past U+10FFFF without decoding first.
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead < 0xC0) {
    *error = Utf8Error::kUnexpectedContinuation;
    return 0;
  } else if (lead < 0xC2) {
    *error = Utf8Error::kOverlong;
    return 0;
  } else if (lead < 0xE0) {
    length = 2;
  } else if (lead < 0xF0) {
    length = 3;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
  } else if (lead < 0xF5) {
    length = 4;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    *error = lead < 0xF8 ? Utf8Error::kTooLarge : Utf8Error::kInvalidLead;
    return 0;
  }
  if (end - p < 2 || !IsContinuation(p[1])) {
    *error = Utf8Error::kTruncated;
    return 0;
  }
  if (p[1] < lo) {
    *error = Utf8Error::kOverlong;
    return 0;
  }
  if (p[1] > hi) {
    *error = lead == 0xED ? Utf8Error::kSurrogate : Utf8Error::kTooLarge;
    return 0;
  }
  if (end - p < length) {
    *error = Utf8Error::kTruncated;
    return 0;
  }
  char32_t cp = lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    if (!IsContinuation(p[i])) {
      *error = Utf8Error::kTruncated;
      return 0;
    }
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  *code_point = cp;
  return length;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 2);
  } else if (cp < 0x10000) {
    char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 3);
  } else {
    char b[4] = {
        static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
        static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 4);
  }
}

std::string ScrubUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      out.push_back(static_cast<char>(*p++));
      continue;
    }
    char32_t cp;
    Utf8Error error;
    int n = DecodeUtf8Sequence(p, end, &cp, &error);
    if (n == 0) {
      AppendUtf8(0xFFFD, &out);
      ++p;
    } else {
      out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
      p += n;
    }
  }
  return out;
}

}  // namespace sharetrail
