#include "ledger/verify.h"

#include <cstring>
#include <map>

#include "ledger/txn_nodes.h"

namespace sharetrail {
namespace {

constexpr uint64_t kProgressEvery = 1 << 16;

struct Finding {
  std::optional<uint64_t> seq;
  std::string problem;
};

std::string Where(uint64_t seq) { return "seq " + std::to_string(seq) + ": "; }

// Signed checkpoints by size: retained history plus the latest.
Result<std::map<uint64_t, Checkpoint>> LoadCheckpoints(const ReadTxn& txn, const Ledger& ledger,
                                                       const NoteVerifier& verifier, uint64_t size,
                                                       Finding* bad) {
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
    if (cp->size > size) {
      bad->problem = label + ": size " + std::to_string(cp->size) + " exceeds the " +
                     std::to_string(size) + " entries stored (entries were removed)";
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
  if (out.rbegin()->first != size) {
    bad->problem = "latest checkpoint is for size " + std::to_string(out.rbegin()->first) +
                   " but " + std::to_string(size) + " entries are stored";
  }
  return out;
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
  ST_ASSIGN_OR_RETURN(auto checkpoints, LoadCheckpoints(*txn, ledger, verifier, size, &bad));
  if (!bad.problem.empty()) return finish();

  auto entries = txn->OpenCursor(Table::kEntries);
  auto nodes = txn->OpenCursor(Table::kNodes);
  if (!entries || !nodes) return IOError("cannot open cursors");
  ST_RETURN_IF_ERROR(entries->SeekFirst());
  ST_RETURN_IF_ERROR(nodes->SeekFirst());
  Frontier frontier;
  std::vector<Frontier::NewNode> made;
  Hash prev{};
  std::string_view last_time;
  auto next_cp = checkpoints.begin();
  if (next_cp != checkpoints.end() && next_cp->first == 0) {
    if (next_cp->second.root != EmptyTreeHash()) {
      bad.problem = "checkpoint 0: root is not the empty tree hash";
      return finish();
    }
    ++next_cp;
  }
  for (uint64_t seq = 0; seq < size; ++seq) {
    if (seq > 0) ST_RETURN_IF_ERROR(entries->Next());
    if (!entries->Valid()) {
      bad = {seq, Where(seq) + "entry missing"};
      return finish();
    }
    auto key = U64Key::Decode(entries->key());
    if (!key.ok() || *key != seq) {
      bad = {seq,
             Where(seq) + "entry missing (next stored key is not " + std::to_string(seq) + ")"};
      return finish();
    }
    std::string_view bytes = entries->value();
    auto tail = ReadEntryTail(bytes);
    if (!tail.ok()) {
      bad = {seq, Where(seq) + tail.status().message()};
      return finish();
    }
    if (tail->seq != seq) {
      bad = {seq, Where(seq) + "entry says seq " + std::to_string(tail->seq)};
      return finish();
    }
    if (tail->prev != prev) {
      bad = {seq, Where(seq) + "prev does not match the hash of entry " +
                      (seq ? std::to_string(seq - 1) : std::string("-1 (must be zero)"))};
      return finish();
    }
    if (tail->time < last_time) {
      bad = {seq,
             Where(seq) + "time " + std::string(tail->time) + " is before the previous entry's"};
      return finish();
    }
    if (options.deep) {
      auto decoded = DecodeEntry(bytes);
      if (!decoded.ok()) {
        bad = {seq, Where(seq) + decoded.status().message()};
        return finish();
      }
    }
    last_time = tail->time;
    prev = LeafHash(bytes);
    made.clear();
    frontier.Append(prev, &made);
    for (const auto& n : made) {
      bool match = nodes->Valid() &&
                   nodes->key() == std::string_view(U64Key(NodeId(n.level, n.index))) &&
                   nodes->value() == AsBytes(n.hash);
      if (!match) {
        bad = {seq, Where(seq) +
                        (n.level == 0
                             ? std::string("entry bytes do not match the stored leaf hash")
                             : "stored tree node (level " + std::to_string(n.level) + ", index " +
                                   std::to_string(n.index) + ") does not match the entries")};
        return finish();
      }
      ++report.nodes;
      ST_RETURN_IF_ERROR(nodes->Next());
    }
    ++report.entries;
    if (next_cp != checkpoints.end() && next_cp->first == seq + 1) {
      if (frontier.Root() != next_cp->second.root) {
        bad = {seq,
               "checkpoint " + std::to_string(seq + 1) +
                   ": signed root does not match the stored entries (an entry at or below seq " +
                   std::to_string(seq) + " was rewritten together with its tree nodes)"};
        return finish();
      }
      ++next_cp;
    }
    if (options.progress && (seq + 1) % kProgressEvery == 0) options.progress(seq + 1, size);
  }
  if (size > 0) ST_RETURN_IF_ERROR(entries->Next());
  if (entries->Valid()) {
    bad.problem = "entries stored beyond the tree size " + std::to_string(size);
    return finish();
  }
  if (nodes->Valid()) {
    bad.problem = "tree nodes stored beyond the tree of size " + std::to_string(size);
    return finish();
  }
  report.root = frontier.Root();
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
  if (options.progress) options.progress(size, size);
  return finish();
}

}  // namespace sharetrail
