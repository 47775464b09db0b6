#include "ledger/verify.h"

#include <cstring>
#include <map>
#include <thread>

#include "ledger/txn_nodes.h"

namespace sharetrail {
namespace {

constexpr uint64_t kProgressEvery = 1 << 16;
// Entries hashed per parallel step: big enough to amortise a thread start,
// small enough that the views and hashes stay in cache.
constexpr size_t kChunk = 8192;

struct Finding {
  std::optional<uint64_t> seq;
  std::string problem;
};

std::string Where(uint64_t seq) { return "seq " + std::to_string(seq) + ": "; }

// Signed checkpoints by size: retained history plus the latest.
Result<std::map<uint64_t, Checkpoint>> LoadCheckpoints(const ReadTxn& txn, const Ledger& ledger,
                                                       const VerifyOptions& options,
                                                       const NoteVerifier& verifier, Finding* bad) {
  std::map<uint64_t, Checkpoint> out;
  auto check = [&](std::string_view note, const std::string& label) -> bool {
    auto opened = OpenNote(note, {verifier});
    if (!opened.ok()) {
      bad->problem = label + ": signature does not verify: " + opened.status().message();
      return false;
    }
    auto cp = Checkpoint::Parse(opened->text);
    if (!cp.ok()) {
      bad->problem = label + ": " + cp.status().message();
      return false;
    }
    if (cp->origin != ledger.origin()) {
      bad->problem = label + ": origin \"" + cp->origin + "\" is not this ledger's";
      return false;
    }
    out[cp->size] = *cp;
    return true;
  };
  auto cursor = txn.OpenCursor(Table::kCheckpoints);
  if (!cursor) return IOError("cannot open checkpoints cursor");
  ST_RETURN_IF_ERROR(cursor->SeekFirst());
  while (cursor->Valid()) {
    ST_ASSIGN_OR_RETURN(uint64_t key, U64Key::Decode(cursor->key()));
    std::string label = "retained checkpoint " + std::to_string(key);
    if (!check(cursor->value(), label)) return out;
    if (!out.count(key)) {
      bad->problem = label + ": stored under the wrong size";
      return out;
    }
    ST_RETURN_IF_ERROR(cursor->Next());
  }
  auto latest = txn.Get(Table::kMeta, "checkpoint");
  if (!latest.ok()) {
    bad->problem = "latest checkpoint missing";
    return out;
  }
  if (!check(*latest, "latest checkpoint")) return out;
  for (const std::string& note : options.kept_checkpoints) {
    auto opened = OpenNote(note, {verifier});
    auto cp = opened.ok() ? Checkpoint::Parse(opened->text) : opened.status();
    std::string label = "kept checkpoint" + (cp.ok() ? " " + std::to_string(cp->size) : "");
    auto same_size = cp.ok() ? out.find(cp->size) : out.end();
    if (same_size != out.end() && same_size->second.root != cp->root) {
      // Ed25519 is deterministic and one size has one root: two signed
      // roots for a size are proof that the log was forked.
      bad->problem = label + ": its root differs from the stored checkpoint of that size (a fork)";
      return out;
    }
    if (!check(note, label)) return out;
  }
  return out;
}

// What can be computed for an entry without knowing its neighbours: the
// work verify spreads over two threads.
struct Hashed {
  Hash leaf;
  Result<EntryTail> tail = Corruption("not read");
  Status deep;
};

void HashRange(const std::vector<std::string_view>& views, size_t begin, size_t end, bool deep,
               std::vector<Hashed>* out) {
  for (size_t i = begin; i < end; ++i) {
    Hashed& h = (*out)[i];
    h.leaf = LeafHash(views[i]);
    h.tail = ReadEntryTail(views[i]);
    if (deep) h.deep = DecodeEntry(views[i]).status();
  }
}

// One pass over entries and nodes in lockstep. Leaf hashing and tail parsing
// of a chunk run on two threads over views into the snapshot's memory map
// (valid while the read transaction lives); chaining, the frontier and the
// node comparison are sequential.
class Scan {
 public:
  Scan(const ReadTxn& txn, const std::map<uint64_t, Checkpoint>& checkpoints,
       const VerifyOptions& options, VerifyReport* report, Finding* bad)
      : txn_(txn), checkpoints_(checkpoints), options_(options), report_(report), bad_(bad) {}

  // Returns an error only if the store cannot be read; findings go to *bad.
  Status Run(uint64_t size) {
    size_ = size;
    auto entries = txn_.OpenCursor(Table::kEntries);
    nodes_ = txn_.OpenCursor(Table::kNodes);
    if (!entries || !nodes_) return IOError("cannot open cursors");
    ST_RETURN_IF_ERROR(entries->SeekFirst());
    ST_RETURN_IF_ERROR(nodes_->SeekFirst());
    next_cp_ = checkpoints_.begin();
    if (next_cp_ != checkpoints_.end() && next_cp_->first == 0) {
      if (next_cp_->second.root != EmptyTreeHash()) {
        bad_->problem = "checkpoint 0: root is not the empty tree hash";
        return Status::Ok();
      }
      ++next_cp_;
    }
    std::vector<std::string_view> views;
    std::vector<Hashed> hashed(kChunk);
    for (uint64_t base = 0; base < size;) {
      views.clear();
      while (views.size() < kChunk && base + views.size() < size) {
        uint64_t seq = base + views.size();
        auto key =
            entries->Valid() ? U64Key::Decode(entries->key()) : Result<uint64_t>(NotFound(""));
        if (!key.ok() || *key != seq) break;  // reported in order below
        views.push_back(entries->value());
        ST_RETURN_IF_ERROR(entries->Next());
      }
      size_t n = views.size(), half = n / 2;
      std::thread helper([&] { HashRange(views, half, n, options_.deep, &hashed); });
      HashRange(views, 0, half, options_.deep, &hashed);
      helper.join();
      for (size_t i = 0; i < n; ++i) {
        ST_RETURN_IF_ERROR(Check(base + i, hashed[i]));
        if (!bad_->problem.empty()) return Status::Ok();
      }
      base += n;
      if (n < kChunk && base < size) {
        bad_->seq = base;
        bad_->problem =
            Where(base) + "entry missing (the next stored key is not " + std::to_string(base) + ")";
        return Status::Ok();
      }
    }
    if (entries->Valid()) {
      bad_->problem = "entries stored beyond the tree size " + std::to_string(size);
    } else if (nodes_->Valid()) {
      bad_->problem = "tree nodes stored beyond the tree of size " + std::to_string(size);
    }
    report_->root = frontier_.Root();
    return Status::Ok();
  }

 private:
  // Records a finding; the scan stops at the first one.
  Status Found(uint64_t seq, std::string what) {
    bad_->seq = seq;
    bad_->problem = Where(seq) + what;
    return Status::Ok();
  }

  Status Check(uint64_t seq, const Hashed& h) {
    if (!h.tail.ok()) return Found(seq, h.tail.status().message());
    const EntryTail& tail = *h.tail;
    if (tail.seq != seq) return Found(seq, "entry says seq " + std::to_string(tail.seq));
    if (tail.prev != prev_) {
      return Found(seq, "prev does not match the hash of entry " +
                            (seq ? std::to_string(seq - 1) : std::string("-1 (must be zero)")));
    }
    if (tail.time < last_time_) {
      return Found(seq, "time " + std::string(tail.time) + " is before the previous entry's");
    }
    if (!h.deep.ok()) return Found(seq, h.deep.message());
    last_time_ = tail.time;
    prev_ = h.leaf;
    made_.clear();
    frontier_.Append(h.leaf, &made_);
    for (const auto& n : made_) {
      bool match = nodes_->Valid() &&
                   nodes_->key() == std::string_view(U64Key(NodeId(n.level, n.index))) &&
                   nodes_->value() == AsBytes(n.hash);
      if (!match) {
        return Found(seq, n.level == 0
                              ? std::string("entry bytes do not match the stored leaf hash")
                              : "stored tree node (level " + std::to_string(n.level) + ", index " +
                                    std::to_string(n.index) + ") does not match the entries");
      }
      ++report_->nodes;
      ST_RETURN_IF_ERROR(nodes_->Next());
    }
    ++report_->entries;
    if (next_cp_ != checkpoints_.end() && next_cp_->first == seq + 1) {
      if (frontier_.Root() != next_cp_->second.root) {
        bad_->seq = seq;
        bad_->problem = "checkpoint " + std::to_string(seq + 1) +
                        ": signed root does not match the stored entries (an entry at or below "
                        "seq " +
                        std::to_string(seq) + " was rewritten together with its tree nodes)";
        return Status::Ok();
      }
      ++next_cp_;
    }
    if (options_.progress && (seq + 1) % kProgressEvery == 0) {
      options_.progress(seq + 1, size_);
    }
    return Status::Ok();
  }

  const ReadTxn& txn_;
  const std::map<uint64_t, Checkpoint>& checkpoints_;
  const VerifyOptions& options_;
  VerifyReport* report_;
  Finding* bad_;
  std::unique_ptr<Cursor> nodes_;
  std::map<uint64_t, Checkpoint>::const_iterator next_cp_;
  Frontier frontier_;
  std::vector<Frontier::NewNode> made_;
  Hash prev_{};
  std::string_view last_time_;
  uint64_t size_ = 0;
};

// MemoryState that remembers which entry last wrote each key, so a mismatch
// can be traced to an entry.
class TracedState : public MemoryState {
 public:
  uint64_t seq = 0;
  std::map<std::string, uint64_t, std::less<>> writer;
  Status Put(std::string_view key, std::string_view value) override {
    writer.insert_or_assign(std::string(key), seq);
    return MemoryState::Put(key, value);
  }
  Status Delete(std::string_view key) override {
    writer.insert_or_assign(std::string(key), seq);
    return MemoryState::Delete(key);
  }
};

// Replays every entry through the machine and compares the result with the
// stored state table, in key order.
Status CheckState(const ReadTxn& txn, uint64_t size, const StateMachine& machine,
                  VerifyReport* report, Finding* bad) {
  TracedState rebuilt;
  for (uint64_t seq = 0; seq < size; ++seq) {
    ST_ASSIGN_OR_RETURN(std::string_view bytes, txn.Get(Table::kEntries, U64Key(seq)));
    auto entry = DecodeEntry(bytes);
    Status s = entry.ok() ? (rebuilt.seq = seq, machine.Apply(*entry, &rebuilt)) : entry.status();
    if (!s.ok()) {
      bad->seq = seq;
      bad->problem = Where(seq) + "cannot be applied to the derived state: " + s.message();
      return Status::Ok();
    }
  }
  auto stored = txn.OpenCursor(Table::kState);
  if (!stored) return IOError("cannot open the state cursor");
  ST_RETURN_IF_ERROR(stored->SeekFirst());
  const auto& want = rebuilt.records();
  auto it = want.begin();
  auto found = [&](std::string_view key, std::string what) {
    auto w = rebuilt.writer.find(key);
    if (w != rebuilt.writer.end()) bad->seq = w->second;
    bad->problem = "derived state record \"" + std::string(key) + "\" " + what;
    return Status::Ok();
  };
  while (stored->Valid() || it != want.end()) {
    if (!stored->Valid() || (it != want.end() && it->first < stored->key())) {
      return found(it->first, "is missing from the store (the entries derive it)");
    }
    if (it == want.end() || stored->key() < it->first) {
      return found(stored->key(), "is stored but no entry derives it");
    }
    if (stored->value() != it->second) {
      return found(it->first, "differs from the value the entries derive");
    }
    ++report->state_records;
    ++it;
    ST_RETURN_IF_ERROR(stored->Next());
  }
  return Status::Ok();
}

}  // namespace

Result<VerifyReport> Verify(const Ledger& ledger, const VerifyOptions& options) {
  VerifyReport report;
  Finding bad;
  auto finish = [&]() -> Result<VerifyReport> {
    report.ok = bad.problem.empty();
    report.bad_seq = bad.seq;
    report.problem = bad.problem;
    return report;
  };
  const NoteVerifier& verifier = options.verifier ? *options.verifier : ledger.verifier();
  ST_ASSIGN_OR_RETURN(auto txn, ledger.store().BeginRead());
  ST_ASSIGN_OR_RETURN(uint64_t size, txn->Count(Table::kEntries));
  ST_ASSIGN_OR_RETURN(auto checkpoints, LoadCheckpoints(*txn, ledger, options, verifier, &bad));
  if (!bad.problem.empty()) return finish();
  // Scan as far as anything claims: a signed checkpoint beyond the stored
  // entries means entries were removed, and the scan names the first.
  uint64_t signed_size = checkpoints.rbegin()->first;
  ST_RETURN_IF_ERROR(
      Scan(*txn, checkpoints, options, &report, &bad).Run(std::max(size, signed_size)));
  if (!bad.problem.empty() && signed_size > size && bad.seq == size) {
    bad.problem += "; a checkpoint signed for " + std::to_string(signed_size) + " entries but " +
                   std::to_string(size) +
                   " stored: entries were cut from the end, or the ledger was rolled back to an "
                   "older copy";
  }
  if (!bad.problem.empty()) return finish();
  if (signed_size < size) {
    bad.seq = signed_size;
    bad.problem = Where(signed_size) +
                  "entries from here on are not covered by any signed "
                  "checkpoint (appended without the signing key?)";
    return finish();
  }

  // Consistency of each retained checkpoint with the next, by proof.
  TxnNodes source(*txn);
  for (auto it = checkpoints.begin(); it != checkpoints.end(); ++it) {
    ++report.checkpoints;
    auto next = std::next(it);
    if (next == checkpoints.end() || it->first == 0) continue;
    auto proof = ConsistencyPath(source, it->first, next->first);
    Status s = proof.ok() ? VerifyConsistency(it->first, next->first, it->second.root,
                                              next->second.root, *proof)
                          : proof.status();
    if (!s.ok()) {
      bad.problem = "checkpoints " + std::to_string(it->first) + " and " +
                    std::to_string(next->first) + " are not consistent: " + s.message();
      return finish();
    }
  }
  if (const StateMachine* machine = ledger.state_machine()) {
    ST_RETURN_IF_ERROR(CheckState(*txn, size, *machine, &report, &bad));
  }
  if (options.progress) options.progress(size, size);
  return finish();
}

}  // namespace sharetrail
