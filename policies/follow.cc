#include "policies/follow.h"

#include <boost/json/parse.hpp>

#include "ledger/canonical_json.h"
#include "policies/receipts.h"
#include "policies/world.h"

namespace sharetrail::policy {
namespace json = boost::json;

Result<FollowResult> FollowPeer(Ledger& own, const std::string& node_user, const std::string& peer,
                                const Ledger& peer_log, uint64_t from) {
  std::string party;
  std::string origin;
  {
    ST_ASSIGN_OR_RETURN(auto snap, own.Read());
    ST_ASSIGN_OR_RETURN(auto user, snap->Get(keys::User(node_user)));
    if (!user) return NotFound("node user \"" + node_user + "\" is not registered on this ledger");
    ST_ASSIGN_OR_RETURN(json::value u, ParseStrict(*user));
    party = Str(u.as_object(), "party");
    ST_ASSIGN_OR_RETURN(auto rec, snap->Get(keys::Peer(peer)));
    if (!rec) return NotFound("peer \"" + peer + "\" is not registered on this ledger");
    ST_ASSIGN_OR_RETURN(json::value p, ParseStrict(*rec));
    origin = Str(p.as_object(), "origin");
  }
  if (peer_log.origin() != origin) {
    return InvalidArgument("the copy at " + peer_log.dir() + " is of \"" + peer_log.origin() +
                           "\", not of " + peer + "'s log \"" + origin + "\"");
  }
  // One checkpoint for the whole pass: every proof is against the same root.
  ST_ASSIGN_OR_RETURN(std::string note, peer_log.SignedCheckpoint());
  ST_ASSIGN_OR_RETURN(Note parsed, Note::Parse(note));
  ST_ASSIGN_OR_RETURN(Checkpoint cp, Checkpoint::Parse(parsed.text));
  FollowResult out;
  out.next = std::max(from, cp.size);
  for (uint64_t seq = from; seq < cp.size; ++seq) {
    ST_ASSIGN_OR_RETURN(std::string bytes, peer_log.EntryBytes(seq));
    auto entry = DecodeEntry(bytes);
    if (!entry.ok()) {
      return Corruption(peer + "'s log, seq " + std::to_string(seq) + ": " +
                        entry.status().message());
    }
    std::optional<std::string> type;
    {
      ST_ASSIGN_OR_RETURN(auto snap, own.Read());
      ST_ASSIGN_OR_RETURN(type, ReceiptFor(*snap, party, peer, *entry));
    }
    if (!type) continue;
    ST_ASSIGN_OR_RETURN(InclusionProof proof, peer_log.ProveInclusion(seq, cp.size));
    ST_ASSIGN_OR_RETURN(json::value ev, ParseStrict(bytes));
    Event event{json::object{{"user", node_user}}, *type,
                EvidenceBody(peer, ev.as_object(), proof, note)};
    ST_ASSIGN_OR_RETURN(AppendResult r, own.Append(event));
    ST_ASSIGN_OR_RETURN(json::value outcome, ParseStrict(r.outcome));
    if (Str(outcome.as_object(), "type") == "refused") {
      ++out.refused;
    } else if (*type == "share.received") {
      ++out.received;
    } else {
      ++out.acknowledged;
    }
  }
  return out;
}

}  // namespace sharetrail::policy
