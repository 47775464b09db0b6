// Share receipts between nodes (issue 12). When each body runs its own node,
// a share party A records to party B sits in A's log only. B's node, which
// follows A's log, records `share.received`: A's share entry itself, its
// inclusion proof and A's signed checkpoint. A's node, following B's log,
// records `share.acknowledged`: B's receipt entry with B's proof and
// checkpoint. Both are "log evidence": an entry of a peer's log shown to be
// in it. Neither side can claim what the other's signed log does not hold.
//
// Invariants:
//   - the engine checks evidence against the peer's key as registered on
//     this ledger (`peer.registered`), never against a key in the body;
//   - the entry is carried as its JSON object: it is canonical JSON, so
//     re-encoding it gives back exactly the bytes its leaf hash covers;
//   - a node acknowledges only shares made to its own party, and records
//     each receipt once (keys receipt/<peer>/<seq> and ack/<seq>).
#ifndef SHARETRAIL_POLICIES_RECEIPTS_H_
#define SHARETRAIL_POLICIES_RECEIPTS_H_

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/entry.h"
#include "ledger/note.h"
#include "ledger/proof.h"
#include "ledger/state.h"
#include "policies/table.h"

namespace sharetrail::policy {

// A peer's entry proven to be in its log.
struct LogEvidence {
  Entry entry;
  std::string bytes;  // canonical entry bytes
  Checkpoint checkpoint;
};

// The body of a share.received or share.acknowledged event.
boost::json::object EvidenceBody(std::string_view peer, const boost::json::object& entry,
                                 const InclusionProof& proof, std::string_view checkpoint_note);

// Checks body.entry, body.proof and body.checkpoint: the checkpoint is signed
// by vkey and names origin, the entry is a well-formed canonical entry whose
// leaf hash and seq are those the proof proves under the checkpoint's root.
// An error says which of these fails (callers decide it is a refusal).
Result<LogEvidence> CheckEvidence(const boost::json::object& body, std::string_view origin,
                                  std::string_view vkey);

// What a node should record for one entry of a peer's log: "share.received"
// for an allowed share to the party the node speaks for, "share.acknowledged"
// for the peer's receipt of one of our shares, or nothing. Already recorded
// ones are nothing, so following a log again from the start is harmless.
Result<std::optional<std::string>> ReceiptFor(const StateView& state, std::string_view own_party,
                                              std::string_view peer, const Entry& entry);

// The registered peers: party, origin, vkey, url, and the seq that
// registered each (the latest registration of a party is the one in force).
Result<Table> Peers(const StateView& state);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_RECEIPTS_H_
