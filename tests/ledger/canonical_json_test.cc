#include "ledger/canonical_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "ledger/utf8.h"

namespace sharetrail {
namespace {

namespace json = boost::json;
using namespace std::string_literals;

std::string Canon(std::string_view text) {
  auto result = CanonicalizeText(text);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : "<error>";
}

std::string CanonValue(const json::value& v) {
  auto result = Canonicalize(v);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : "<error>";
}

struct Rejection {
  std::string text;
  size_t offset;
  int line;
  int column;
  std::string what;
};

// Asserts that text is rejected, that the message starts with the exact
// position, and that it says what is wrong.
void ExpectRejected(const Rejection& r, int max_depth = 64) {
  SCOPED_TRACE("input: " + json::serialize(json::string(r.text)));
  auto result = ParseStrict(r.text, max_depth);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), Code::kInvalidArgument);
  const std::string& message = result.status().message();
  const std::string where = "offset " + std::to_string(r.offset) + " (line " +
                            std::to_string(r.line) + ", column " + std::to_string(r.column) + "): ";
  EXPECT_EQ(message.substr(0, where.size()), where) << message;
  EXPECT_NE(message.find(r.what), std::string::npos) << message;
  if (max_depth == 64) {
    EXPECT_FALSE(CanonicalizeText(r.text).ok());
  }
}

void ExpectAllRejected(const std::vector<Rejection>& cases) {
  for (const Rejection& r : cases) ExpectRejected(r);
}

// Vectors from the JCS reference test data of RFC 8785's author:
// https://github.com/cyberphone/json-canonicalization/tree/master/testdata,
// input/NAME.json -> output/NAME.json, verbatim except that non-ASCII is
// written as C++ \u escapes (which encode as UTF-8). Only files whose numbers
// are integers are usable here; see CyberphoneStructures for the rest.
TEST(CanonicalJson, CyberphoneVectors) {
  // arrays.json. Its output file was not available to us; the expected value
  // follows from RFC 8785's rules: no whitespace, array order kept, keys
  // sorted by code units ("1" < "10" < "d").
  EXPECT_EQ(Canon("[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]"),
            R"([56,{"1":[],"10":null,"d":true}])");
  // french.json: code unit order, not locale order.
  EXPECT_EQ(Canon("{\n  \"peach\": \"This sorting order\",\n  \"p\u00e9ch\u00e9\": \"is wrong "
                  "according to French\",\n  \"p\u00eache\": \"but canonicalization MUST\",\n  "
                  "\"sin\":   \"ingnore locale\"\n}\n"),
            "{\"peach\":\"This sorting order\",\"p\u00e9ch\u00e9\":\"is wrong according to "
            "French\",\"p\u00eache\":\"but canonicalization MUST\",\"sin\":\"ingnore locale\"}");
  // unicode.json: no normalization.
  EXPECT_EQ(Canon("{\n  \"Unnormalized Unicode\":\"\\u1e0d\\u0307\"\n}\n"),
            "{\"Unnormalized Unicode\":\"\u1e0d\u0307\"}");
  // simpleString.json.
  EXPECT_EQ(Canon("    \"this is a test string 1235\""), R"("this is a test string 1235")");
  // weird.json: U+0080 and U+007F are emitted raw, "</script>" unescaped.
  EXPECT_EQ(Canon(R"({
  "\u20ac": "Euro Sign",
  "1": "One",
  "\u0080": "Control\u007f",
  "\ud83d\ude02": "Smiley",
  "\u00f6": "Latin Small Letter O With Diaeresis",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "</script>": "Browser Challenge"
}
)"),
            "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\x7f\","
            "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
            "\"\U0001F602\":\"Smiley\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  // values.json without its "numbers" member (all non-integers, see below).
  EXPECT_EQ(
      Canon(R"json({
  "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})json"),
      "{\"escaping\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"literals\":[null,true,false]}");
}

// structures.json holds 56.0, which our integer-only subset refuses; with
// "56" in its place the output is testdata/output/structures.json verbatim.
TEST(CanonicalJson, CyberphoneStructures) {
  const std::string input =
      "{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n  \"\": "
      "\"empty\",\n  \"a\": { },\n  \"111\": [ { } ],\n  \"A\": { }\n}";
  ExpectRejected({input, 41, 2, 40, "number 56.0 has a fraction"});
  std::string integral = input;
  integral.replace(integral.find("56.0"), 4, "56");
  EXPECT_EQ(Canon(integral),
            R"({"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}})");
  // values.json's numbers are all fractions or exponents.
  ExpectRejected({"{\n  \"numbers\": [1E30, 4.50]}", 16, 2, 15, "exponent"});
}

// RFC 8785 §3.2.3, the sorting example, with the order the RFC gives:
// "\r", "1", U+0080, U+00F6, U+20AC, U+1F600, U+FB33. The emoji sorts before
// U+FB33 only under UTF-16 order (its lead surrogate is D83D).
TEST(CanonicalJson, Rfc8785SortingExample) {
  const char* input = R"({
   "\u20ac": "Euro Sign",
   "\r": "Carriage Return",
   "\ufb33": "Hebrew Letter Dalet With Dagesh",
   "1": "One",
   "\ud83d\ude00": "Emoji: Grinning Face",
   "\u0080": "Control",
   "\u00f6": "Latin Small Letter O With Diaeresis"
})";
  EXPECT_EQ(Canon(input),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
            "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
            "\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With "
            "Dagesh\"}");
}

TEST(CanonicalJson, Utf16OrderDiffersFromCodePointOrderAboveBmp) {
  // Supplementary characters sort after U+D7FF but before U+E000..U+FFFF.
  EXPECT_LT(CompareUtf16("\U00010000", "\ue000"), 0);
  EXPECT_LT(CompareUtf16("\U0010FFFF", "\uffff"), 0);
  EXPECT_GT(CompareUtf16("\uef00", "\U0001F600"), 0);
  EXPECT_LT(CompareUtf16("\ud7ff", "\U00010000"), 0);
  EXPECT_LT(CompareUtf16("\U00010000", "\U00010001"), 0);
  EXPECT_LT(CompareUtf16("a", "ab"), 0);
  EXPECT_EQ(CompareUtf16("\u00e9", "\u00e9"), 0);
  EXPECT_EQ(Canon(R"({"\uffff":1,"\ue000":2,"\ud800\udc00":3,"\ud7ff":4,"z":5})"),
            "{\"z\":5,\"\ud7ff\":4,\"\U00010000\":3,\"\ue000\":2,\"\uffff\":1}");
}

TEST(CanonicalJson, StringEscapingPerRfc8785) {
  std::string controls = "\"";
  for (int c = 0; c < 0x20; ++c) {
    controls += "\\u00" + std::string(1, "01"[c >> 4]) + "0123456789ABCDEF"[c & 15];
  }
  controls += "\"";
  EXPECT_EQ(Canon(controls),
            R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f)"
            R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c)"
            R"(\u001d\u001e\u001f")");
  // '/', DEL, U+2028/9 and everything non-ASCII stay raw.
  EXPECT_EQ(Canon(R"("\/\u007f\u2028\u2029\u00e9\"\\")"), "\"/\x7f\u2028\u2029\u00e9\\\"\\\\\"");
  EXPECT_EQ(Canon("\"\x7f\""), "\"\x7f\"");
}

TEST(CanonicalJson, LiteralsAndIntegers) {
  EXPECT_EQ(Canon(" [ true , false , null , 0 , -1 , 42 ] "), "[true,false,null,0,-1,42]");
  EXPECT_EQ(Canon("\t\r\n{}\n"), "{}");
}

TEST(CanonicalJson, SafeIntegerBoundaries) {
  EXPECT_EQ(Canon("9007199254740991"), "9007199254740991");
  EXPECT_EQ(Canon("-9007199254740991"), "-9007199254740991");
  EXPECT_EQ(Canon("[9007199254740991,-9007199254740991]"), "[9007199254740991,-9007199254740991]");
  ExpectAllRejected({
      {"9007199254740992", 0, 1, 1, "integer 9007199254740992 is outside"},
      {"-9007199254740992", 0, 1, 1, "outside"},
      {"[1, 123456789012345678901234567890]", 4, 1, 5, "outside"},
      {"18446744073709551616", 0, 1, 1, "outside"},
  });
}

TEST(CanonicalJson, RejectsNonIntegerNumbers) {
  ExpectAllRejected({
      {"1.0", 0, 1, 1, "number 1.0 has a fraction"},
      {"[1e3]", 1, 1, 2, "number 1e3 has an exponent"},
      {"[0, 1E+3]", 4, 1, 5, "exponent"},
      {"-0", 0, 1, 1, "-0 is not allowed"},
      {"[0, -0]", 4, 1, 5, "-0 is not allowed"},
      {"-0.0", 0, 1, 1, "fraction"},
      {"01", 0, 1, 1, "number 01 has a leading zero"},
      {"[-012]", 1, 1, 2, "leading zero"},
      {"-", 0, 1, 1, "expected a digit after '-'"},
      {"[-a]", 1, 1, 2, "expected a digit after '-'"},
      {"+1", 0, 1, 1, "unexpected '+'"},
      {".5", 0, 1, 1, "unexpected '.'"},
      {"1.", 0, 1, 1, "fraction"},
      {"{\n  \"a\": 1,\n  \"b\": 01\n}", 19, 3, 8, "leading zero"},
  });
}

TEST(CanonicalJson, RejectsDuplicateKeys) {
  ExpectAllRejected({
      {R"({"type":1,"type":2})", 10, 1, 11, "duplicate key \"type\""},
      // Keys compare decoded: \u0061 is "a".
      {R"({"a":1,"\u0061":2})", 7, 1, 8, "duplicate key \"a\""},
      {R"({"x":{"k":[],"k":{}}})", 13, 1, 14, "duplicate key \"k\""},
      {"{\"\\n\":1,\n\"\\u000a\":2}", 9, 2, 1, "duplicate key \"\\n\""},
  });
  // Same key in different objects is fine.
  EXPECT_EQ(Canon(R"({"a":{"a":1},"b":{"a":2}})"), R"({"a":{"a":1},"b":{"a":2}})");
}

TEST(CanonicalJson, RejectsInvalidUtf8) {
  ExpectAllRejected({
      {"\"\xC0\x80\"", 1, 1, 2, "invalid UTF-8 in string: overlong encoding"},
      {"[\"ab\xE0\x80\x80\"]", 4, 1, 5, "overlong encoding"},
      {"\"\xF0\x8F\xBF\xBF\"", 1, 1, 2, "overlong encoding"},
      {"\"\xED\xA0\x80\"", 1, 1, 2, "encoded surrogate"},
      {"\"\xED\xBF\xBF\"", 1, 1, 2, "encoded surrogate"},
      {"\"\xF4\x90\x80\x80\"", 1, 1, 2, "code point above U+10FFFF"},
      {"\"\xF5\x80\x80\x80\"", 1, 1, 2, "code point above U+10FFFF"},
      {"\"\xE2\x82\"", 1, 1, 2, "truncated sequence"},
      {"\"\xE2\x82", 1, 1, 2, "truncated sequence"},
      {"\"\xF0\x9F\x98\"", 1, 1, 2, "truncated sequence"},
      {"\"a\x80\"", 2, 1, 3, "unexpected continuation byte"},
      {"\"\xFF\"", 1, 1, 2, "invalid lead byte"},
      {"{\"\xC3\":1}", 2, 1, 3, "truncated sequence"},
      // Outside strings a non-ASCII byte is simply not JSON.
      {"\xC3\xA9", 0, 1, 1, "unexpected byte 0xc3"},
  });
  // The largest scalar values on each side of the gaps are fine.
  EXPECT_EQ(Canon("\"\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF\""),
            "\"\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF\"");
}

TEST(CanonicalJson, RejectsRawControlCharacters) {
  ExpectAllRejected({
      {"\"a\x01z\"", 2, 1, 3, "raw control character 0x01 in string"},
      {"[\"a\nb\"]", 3, 1, 4, "raw control character 0x0a"},
      {"{\"k\t\":1}", 3, 1, 4, "raw control character 0x09"},
      {"\"\0\""s, 1, 1, 2, "raw control character 0x00"},
  });
  // Escaped NUL is a valid string character.
  EXPECT_EQ(Canon(R"("a\u0000b")"), R"("a\u0000b")");
}

TEST(CanonicalJson, RejectsLoneSurrogatesAndBadEscapes) {
  ExpectAllRejected({
      {R"("\ud800")", 1, 1, 2, "lone high surrogate \\ud800"},
      {R"(["ab\uD83Dx"])", 4, 1, 5, "lone high surrogate \\uD83D"},
      {R"("\ud800\u0041")", 1, 1, 2, "lone high surrogate"},
      {R"("\ud800\ud800")", 1, 1, 2, "lone high surrogate"},
      {R"("\ud800\n")", 1, 1, 2, "lone high surrogate"},
      {R"("ab\udc00")", 3, 1, 4, "lone low surrogate \\udc00"},
      {R"("\ude00\ud83d")", 1, 1, 2, "lone low surrogate"},
      {R"("\x41")", 1, 1, 2, "invalid escape \\x"},
      {"\"\\\n\"", 1, 1, 2, "invalid escape: backslash followed by byte 0x0a"},
      {R"("\'")", 1, 1, 2, "invalid escape"},
      {R"("\U0041")", 1, 1, 2, "invalid escape"},
      {R"("\u12")", 1, 1, 2, "expected four hex digits"},
      {R"("\u12G4")", 1, 1, 2, "expected four hex digits"},
      {"\"\\", 0, 1, 1, "unterminated string"},
      {"\"abc", 0, 1, 1, "unterminated string"},
  });
  EXPECT_EQ(Canon(R"("\ud83d\ude00\uDBFF\uDFFF")"), "\"\U0001F600\U0010FFFF\"");
}

TEST(CanonicalJson, RejectsStructuralErrors) {
  ExpectAllRejected({
      {"", 0, 1, 1, "empty input"},
      {" \n ", 3, 2, 2, "only whitespace"},
      {"\xEF\xBB\xBF{}", 0, 1, 1, "byte order mark"},
      {"{} x", 3, 1, 4, "unexpected 'x' after the JSON value"},
      {"1 2", 2, 1, 3, "after the JSON value"},
      {"{}}", 2, 1, 3, "after the JSON value"},
      {"nullx", 4, 1, 5, "after the JSON value"},
      {"[1,2,]", 4, 1, 5, "trailing comma before ']'"},
      {"{\"a\":1,}", 6, 1, 7, "trailing comma before '}'"},
      {"[1,]", 2, 1, 3, "trailing comma"},
      {"[,1]", 1, 1, 2, "unexpected ','"},
      {"[1 // c\n]", 3, 1, 4, "comments are not JSON"},
      {"/* c */ 1", 0, 1, 1, "comments are not JSON"},
      {"{\"a\":1 /* c */}", 7, 1, 8, "comments are not JSON"},
      {"1 // c", 2, 1, 3, "comments are not JSON"},
      {"NaN", 0, 1, 1, "NaN and Infinity are not JSON"},
      {"[Infinity]", 1, 1, 2, "NaN and Infinity"},
      {"-Infinity", 0, 1, 1, "NaN and Infinity"},
      {"['a']", 1, 1, 2, "single-quoted strings are not JSON"},
      {"{'a':1}", 1, 1, 2, "single-quoted strings are not JSON"},
      {"tru", 0, 1, 1, "invalid literal, expected \"true\""},
      {"[nul]", 1, 1, 2, "invalid literal"},
      {"True", 0, 1, 1, "unexpected 'T'"},
      {"{\"a\" 1}", 5, 1, 6, "expected ':'"},
      {"[1 2]", 3, 1, 4, "expected ',' or ']'"},
      {"{\"a\":1 \"b\":2}", 7, 1, 8, "expected ',' or '}'"},
      {"[1", 2, 1, 3, "unexpected end of input, expected ',' or ']'"},
      {"{\"a\":1", 6, 1, 7, "end of input"},
      {"{\"a\":", 5, 1, 6, "end of input, expected a value"},
      {"{1:2}", 1, 1, 2, "expected a string key"},
      // Only space, tab, LF and CR are whitespace (RFC 8259 §2).
      {"\f1", 0, 1, 1, "unexpected byte 0x0c"},
      {"[1,\v2]", 3, 1, 4, "byte 0x0b"},
      {"\xC2\xA0"
       "1",
       0, 1, 1, "byte 0xc2"},
  });
}

TEST(CanonicalJson, RejectsExcessiveNesting) {
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_EQ(Canon(ok), ok);
  ExpectRejected(
      {std::string(65, '[') + std::string(65, ']'), 64, 1, 65, "nesting deeper than 64"});
  ExpectRejected({"{\"a\":[{}]}", 6, 1, 7, "nesting deeper than 2"}, 2);
  ExpectRejected({"[]", 0, 1, 1, "nesting deeper than 0"}, 0);
  EXPECT_TRUE(ParseStrict("1", 0).ok());
  // Deep input must fail cleanly, not overflow the stack.
  ExpectRejected({std::string(1000000, '['), 64, 1, 65, "nesting"});
}

TEST(CanonicalJson, BuiltValuesAreValidated) {
  auto expect_error = [](const json::value& v, const std::string& what) {
    auto result = Canonicalize(v);
    ASSERT_FALSE(result.ok()) << what;
    EXPECT_EQ(result.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(result.status().message().substr(0, what.size()), what) << result.status().message();
  };
  json::value body = {{"body", {{"items", json::array{1, 2, 1.5}}}}};
  expect_error(body, "$.body.items[2]: number 1.5 is a double");
  expect_error(json::value(2.0), "$: number 2 is a double");
  expect_error(json::object{{"odd key", uint64_t{1} << 60}},
               "$[\"odd key\"]: integer 1152921504606846976 is outside");
  expect_error(json::value(kMaxSafeInteger + 1), "$: integer 9007199254740992 is outside");
  expect_error(json::value(-kMaxSafeInteger - 1), "$: integer -9007199254740992 is outside");
  expect_error(json::value(uint64_t{1} << 53), "$: integer 9007199254740992 is outside");
  expect_error(json::array{"ok", "\xED\xA0\x80"},
               "$[1]: string is not valid UTF-8 (byte 0: encoded surrogate)");
  expect_error(json::object{{"a", {{"b\xFF", 1}}}},
               "$.a[\"b\\xff\"]: key is not valid UTF-8 (byte 1: invalid lead byte)");
  expect_error(json::object{{"\n", {{"_x1$", json::array{nullptr, 0.5}}}}},
               "$[\"\\n\"]._x1$[1]: number 0.5 is a double");

  EXPECT_EQ(CanonValue(json::value(uint64_t{kMaxSafeInteger})), "9007199254740991");
  EXPECT_EQ(CanonValue(json::value(-kMaxSafeInteger)), "-9007199254740991");
  EXPECT_EQ(CanonValue(json::object{{"b", true}, {"a", nullptr}}), R"({"a":null,"b":true})");
}

TEST(CanonicalJson, AppendCanonicalAppendsAndLeavesOutputAloneOnError) {
  std::string out = "prefix:";
  ASSERT_TRUE(AppendCanonical(json::array{1, "x"}, &out).ok());
  EXPECT_EQ(out, R"(prefix:[1,"x"])");
  EXPECT_FALSE(AppendCanonical(json::array{1, "x", 0.5}, &out).ok());
  EXPECT_EQ(out, R"(prefix:[1,"x"])");
}

// --- Randomized round trips ------------------------------------------------

char32_t RandomCodePoint(std::mt19937_64& rng) {
  static constexpr char32_t kSpecial[] = {'"',    '\\',   '/',    0x7F,   0x80,    0x2028,  0x2029,
                                          0xFEFF, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
  switch (rng() % 9) {
    case 0:
      return rng() % 0x20;
    case 1:
      return kSpecial[rng() % std::size(kSpecial)];
    case 2:
      return 0x80 + rng() % (0x800 - 0x80);
    case 3: {
      char32_t cp = 0x800 + rng() % (0x10000 - 0x800);
      return cp >= 0xD800 && cp <= 0xDFFF ? cp - 0x800 : cp;
    }
    case 4:
      return 0xE000 + rng() % 0x2000;
    case 5:
      return 0x10000 + rng() % 0x100000;
    default:
      return 0x20 + rng() % 0x5F;
  }
}

std::string RandomString(std::mt19937_64& rng, size_t max_length) {
  std::string s;
  for (size_t n = rng() % (max_length + 1); n > 0; --n) AppendUtf8(RandomCodePoint(rng), &s);
  return s;
}

json::value RandomValue(std::mt19937_64& rng, int depth) {
  const int kind = depth > 5 ? rng() % 4 : rng() % 6;
  switch (kind) {
    case 0:
      return rng() % 2 ? json::value(nullptr) : json::value(rng() % 2 == 0);
    case 1: {
      static constexpr int64_t kEdges[] = {0, 1, -1, kMaxSafeInteger, -kMaxSafeInteger, 10, -10};
      if (rng() % 3 == 0) return kEdges[rng() % std::size(kEdges)];
      return static_cast<int64_t>(rng() % (2 * kMaxSafeInteger + 1)) - kMaxSafeInteger;
    }
    case 2:
    case 3:
      return json::string(RandomString(rng, 12));
    case 4: {
      json::array a;
      for (size_t n = rng() % 5; n > 0; --n) a.push_back(RandomValue(rng, depth + 1));
      return a;
    }
    default: {
      json::object o;
      for (size_t n = rng() % 6; n > 0; --n) o[RandomString(rng, 3)] = RandomValue(rng, depth + 1);
      return o;
    }
  }
}

std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    char32_t cp = *p;
    Utf8Error error;
    int n = cp < 0x80 ? 1 : DecodeUtf8Sequence(p, end, &cp, &error);
    EXPECT_GT(n, 0);
    out.push_back(cp);
    p += std::max(n, 1);
  }
  return out;
}

std::u16string ToUtf16(std::string_view s) {
  std::u16string out;
  for (char32_t cp : Decode(s)) {
    if (cp < 0x10000) {
      out.push_back(static_cast<char16_t>(cp));
    } else {
      out.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    }
  }
  return out;
}

std::string Hex4(unsigned v, bool upper) {
  char buf[8];
  std::snprintf(buf, sizeof buf, upper ? "%04X" : "%04x", v);
  return buf;
}

// A deliberately naive RFC 8785 serializer to check the fast one against:
// keys converted to UTF-16 and sorted as such, strings escaped code point by
// code point.
std::string ReferenceString(std::string_view s) {
  std::string out = "\"";
  for (char32_t cp : Decode(s)) {
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (cp < 0x20) {
          out += "\\u" + Hex4(cp, false);
        } else {
          AppendUtf8(cp, &out);
        }
    }
  }
  return out + "\"";
}

std::string Reference(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return ReferenceString(v.get_string());
    case json::kind::array: {
      std::string out = "[";
      for (const auto& e : v.get_array()) {
        if (out.size() > 1) out += ',';
        out += Reference(e);
      }
      return out + "]";
    }
    case json::kind::object: {
      std::vector<std::pair<std::u16string, const json::key_value_pair*>> members;
      for (const auto& kv : v.get_object()) members.emplace_back(ToUtf16(kv.key()), &kv);
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      std::string out = "{";
      for (const auto& [unused, kv] : members) {
        if (out.size() > 1) out += ",";
        out += ReferenceString(kv->key()) + ":" + Reference(kv->value());
      }
      return out + "}";
    }
    default:
      return json::serialize(v);  // null, bool, int64
  }
}

// Any valid spelling of the same value: random whitespace, member order,
// escapes (\u with either case, surrogate pairs, "\/").
void AppendLooseString(std::string_view s, std::mt19937_64& rng, std::string* out) {
  *out += '"';
  for (char32_t cp : Decode(s)) {
    const bool upper = rng() % 2;
    static constexpr std::string_view kShort = "\"\\\b\f\n\r\t", kLetters = "\"\\bfnrt";
    if (const size_t k = kShort.find(static_cast<char>(cp));
        cp < 0x80 && k != kShort.npos && rng() % 2) {
      *out += '\\';
      *out += kLetters[k];
    } else if (cp == '"' || cp == '\\' || cp < 0x20 || rng() % 4 == 0) {
      if (cp == '/' && rng() % 2) {
        *out += "\\/";
      } else if (cp < 0x10000) {
        *out += "\\u" + Hex4(cp, upper);
      } else {
        *out += "\\u" + Hex4(0xD800 + ((cp - 0x10000) >> 10), upper) + "\\u" +
                Hex4(0xDC00 + ((cp - 0x10000) & 0x3FF), upper);
      }
    } else {
      AppendUtf8(cp, out);
    }
  }
  *out += '"';
}

void AppendLoose(const json::value& v, std::mt19937_64& rng, std::string* out) {
  auto ws = [&] {
    for (size_t n = rng() % 3; n > 0; --n) *out += " \t\n\r"[rng() % 4];
  };
  ws();
  if (v.is_string()) {
    AppendLooseString(v.get_string(), rng, out);
  } else if (v.is_array()) {
    *out += '[';
    for (size_t i = 0; i < v.get_array().size(); ++i) {
      if (i > 0) *out += ',';
      AppendLoose(v.get_array()[i], rng, out);
    }
    ws();
    *out += ']';
  } else if (v.is_object()) {
    std::vector<const json::key_value_pair*> members;
    for (const auto& kv : v.get_object()) members.push_back(&kv);
    std::shuffle(members.begin(), members.end(), rng);
    *out += '{';
    for (size_t i = 0; i < members.size(); ++i) {
      if (i > 0) *out += ',';
      ws();
      AppendLooseString(members[i]->key(), rng, out);
      ws();
      *out += ':';
      AppendLoose(members[i]->value(), rng, out);
    }
    ws();
    *out += '}';
  } else {
    *out += json::serialize(v);
  }
  ws();
}

TEST(CanonicalJson, RandomizedRoundTripAndIdempotence) {
  std::mt19937_64 rng(20240611);
  for (int i = 0; i < 3000; ++i) {
    const json::value v = RandomValue(rng, 0);
    const std::string canonical = CanonValue(v);
    ASSERT_EQ(canonical, Reference(v)) << "document " << i;
    // Idempotent: canonical text is its own canonical form.
    ASSERT_EQ(Canon(canonical), canonical) << "document " << i;
    // Parsing it back gives the same value, as an independent parser agrees.
    auto parsed = ParseStrict(canonical);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    ASSERT_EQ(*parsed, v) << "document " << i;
    ASSERT_EQ(json::parse(canonical), v) << "document " << i;
    // Any other spelling canonicalizes to the same bytes.
    std::string loose;
    AppendLoose(v, rng, &loose);
    ASSERT_EQ(Canon(loose), canonical) << "document " << i << ": " << loose;
  }
}

// Differential check on corrupted input: whatever ParseStrict accepts, the
// independent boost::json::parse must accept as the same value (our subset),
// and every rejection must carry a position. Also a cheap fuzz under ASan.
TEST(CanonicalJson, MutatedInputStaysWithinBoostJson) {
  std::mt19937_64 rng(99);
  static constexpr char kBytes[] =
      "{}[],:\"\\/ -0123456789.eEtfnulx\x01\x7f\x80\xbf\xc3\xed\xf0\xff";
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    AppendLoose(RandomValue(rng, 2), rng, &text);
    for (size_t n = 1 + rng() % 3; n > 0 && !text.empty(); --n) {
      const size_t at = rng() % text.size();
      const char byte = kBytes[rng() % (sizeof kBytes - 1)];
      switch (rng() % 3) {
        case 0:
          text[at] = byte;
          break;
        case 1:
          text.insert(text.begin() + at, byte);
          break;
        default:
          text.erase(at, 1);
      }
    }
    auto parsed = ParseStrict(text);
    if (!parsed.ok()) {
      ASSERT_EQ(parsed.status().message().rfind("offset ", 0), 0u) << parsed.status().message();
      continue;
    }
    ++accepted;
    boost::system::error_code ec;
    const json::value theirs = json::parse(text, ec);
    ASSERT_FALSE(ec) << json::serialize(json::string(text));
    ASSERT_EQ(*parsed, theirs) << json::serialize(json::string(text));
    ASSERT_TRUE(Canonicalize(*parsed).ok());
  }
  EXPECT_GT(accepted, 1000);  // the mutations must not all be fatal
}

TEST(CanonicalJson, CompareUtf16MatchesConvertedComparison) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const std::string a = RandomString(rng, 3), b = RandomString(rng, 3);
    const std::u16string ua = ToUtf16(a), ub = ToUtf16(b);
    const int want = ua < ub ? -1 : (ub < ua ? 1 : 0);
    ASSERT_EQ(CompareUtf16(a, b), want)
        << json::serialize(json::string(a)) << " vs " << json::serialize(json::string(b));
  }
}

// Not a pass/fail benchmark (the machine is shared); it prints the cost of
// the append hot path for a typical ~650-byte event.
TEST(CanonicalJson, TypicalEventCost) {
  const std::string event = R"({
    "type": "share.transfer", "schema": 3, "seq": 1048576, "ts": 1718099999123,
    "actor": {"id": "usr_7f3a9c2e", "name": "Zo\u00eb M\u00fcller", "role": "registrar"},
    "body": {"from": {"holder": "hld_0001", "account": "ACC-99-1234"},
             "to": {"holder": "hld_0002", "account": "ACC-99-5678"},
             "class": "ordinary", "quantity": 2500, "price_minor": 1234500,
             "currency": "EUR", "items": [{"cert": "C-0001", "qty": 1000},
             {"cert": "C-0002", "qty": 1500}], "memo": "Transfer per SPA \u00a74.2, \"tranche\" 2"},
    "approvals": [{"by": "usr_1", "at": 1718090000000}, {"by": "usr_2", "at": 1718090500000}],
    "prev": "sha256:3f0c2a9d5b7e41c8a6f2d0e9b8c7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9",
    "tags": ["q2", "board-approved", "\u2713"]
  })";
  auto v = ParseStrict(event);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const std::string canonical = CanonValue(*v);
  constexpr int kIterations = 20000;
  auto time_ns = [&](auto&& fn) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kIterations; ++i) fn();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    return std::chrono::duration<double, std::nano>(elapsed).count() / kIterations;
  };
  size_t sink = 0;
  const double canon_ns = time_ns([&] { sink += Canonicalize(*v)->size(); });
  const double text_ns = time_ns([&] { sink += CanonicalizeText(canonical)->size(); });
  EXPECT_GT(sink, 0u);
  std::printf("event: %zu canonical bytes; Canonicalize %.0f ns, CanonicalizeText %.0f ns\n",
              canonical.size(), canon_ns, text_ns);
}

}  // namespace
}  // namespace sharetrail
