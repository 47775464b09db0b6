// ParseStrict: a recursive-descent RFC 8259 parser for the subset declared in
// canonical_json.h. boost::json::parse is not used because it accepts more
// (doubles, duplicate keys, lone surrogate escapes) and cannot say exactly
// where and why a ledger entry was refused.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <cstdio>
#include <exception>

#include "ledger/canonical_json.h"
#include "ledger/json_string.h"
#include "ledger/utf8.h"

namespace sharetrail {
namespace {

namespace json = boost::json;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

class Parser {
 public:
  Parser(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  Result<json::value> Run();

 private:
  // Records "offset 17 (line 1, column 18): what" and returns false: the
  // parse functions return bool so the happy path builds no Status. Lines
  // split at LF; columns count bytes, like the offset, whatever the encoding.
  bool Fail(size_t offset, const std::string& what);
  // "'x'" for printable ASCII, "byte 0x0c" otherwise, "end of input" past it.
  std::string Describe(size_t pos) const;
  // Fails at pos_ with "unexpected <what is there><context>", naming the
  // usual non-JSON habits (comments, single quotes) outright.
  bool Unexpected(const char* context);
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  void SkipWhitespace();
  bool StartsWith(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  // Four hex digits at pos as a UTF-16 code unit, or -1.
  int Hex4(size_t pos) const;

  bool ParseValue(json::value* out, int depth);
  bool ParseObject(json::value* out, int depth);
  bool ParseArray(json::value* out, int depth);
  bool ParseLiteral(std::string_view literal, json::value* out);
  bool ParseNumber(json::value* out);
  // Sets *out to the decoded contents: a view into text_ when there are no
  // escapes, else into scratch_ (valid until the next call).
  bool ParseString(std::string_view* out);
  bool ParseEscape(size_t string_start);

  std::string_view text_;
  size_t pos_ = 0;
  int max_depth_;
  std::string scratch_;
  Status error_;
};

bool Parser::Fail(size_t offset, const std::string& what) {
  const std::string_view before = text_.substr(0, offset);
  const size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t last_lf = before.rfind('\n');
  const size_t column = offset - (last_lf == std::string_view::npos ? 0 : last_lf + 1) + 1;
  error_ = InvalidArgument("offset " + std::to_string(offset) + " (line " + std::to_string(line) +
                           ", column " + std::to_string(column) + "): " + what);
  return false;
}

std::string Parser::Describe(size_t pos) const {
  if (pos >= text_.size()) return "end of input";
  const auto c = static_cast<unsigned char>(text_[pos]);
  if (c > 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02x", c);
  return buf;
}

bool Parser::Unexpected(const char* context) {
  if (!AtEnd() && Peek() == '/') return Fail(pos_, "comments are not JSON");
  if (!AtEnd() && Peek() == '\'') return Fail(pos_, "single-quoted strings are not JSON");
  return Fail(pos_, "unexpected " + Describe(pos_) + context);
}

void Parser::SkipWhitespace() {
  while (!AtEnd()) {
    const char c = Peek();
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++pos_;
  }
}

int Parser::Hex4(size_t pos) const {
  if (pos > text_.size() || text_.size() - pos < 4) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    const int h = HexValue(text_[i]);
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

Result<json::value> Parser::Run() {
  json::value v;
  if (text_.empty()) {
    Fail(0, "empty input");
  } else if (StartsWith("\xEF\xBB\xBF")) {
    Fail(0, "byte order mark is not allowed");
  } else if (SkipWhitespace(); AtEnd()) {
    Fail(pos_, "no JSON value, only whitespace");
  } else if (ParseValue(&v, 0)) {
    SkipWhitespace();
    if (AtEnd()) return v;
    Unexpected(" after the JSON value");
  }
  return error_;
}

bool Parser::ParseValue(json::value* out, int depth) {
  if (AtEnd()) return Fail(pos_, "unexpected end of input, expected a value");
  switch (Peek()) {
    case '{':
      return ParseObject(out, depth);
    case '[':
      return ParseArray(out, depth);
    case '"': {
      std::string_view s;
      if (!ParseString(&s)) return false;
      out->emplace_string().assign(s.data(), s.size());
      return true;
    }
    case 't':
      return ParseLiteral("true", out);
    case 'f':
      return ParseLiteral("false", out);
    case 'n':
      return ParseLiteral("null", out);
    default:
      break;
  }
  if (Peek() == '-' || IsDigit(Peek())) return ParseNumber(out);
  if (StartsWith("NaN") || StartsWith("Infinity")) {
    return Fail(pos_, "NaN and Infinity are not JSON");
  }
  return Unexpected(", expected a value");
}

bool Parser::ParseObject(json::value* out, int depth) {
  const size_t open = pos_;
  if (depth >= max_depth_) {
    return Fail(open, "nesting deeper than " + std::to_string(max_depth_) + " levels");
  }
  ++pos_;
  json::object& object = out->emplace_object();
  SkipWhitespace();
  if (!AtEnd() && Peek() == '}') {
    ++pos_;
    return true;
  }
  // boost::json grows an object's table 1.5x from empty (capacity 1, 2, 3, 4,
  // 6, 9...), reallocating at each step; starting at 4 saves most of that.
  object.reserve(4);
  while (true) {
    SkipWhitespace();
    if (AtEnd() || Peek() != '"') {
      return Unexpected(", expected a string key");
    }
    const size_t key_start = pos_;
    std::string_view key;
    if (!ParseString(&key)) return false;
    // Insert the key with a null value now, so the uniqueness check is the same hash
    // lookup as the insertion; the value is then parsed in place.
    auto [it, inserted] = object.emplace(json::string_view(key.data(), key.size()), nullptr);
    if (!inserted) return Fail(key_start, "duplicate key " + QuoteForMessage(key));
    SkipWhitespace();
    if (AtEnd() || Peek() != ':') {
      return Unexpected(", expected ':' after the key");
    }
    ++pos_;
    SkipWhitespace();
    if (!ParseValue(&it->value(), depth + 1)) return false;
    SkipWhitespace();
    if (!AtEnd() && Peek() == '}') {
      ++pos_;
      return true;
    }
    if (AtEnd() || Peek() != ',') {
      return Unexpected(", expected ',' or '}'");
    }
    const size_t comma = pos_++;
    SkipWhitespace();
    if (!AtEnd() && Peek() == '}') return Fail(comma, "trailing comma before '}'");
  }
}

bool Parser::ParseArray(json::value* out, int depth) {
  const size_t open = pos_;
  if (depth >= max_depth_) {
    return Fail(open, "nesting deeper than " + std::to_string(max_depth_) + " levels");
  }
  ++pos_;
  json::array& array = out->emplace_array();
  SkipWhitespace();
  if (!AtEnd() && Peek() == ']') {
    ++pos_;
    return true;
  }
  while (true) {
    SkipWhitespace();
    // The element is parsed in place; array is not touched meanwhile, so
    // the reference to back() stays valid.
    if (!ParseValue(&array.emplace_back(nullptr), depth + 1)) return false;
    SkipWhitespace();
    if (!AtEnd() && Peek() == ']') {
      ++pos_;
      return true;
    }
    if (AtEnd() || Peek() != ',') {
      return Unexpected(", expected ',' or ']'");
    }
    const size_t comma = pos_++;
    SkipWhitespace();
    if (!AtEnd() && Peek() == ']') return Fail(comma, "trailing comma before ']'");
  }
}

bool Parser::ParseLiteral(std::string_view literal, json::value* out) {
  if (!StartsWith(literal)) {
    return Fail(pos_, "invalid literal, expected \"" + std::string(literal) + "\"");
  }
  pos_ += literal.size();
  if (literal[0] == 'n') {
    out->emplace_null();
  } else {
    out->emplace_bool() = literal[0] == 't';
  }
  return true;
}

bool Parser::ParseNumber(json::value* out) {
  const size_t start = pos_;
  // The whole would-be number, for messages: "1.5e3", not just "1".
  auto lexeme = [&] {
    size_t end = start;
    auto in_number = [](char c) {
      return IsDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    };
    while (end < text_.size() && end - start < 40 && in_number(text_[end])) ++end;
    return std::string(text_.substr(start, end - start));
  };
  const bool negative = Peek() == '-';
  if (negative) ++pos_;
  if (AtEnd() || !IsDigit(Peek())) {
    if (StartsWith("Infinity")) return Fail(start, "NaN and Infinity are not JSON");
    return Fail(start, "expected a digit after '-'");
  }
  if (Peek() == '0' && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1])) {
    return Fail(start, "number " + lexeme() + " has a leading zero");
  }
  const size_t digits_start = pos_;
  uint64_t magnitude = 0;
  while (!AtEnd() && IsDigit(Peek())) {
    // Past 16 digits the value is out of range anyway; stop before uint64
    // could overflow but keep scanning so the message shows the number.
    if (pos_ - digits_start < 17) magnitude = magnitude * 10 + (Peek() - '0');
    ++pos_;
  }
  if (!AtEnd() && Peek() == '.') {
    return Fail(start, "number " + lexeme() + " has a fraction; only integers are allowed");
  }
  if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
    return Fail(start, "number " + lexeme() + " has an exponent; only integers are allowed");
  }
  if (magnitude > static_cast<uint64_t>(kMaxSafeInteger)) {
    return Fail(start, "integer " + lexeme() + " is outside [-(2^53-1), 2^53-1]");
  }
  if (negative && magnitude == 0) return Fail(start, "-0 is not allowed");
  const auto value = static_cast<int64_t>(magnitude);
  out->emplace_int64() = negative ? -value : value;
  return true;
}

bool Parser::ParseString(std::string_view* out) {
  const size_t start = pos_++;
  const auto* end = reinterpret_cast<const unsigned char*>(text_.data() + text_.size());
  scratch_.clear();
  bool escaped = false;
  size_t run = pos_;  // first byte not yet copied to scratch_
  while (true) {
    // Skip plain ASCII eight bytes at a time.
    while (text_.size() - pos_ >= 8) {
      const int plain = PlainJsonBytes8(text_.data() + pos_);
      pos_ += plain;
      if (plain < 8) break;
    }
    if (AtEnd()) return Fail(start, "unterminated string");
    const auto c = static_cast<unsigned char>(Peek());
    if (c == '"') break;
    if (c == '\\') {
      escaped = true;
      scratch_.append(text_.data() + run, pos_ - run);
      if (!ParseEscape(start)) return false;
      run = pos_;
    } else if (c < 0x20) {
      char what[64];
      std::snprintf(what, sizeof what, "raw control character 0x%02x in string; it must be escaped",
                    c);
      return Fail(pos_, what);
    } else if (c < 0x80) {
      ++pos_;
    } else {
      char32_t cp;
      Utf8Error error = Utf8Error::kNone;
      const auto* p = reinterpret_cast<const unsigned char*>(text_.data() + pos_);
      const int n = DecodeUtf8Sequence(p, end, &cp, &error);
      if (n == 0) {
        return Fail(pos_, std::string("invalid UTF-8 in string: ") + Utf8ErrorText(error));
      }
      pos_ += n;
    }
  }
  if (escaped) {
    scratch_.append(text_.data() + run, pos_ - run);
    *out = scratch_;
  } else {
    *out = text_.substr(start + 1, pos_ - start - 1);
  }
  ++pos_;
  return true;
}

bool Parser::ParseEscape(size_t string_start) {
  const size_t at = pos_;
  if (at + 1 >= text_.size()) return Fail(string_start, "unterminated string");
  const char letter = text_[at + 1];
  pos_ += 2;
  static constexpr std::string_view kLetters = "\"\\/bfnrt", kMeanings = "\"\\/\b\f\n\r\t";
  if (const size_t k = kLetters.find(letter); k != std::string_view::npos) {
    scratch_.push_back(kMeanings[k]);
    return true;
  }
  if (letter != 'u') {
    if (letter > 0x20 && letter < 0x7F) {
      return Fail(at, std::string("invalid escape \\") + letter);
    }
    return Fail(at, "invalid escape: backslash followed by " + Describe(at + 1));
  }
  const int unit = Hex4(at + 2);
  if (unit < 0) return Fail(at, "invalid \\u escape: expected four hex digits");
  pos_ = at + 6;
  const std::string_view written = text_.substr(at, 6);
  if (unit >= 0xDC00 && unit <= 0xDFFF) {
    return Fail(at,
                "lone low surrogate " + std::string(written) + " (no high surrogate before it)");
  }
  char32_t cp = unit;
  if (unit >= 0xD800 && unit <= 0xDBFF) {
    // A high surrogate is only meaningful as the first half of a pair written
    // as two adjacent escapes; anything else is a lone surrogate.
    const int low = pos_ + 1 < text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u'
                        ? Hex4(pos_ + 2)
                        : -1;
    if (low < 0xDC00 || low > 0xDFFF) {
      return Fail(at, "lone high surrogate " + std::string(written) +
                          " (not followed by a low surrogate escape)");
    }
    cp = 0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) + (low - 0xDC00);
    pos_ += 6;
  }
  AppendUtf8(cp, &scratch_);
  return true;
}

}  // namespace

Result<json::value> ParseStrict(std::string_view text, int max_depth) {
  try {
    return Parser(text, max_depth).Run();
  } catch (const std::exception& e) {  // allocation or boost::json size limits
    return Internal(std::string("strict JSON parse: ") + e.what());
  }
}

}  // namespace sharetrail
