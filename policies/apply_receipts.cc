// Engine::Apply for the federation events (receipts.h): peers, the shares
// this ledger sent (so an acknowledgement can be matched to one), receipts
// of peers' shares, acknowledgements of ours, and which inconsistent
// checkpoints this node's witness has recorded (each once).
#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "ledger/note.h"
#include "policies/engine.h"
#include "policies/index.h"
#include "policies/world.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Status Put(StateWriter* state, const std::string& key, const json::object& record) {
  ST_ASSIGN_OR_RETURN(std::string bytes, Canonicalize(record));
  return state->Put(key, bytes);
}

Status Index(StateWriter* state, std::string_view index, std::string_view value, uint64_t seq,
             std::string_view summary = "") {
  if (value.empty()) return Status::Ok();
  return state->Put(IndexKey(index, value, seq), summary);
}

// The origin line of the evidence's checkpoint (the engine checked it).
std::string OriginOf(const json::object& body) {
  auto note = Note::Parse(Str(body, "checkpoint"));
  if (!note.ok()) return "";
  auto cp = Checkpoint::Parse(note->text);
  return cp.ok() ? cp->origin : "";
}

const json::object& EmptyObject() {
  static const json::object kEmpty;
  return kEmpty;
}

const json::object& ObjectAt(const json::object& o, std::string_view key) {
  const json::object* m = Member(o, key);
  return m != nullptr ? *m : EmptyObject();
}

uint64_t SeqOf(const json::object& entry) {
  const json::value* v = entry.if_contains("seq");
  return v != nullptr && v->is_uint64() ? v->as_uint64()
         : v != nullptr && v->is_int64() && v->as_int64() >= 0
             ? static_cast<uint64_t>(v->as_int64())
             : 0;
}

Status ApplyReceived(const Entry& entry, const json::object& body, StateWriter* state) {
  const std::string peer = Str(body, "peer");
  const json::object& share = ObjectAt(body, "entry");
  const json::object& sb = ObjectAt(share, "body");
  const std::string origin = OriginOf(body);
  const uint64_t seq = entry.seq;
  ST_RETURN_IF_ERROR(Put(state, keys::Receipt(peer, SeqOf(share)),
                         json::object{{"seq", seq}, {"origin", origin}}));
  // The share as shared-with shows it on the recipient's side: the sender's
  // time and terms, and where in whose log it is.
  json::object summary{{"from", peer},
                       {"to", Str(sb, "to")},
                       {"items", sb.contains("items") ? sb.at("items") : json::array()},
                       {"agreement", Str(sb, "agreement")},
                       {"purpose", Str(sb, "purpose")},
                       {"categories", json::array()},
                       {"time", Str(share, "time")},
                       {"received", json::object{{"origin", origin}, {"seq", SeqOf(share)}}}};
  ST_ASSIGN_OR_RETURN(std::string s, Canonicalize(summary));
  const std::string day = entry.time.substr(0, 10);
  ST_RETURN_IF_ERROR(Index(state, "party", peer, seq));
  ST_RETURN_IF_ERROR(Index(state, "share.party", peer + "/" + day, seq, s));
  ST_RETURN_IF_ERROR(Index(state, "share.party", Str(sb, "to") + "/" + day, seq, s));
  ST_RETURN_IF_ERROR(Index(state, "share.agreement", Str(sb, "agreement") + "/" + day, seq, s));
  for (const std::string& i : List(sb, "items")) {
    ST_RETURN_IF_ERROR(Index(state, "item", i, seq));
    ST_RETURN_IF_ERROR(Index(state, "share.item", i, seq, s));
  }
  return Status::Ok();
}

Status ApplyAcknowledged(const Entry& entry, const json::object& body, StateWriter* state) {
  const std::string peer = Str(body, "peer");
  const json::object& receipt = ObjectAt(body, "entry");
  const json::object& ours = ObjectAt(ObjectAt(receipt, "body"), "entry");
  ST_RETURN_IF_ERROR(Put(state, keys::Ack(SeqOf(ours)),
                         json::object{{"seq", entry.seq},
                                      {"peer", peer},
                                      {"origin", OriginOf(body)},
                                      {"receipt", SeqOf(receipt)}}));
  ST_RETURN_IF_ERROR(Index(state, "party", peer, entry.seq));
  for (const std::string& i : List(ObjectAt(ours, "body"), "items")) {
    ST_RETURN_IF_ERROR(Index(state, "item", i, entry.seq));
  }
  return Status::Ok();
}

}  // namespace

Status ApplyReceipts(const Entry& entry, const json::object& body, StateWriter* state) {
  const std::string& t = entry.event.type;
  if (t == "share") {
    ST_ASSIGN_OR_RETURN(std::string bytes, Canonicalize(json::value(body)));
    return Put(
        state, keys::Sent(entry.seq),
        json::object{{"to", Str(body, "to")}, {"time", entry.time}, {"digest", Sha256Hex(bytes)}});
  }
  if (t == "peer.registered") {
    json::object rec{{"seq", entry.seq}, {"origin", body.at("origin")}, {"vkey", body.at("vkey")}};
    if (body.contains("url")) rec["url"] = body.at("url");
    return Put(state, keys::Peer(Str(body, "party")), rec);
  }
  if (t == "witness.refused") {
    return Put(
        state,
        keys::WitnessRefusal(Str(body, "origin"), body.at("size").as_int64(), Str(body, "root")),
        json::object{{"seq", entry.seq}});
  }
  if (t == "share.received") return ApplyReceived(entry, body, state);
  if (t == "share.acknowledged") return ApplyAcknowledged(entry, body, state);
  return Status::Ok();
}

}  // namespace sharetrail::policy
