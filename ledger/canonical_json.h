// Strict JSON input and RFC 8785 (JCS) canonical output.
//
// sharetrail's JSON is the I-JSON subset of RFC 8259 that hashes the same in
// every language:
//   - numbers are integers in [-(2^53-1), 2^53-1]; no fraction, no exponent,
//     no "-0";
//   - object keys are unique;
//   - strings are valid UTF-8 and contain no lone surrogate escape.
// Anything else is rejected with the byte offset (and line:column) of the
// offending token. Canonical output sorts object keys by their UTF-16 code
// units and escapes strings exactly as RFC 8785 §3.2.2.2 says: \" \\ \b \f \n
// \r \t, other controls as \u00xx (lowercase hex), everything else as UTF-8.
#ifndef SHARETRAIL_LEDGER_CANONICAL_JSON_H_
#define SHARETRAIL_LEDGER_CANONICAL_JSON_H_

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/status.h"

namespace sharetrail {

constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;

// Parses one JSON text (surrounding whitespace allowed, nothing after it).
// Errors read like "offset 17 (line 1, column 18): duplicate key \"type\"".
// Nesting deeper than max_depth is rejected rather than risk the stack.
Result<boost::json::value> ParseStrict(std::string_view text, int max_depth = 64);

// Appends the RFC 8785 form of v to out. Fails (naming the JSON path, e.g.
// "$.body.items[2]") if v holds a double, an integer outside the safe range,
// or a string that is not valid UTF-8.
Status AppendCanonical(const boost::json::value& v, std::string* out);
Result<std::string> Canonicalize(const boost::json::value& v);

// ParseStrict then Canonicalize.
Result<std::string> CanonicalizeText(std::string_view text);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_CANONICAL_JSON_H_
