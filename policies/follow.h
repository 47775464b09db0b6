// Following a peer's log (issue 12): reads each new entry of a verified copy
// of another node's log (a mirror, ledger/mirror.h) and records, as this
// node's service account, the receipts receipts.h describes, with the
// evidence taken from the copy: the entry, its inclusion proof and the
// peer's signed checkpoint at the copy's size.
//
// Invariants:
//   - the copy is only read; what is recorded goes through the engine like
//     any proposal, so a receipt the evidence does not bear out is refused
//     and recorded, never silently skipped;
//   - following from any position, again and again, records each receipt
//     once (ReceiptFor skips what the state already has).
#ifndef SHARETRAIL_POLICIES_FOLLOW_H_
#define SHARETRAIL_POLICIES_FOLLOW_H_

#include <cstdint>
#include <string>

#include "ledger/ledger.h"

namespace sharetrail::policy {

struct FollowResult {
  uint64_t next = 0;  // the first seq not yet read (the copy's size)
  uint64_t received = 0, acknowledged = 0, refused = 0;
};

// Reads peer_log's entries [from, size) and records what they call for on
// own, acting as node_user (a user holding the "node" role). peer is the
// party peer_log speaks for, as registered with peer.registered on own.
Result<FollowResult> FollowPeer(Ledger& own, const std::string& node_user, const std::string& peer,
                                const Ledger& peer_log, uint64_t from);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_FOLLOW_H_
