#include "policies/receipts.h"

#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "policies/world.h"

namespace sharetrail::policy {
namespace json = boost::json;

json::object EvidenceBody(std::string_view peer, const json::object& entry,
                          const InclusionProof& proof, std::string_view checkpoint_note) {
  return json::object{
      {"peer", peer}, {"entry", entry}, {"proof", proof.ToJson()}, {"checkpoint", checkpoint_note}};
}

Result<LogEvidence> CheckEvidence(const json::object& body, std::string_view origin,
                                  std::string_view vkey) {
  const json::object* entry = Member(body, "entry");
  const json::object* proof_json = Member(body, "proof");
  if (entry == nullptr) return InvalidArgument("body.entry: expected the peer's entry object");
  if (proof_json == nullptr) return InvalidArgument("body.proof: expected an inclusion proof");
  ST_ASSIGN_OR_RETURN(NoteVerifier key, NoteVerifier::FromVkey(vkey));
  auto note = OpenNote(Str(body, "checkpoint"), {key});
  if (!note.ok()) {
    return InvalidArgument("body.checkpoint: not signed by the peer's registered key " +
                           key.name() + ": " + note.status().message());
  }
  LogEvidence ev;
  ST_ASSIGN_OR_RETURN(ev.checkpoint, Checkpoint::Parse(note->text));
  if (ev.checkpoint.origin != origin) {
    return InvalidArgument("body.checkpoint: origin \"" + ev.checkpoint.origin +
                           "\" is not the peer's registered origin \"" + std::string(origin) +
                           "\"");
  }
  ST_ASSIGN_OR_RETURN(ev.bytes, Canonicalize(json::value(*entry)));
  auto decoded = DecodeEntry(ev.bytes);
  if (!decoded.ok()) {
    return InvalidArgument("body.entry: not a ledger entry: " + decoded.status().message());
  }
  ev.entry = std::move(*decoded);
  auto proof = InclusionProof::FromJson(json::value(*proof_json));
  if (!proof.ok()) return InvalidArgument("body.proof: " + proof.status().message());
  if (proof->leaf_hash != LeafHash(ev.bytes)) {
    return InvalidArgument("body.proof: its leaf hash is not the hash of body.entry");
  }
  if (proof->leaf_index != ev.entry.seq) {
    return InvalidArgument("body.proof: proves leaf " + std::to_string(proof->leaf_index) +
                           ", but the entry is seq " + std::to_string(ev.entry.seq));
  }
  if (proof->tree_size != ev.checkpoint.size) {
    return InvalidArgument("body.proof: for tree size " + std::to_string(proof->tree_size) +
                           ", but the checkpoint is of size " + std::to_string(ev.checkpoint.size));
  }
  Status in = proof->Verify(ev.checkpoint.root);
  if (!in.ok()) {
    return InvalidArgument("body.proof: does not prove the entry under the checkpoint's root: " +
                           in.message());
  }
  return ev;
}

Result<std::optional<std::string>> ReceiptFor(const StateView& state, std::string_view own_party,
                                              std::string_view peer, const Entry& entry) {
  const json::object& body = entry.event.body;
  std::string by = Str(entry.event.actor, "party");
  if (by != peer) return std::optional<std::string>();
  if (entry.event.type == "share" && Str(body, "to") == own_party) {
    ST_ASSIGN_OR_RETURN(auto done, state.Get(keys::Receipt(peer, entry.seq)));
    if (!done) return std::optional<std::string>("share.received");
  }
  if (entry.event.type == "share.received" && Str(body, "peer") == own_party) {
    const json::object* ours = Member(body, "entry");
    const json::value* seq = ours == nullptr ? nullptr : ours->if_contains("seq");
    if (seq != nullptr && (seq->is_uint64() || (seq->is_int64() && seq->as_int64() >= 0))) {
      uint64_t n = seq->is_uint64() ? seq->as_uint64() : static_cast<uint64_t>(seq->as_int64());
      ST_ASSIGN_OR_RETURN(auto done, state.Get(keys::Ack(n)));
      if (!done) return std::optional<std::string>("share.acknowledged");
    }
  }
  return std::optional<std::string>();
}

Result<Table> Peers(const StateView& state) {
  Table t;
  t.columns = {"party", "origin", "vkey", "url", "seq"};
  Status bad;
  ST_RETURN_IF_ERROR(state.Scan("peer/", "", [&](std::string_view key, std::string_view value) {
    auto rec = ParseStrict(value);
    if (!rec.ok() || !rec->is_object()) {
      bad = Corruption("state record " + std::string(key) + " is not a JSON object");
      return false;
    }
    json::object row = std::move(rec->as_object());
    row["party"] = key.substr(5);
    t.rows.push_back(std::move(row));
    return true;
  }));
  ST_RETURN_IF_ERROR(bad);
  return t;
}

}  // namespace sharetrail::policy
