#include "api/witness_submitter.h"

#include <chrono>
#include <utility>

#include "ledger/cosigned_store.h"
#include "ledger/files.h"
#include "ledger/witness.h"

namespace sharetrail::api {
namespace {

// Rounds per wake-up: a 409 costs one more (the retry at the size learnt);
// a witness that keeps answering 409 differently is misbehaving, and we
// stop until the next commit or poll.
constexpr int kMaxAttempts = 3;

Result<uint64_t> ParseSize(std::string body) {
  if (body.empty() || body.back() != '\n') return InvalidArgument("size answer lacks a newline");
  body.pop_back();
  uint64_t v = 0;
  if (body.empty() || body.size() > 20) return InvalidArgument("size answer is not a number");
  for (char c : body) {
    if (c < '0' || c > '9') return InvalidArgument("size answer is not a number");
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

struct WitnessSubmitter::Peer {
  PolicyWitness witness;
  Url url;
  // Guarded by WitnessSubmitter::mu_.
  uint64_t known_size = 0;
  std::string note;  // latest cosigned note (checkpoint + this witness's line)
  std::string text;  // its checkpoint text
  uint64_t note_size = 0;
  std::string last_error;
  // A checkpoint the witness refused (403, 404, 422, a root conflict): not
  // offered again, as the answer will not change and each refusal of an
  // inconsistent one is recorded on the witness's ledger.
  std::string refused_text;
  uint64_t seen_generation = 0;
};

WitnessSubmitter::WitnessSubmitter(const Ledger& ledger, WitnessPolicy policy,
                                   SubmitterOptions options)
    : ledger_(ledger), policy_(std::move(policy)), options_(std::move(options)) {}

Result<std::unique_ptr<WitnessSubmitter>> WitnessSubmitter::Start(const Ledger& ledger,
                                                                  WitnessPolicy policy,
                                                                  SubmitterOptions options) {
  std::unique_ptr<WitnessSubmitter> s(
      new WitnessSubmitter(ledger, std::move(policy), std::move(options)));
  for (const PolicyWitness& w : s->policy_.witnesses()) {
    if (w.url.empty()) continue;  // a verify-only entry
    auto peer = std::make_unique<Peer>();
    peer->witness = w;
    ST_ASSIGN_OR_RETURN(peer->url, Url::Parse(w.url));
    peer->url = peer->url.Join("add-checkpoint");
    Result<std::string> kept = ReadFile(CosignedNotePath(ledger.dir(), w.name));
    if (kept.ok()) {
      // Our own file, but re-verified: a note we serve must carry a valid
      // cosignature by this witness's key as the policy has it now.
      Result<Note> n = Note::Parse(*kept);
      Result<std::vector<Cosignature>> c =
          n.ok() ? OpenCosignatures(*n, {w.key}) : Result<std::vector<Cosignature>>(n.status());
      Result<Checkpoint> cp = n.ok() ? Checkpoint::Parse(n->text) : Result<Checkpoint>(n.status());
      if (c.ok() && !c->empty() && cp.ok() && cp->origin == ledger.origin()) {
        peer->note = *kept;
        peer->text = n->text;
        peer->note_size = cp->size;
        peer->known_size = cp->size;
      }
    } else if (kept.status().code() != Code::kNotFound) {
      return kept.status();
    }
    s->peers_.push_back(std::move(peer));
  }
  for (auto& p : s->peers_) s->threads_.emplace_back([&s = *s, &p = *p] { s.Run(p); });
  return s;
}

WitnessSubmitter::~WitnessSubmitter() { Stop(); }

void WitnessSubmitter::Notify() {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  cv_.notify_all();
}

void WitnessSubmitter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    cv_.notify_all();
  }
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void WitnessSubmitter::Run(Peer& peer) {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    lock.unlock();
    Round(peer);
    lock.lock();
    cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms),
                 [&] { return stop_ || generation_ != peer.seen_generation; });
    peer.seen_generation = generation_;
  }
}

void WitnessSubmitter::Round(Peer& peer) {
  auto fail = [&](const std::string& why) {
    std::lock_guard<std::mutex> lock(mu_);
    peer.last_error = why;
  };
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    Result<std::string> latest = ledger_.SignedCheckpoint();
    if (!latest.ok()) return fail(latest.status().message());
    Result<Note> note = Note::Parse(*latest);
    if (!note.ok()) return fail(note.status().message());
    Result<Checkpoint> cp = Checkpoint::Parse(note->text);
    if (!cp.ok()) return fail(cp.status().message());
    uint64_t known;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (peer.text == note->text || peer.refused_text == note->text || stop_) return;
      known = peer.known_size;
    }
    if (known > cp->size) {
      return fail("the witness has cosigned size " + std::to_string(known) +
                  ", larger than this ledger's " + std::to_string(cp->size));
    }
    AddCheckpointRequest req;
    req.old_size = known;
    req.note = *latest;
    if (known > 0 && known < cp->size) {
      Result<ConsistencyProof> proof = ledger_.ProveConsistency(known, cp->size);
      if (!proof.ok()) return fail(proof.status().message());
      req.proof = proof->hashes;
    }
    Result<ClientResponse> r = Fetch("POST", peer.url, req.Format(), "text/plain", options_.http);
    if (!r.ok()) return fail(r.status().message());
    if (r->status == 409 && r->content_type.starts_with("text/x.tlog.size")) {
      Result<uint64_t> size = ParseSize(r->body);
      if (!size.ok()) return fail("409: " + size.status().message());
      std::lock_guard<std::mutex> lock(mu_);
      peer.known_size = *size;
      continue;
    }
    if (r->status != 200) {
      if (r->status >= 400 && r->status < 500 && r->status != 429) {
        std::lock_guard<std::mutex> lock(mu_);
        peer.refused_text = note->text;
      }
      return fail("HTTP " + std::to_string(r->status) + ": " + r->body.substr(0, 300));
    }
    // The answer is signature lines; keep only this witness's valid one.
    Result<Note> cosigned = Note::Parse(note->text + "\n" + r->body);
    if (!cosigned.ok()) return fail("answer: " + cosigned.status().message());
    Result<std::vector<Cosignature>> cosigs = OpenCosignatures(*cosigned, {peer.witness.key});
    if (!cosigs.ok()) return fail("answer: " + cosigs.status().message());
    if (cosigs->empty()) return fail("answer: no cosignature by " + peer.witness.name);
    std::string kept = Note{note->text, {cosigs->front().line}}.Format();
    if (sharetrail::Status s = KeepCosignedNote(ledger_.dir(), peer.witness.name, kept); !s.ok()) {
      return fail(s.message());
    }
    std::lock_guard<std::mutex> lock(mu_);
    peer.known_size = cp->size;
    peer.note = std::move(kept);
    peer.text = note->text;
    peer.note_size = cp->size;
    peer.last_error.clear();
    return;
  }
  fail("the witness answered 409 " + std::to_string(kMaxAttempts) + " times in a row");
}

Result<std::string> WitnessSubmitter::Published() const {
  ST_ASSIGN_OR_RETURN(std::string latest, ledger_.SignedCheckpoint());
  ST_ASSIGN_OR_RETURN(Note note, Note::Parse(latest));
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& p : peers_) {
    if (p->text != note.text) continue;
    Result<Note> kept = Note::Parse(p->note);
    if (!kept.ok()) continue;
    for (const NoteSignature& s : kept->signatures) {
      if (p->witness.key.Matches(s)) note.signatures.push_back(s);
    }
  }
  return note.Format();
}

std::vector<std::pair<std::string, std::string>> WitnessSubmitter::CosignedNotes() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : peers_) out.emplace_back(p->witness.name, p->note);
  return out;
}

std::vector<WitnessStatus> WitnessSubmitter::Status() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<WitnessStatus> out;
  for (const auto& p : peers_) {
    out.push_back(WitnessStatus{p->witness.name, p->known_size, p->note_size, p->last_error});
  }
  return out;
}

}  // namespace sharetrail::api
