// Index records: written by Apply in the same transaction as the entry, so
// every query answer is a range scan, never a scan of the log.
//
// Key: "x/<index>/<value>/<seq as 16 hex digits>"; value: "" or a compact
// JSON summary (the share indexes carry one, so listing shares needs no
// entry reads). Indexes:
//   type/<type>  day/<YYYY-MM-DD>  party/<party>  item/<item>
//   agreement/<agreement>  subject/<ref> (value: the item)  refusal/<rule>
//   share.party/<party>/<day>  share.agreement/<agreement>/<day>
//   share.item/<item>  share.category/<category>/<day>
//   beyond-purpose/<year>   (uses of register data beyond safeguarding)
#ifndef SHARETRAIL_POLICIES_INDEX_H_
#define SHARETRAIL_POLICIES_INDEX_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/state.h"

namespace sharetrail::policy {

std::string IndexPrefix(std::string_view index, std::string_view value);
std::string IndexKey(std::string_view index, std::string_view value, uint64_t seq);
// The seq at the end of an index key.
uint64_t IndexSeq(std::string_view key);

// Visits (seq, value) of an index in seq order (or, for keys with a day,
// day order), starting at `from` within the prefix; stops when fn is false.
Status ScanIndex(const StateView& state, std::string_view index, std::string_view value,
                 const std::function<bool(uint64_t seq, std::string_view value)>& fn,
                 std::string_view from = "");

// The stored values (summaries) of an index under one value, or under every
// value when `value` is empty, in key order.
Result<std::vector<std::string>> IndexValues(const StateView& state, std::string_view index,
                                             std::string_view value);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_INDEX_H_
