// Checks on the federation events (receipts.h): registering the node that
// speaks for a party, and the receipts nodes record from each other's logs.
//
// Seed 000 §11: the parties "use agreed, secure methods for communicating
// such information"; §13: "the secure online account used to receive data
// from Ofsted will be frequently monitored". A receipt in the recipient's
// own signed log is the record that the agreed channel delivered; its
// absence is what the sender's SIRO needs to see.
#include "policies/receipts.h"

#include <boost/json/serialize.hpp>

#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

constexpr char kSeed000[] = "000_1b487c77bcc4859b.txt";

Cite ReceiptCite() {
  return Cite{kSeed000, "§13",
              "the secure online account used to receive data from Ofsted will be frequently "
              "monitored and efficiently maintained"};
}

Cite ChannelCite() {
  return Cite{kSeed000, "§11", "use agreed, secure methods for communicating such information"};
}

// The registered peer named by body.peer, which must not be the node's own
// party (a node does not receive from itself).
Result<json::object> NeedPeer(const Proposal& p, const World& w) {
  ST_ASSIGN_OR_RETURN(json::object peer,
                      w.Need(keys::Peer(p.Body("peer")), "body.peer", "peer", p.Body("peer")));
  if (p.Body("peer") == p.party) {
    return InvalidArgument("body.peer: \"" + p.party + "\" is this node's own party");
  }
  return peer;
}

// The evidence, or a refusal naming what does not hold: a receipt that its
// peer's signed log does not bear out is recorded as refused, not dropped.
Result<std::optional<LogEvidence>> Evidence(const Proposal& p, const json::object& peer,
                                            Decision* d) {
  auto ev = CheckEvidence(p.body, Str(peer, "origin"), Str(peer, "vkey"));
  if (!ev.ok()) {
    d->Refuse(
        "receipt.evidence", ChannelCite(),
        "the entry is not shown to be in " + p.Body("peer") + "'s log: " + ev.status().message());
    return std::optional<LogEvidence>();
  }
  if (Str(ev->entry.event.actor, "party") != p.Body("peer")) {
    d->Refuse("receipt.evidence", ChannelCite(),
              "entry " + std::to_string(ev->entry.seq) + " of " + p.Body("peer") +
                  "'s log was recorded by " + Str(ev->entry.event.actor, "party") + ", not by " +
                  p.Body("peer"));
    return std::optional<LogEvidence>();
  }
  return std::optional<LogEvidence>(std::move(*ev));
}

}  // namespace

Status CheckPeerRegistered(const Proposal& p, const World& w, Decision* /*d*/) {
  ST_RETURN_IF_ERROR(
      w.Need(keys::Party(p.Body("party")), "body.party", "party", p.Body("party")).status());
  auto key = NoteVerifier::FromVkey(p.Body("vkey"));
  if (!key.ok()) return InvalidArgument("body.vkey: " + key.status().message());
  if (p.Body("origin").find_first_of(" \t\n") != std::string::npos) {
    return InvalidArgument("body.origin: a checkpoint origin has no whitespace");
  }
  return Status::Ok();
}

Status CheckShareReceived(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object peer, NeedPeer(p, w));
  ST_ASSIGN_OR_RETURN(std::optional<LogEvidence> ev, Evidence(p, peer, d));
  if (!ev) return Status::Ok();
  const Entry& e = ev->entry;
  if (e.event.type != "share") {
    d->Refuse("receipt.evidence", ChannelCite(),
              "entry " + std::to_string(e.seq) + " of " + p.Body("peer") + "'s log is a \"" +
                  e.event.type + "\", not a share");
    return Status::Ok();
  }
  if (Str(e.event.body, "to") != p.party) {
    d->Refuse("scope.party", ReceiptCite(),
              p.user + " speaks for " + p.party + " and cannot acknowledge a share to " +
                  Str(e.event.body, "to"));
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(auto done, w.Record(keys::Receipt(p.Body("peer"), e.seq)));
  if (done) {
    return InvalidArgument("body.entry: share " + std::to_string(e.seq) + " of " + p.Body("peer") +
                           " was already received at seq " + json::serialize(done->at("seq")));
  }
  return Status::Ok();
}

Status CheckShareAcknowledged(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object peer, NeedPeer(p, w));
  ST_ASSIGN_OR_RETURN(std::optional<LogEvidence> ev, Evidence(p, peer, d));
  if (!ev) return Status::Ok();
  const json::object& receipt = ev->entry.event.body;
  const json::object* ours = Member(receipt, "entry");
  if (ev->entry.event.type != "share.received" || ours == nullptr ||
      Str(receipt, "peer") != p.party) {
    d->Refuse("receipt.evidence", ChannelCite(),
              "entry " + std::to_string(ev->entry.seq) + " of " + p.Body("peer") +
                  "'s log is not a receipt of a share by " + p.party);
    return Status::Ok();
  }
  // The share it acknowledges must be ours exactly: same seq, time and body.
  ST_ASSIGN_OR_RETURN(std::string shared_bytes, Canonicalize(json::value(*ours)));
  auto shared = DecodeEntry(shared_bytes);
  std::optional<json::object> sent;
  std::string digest;
  if (shared.ok()) {
    ST_ASSIGN_OR_RETURN(sent, w.Record(keys::Sent(shared->seq)));
    ST_ASSIGN_OR_RETURN(std::string body_bytes, Canonicalize(json::value(shared->event.body)));
    digest = Sha256Hex(body_bytes);
  }
  if (!sent || Str(*sent, "time") != shared->time || Str(*sent, "digest") != digest) {
    d->Refuse("receipt.evidence", ChannelCite(),
              "the receipt at " + p.Body("peer") + " seq " + std::to_string(ev->entry.seq) +
                  " is not of a share recorded on this ledger");
    return Status::Ok();
  }
  if (Str(*sent, "to") != p.Body("peer")) {
    d->Refuse("scope.party", ReceiptCite(),
              "share " + std::to_string(shared->seq) + " was made to " + Str(*sent, "to") +
                  ", not to " + p.Body("peer"));
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(auto done, w.Record(keys::Ack(shared->seq)));
  if (done) {
    return InvalidArgument("body.entry: share " + std::to_string(shared->seq) +
                           " was already acknowledged at seq " + json::serialize(done->at("seq")));
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
