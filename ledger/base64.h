// Standard base64 (RFC 4648 §4, with padding), as used by signed notes,
// checkpoints and our JSON proofs. Decoding is strict: no whitespace, no
// missing padding, no non-zero trailing bits, so one value has one encoding.
#ifndef SHARETRAIL_LEDGER_BASE64_H_
#define SHARETRAIL_LEDGER_BASE64_H_

#include <string>
#include <string_view>

#include "ledger/hash.h"
#include "ledger/status.h"

namespace sharetrail {

std::string Base64Encode(std::string_view data);
Result<std::string> Base64Decode(std::string_view text);

inline std::string Base64(const Hash& h) { return Base64Encode(AsBytes(h)); }
// Decodes exactly 32 bytes.
Result<Hash> HashFromBase64(std::string_view text);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_BASE64_H_
