// A ledger: an append-only, hash-chained RFC 6962 Merkle log of entries in
// one directory, with a signed C2SP checkpoint after every commit.
//
// Directory layout:
//   data.mdb, lock.mdb  the LMDB store (store.h)
//   signing.key         Ed25519 private key, PKCS#8 PEM, mode 0600
//   writer.lock         flock'd by the one process that may append
//
// Invariants:
//   - entries, nodes and the latest checkpoint change only together, in one
//     LMDB transaction: a reader or a restarted process sees all of a commit
//     or none of it;
//   - Append returns only after its transaction is fsync'd; after a failed
//     commit the ledger refuses all further appends until it is reopened;
//   - one writer thread batches concurrent appends into one transaction
//     (group commit), so throughput grows with the number of waiting callers;
//   - a checkpoint is retained in history at least every checkpoint_interval
//     entries; any other size can be re-signed on demand (Ed25519 is
//     deterministic, so the bytes are those first issued).
#ifndef SHARETRAIL_LEDGER_LEDGER_H_
#define SHARETRAIL_LEDGER_LEDGER_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ledger/entry.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "ledger/proof.h"
#include "ledger/state.h"
#include "ledger/status.h"
#include "ledger/store.h"

namespace sharetrail {

// The "format" meta record of a ledger's store (and of a mirror's, mirror.h).
inline constexpr std::string_view kLedgerFormat = "sharetrail-ledger-1";
// The meta record naming the StateMachine that built the derived state.
inline constexpr std::string_view kStateMachineMetaKey = "state_machine";

struct LedgerOptions {
  // Read-only: no writer thread, no lock; the signing key is used if readable.
  bool read_only = false;
  size_t max_batch = 4096;
  // Longest a commit waits for callers released by the previous commit to
  // come back (see WriterLoop); 0 commits whatever is queued at once.
  int group_commit_wait_us = 300;
  uint64_t checkpoint_interval = 1024;
  uint64_t map_size = uint64_t{1} << 40;
  // Microseconds since the Unix epoch; tests inject a fake clock.
  std::function<int64_t()> clock;
  // Decides every proposed event and keeps the derived state (state.h). A
  // ledger whose state was built by a machine of another name is refused
  // unless reindex is set, which rebuilds the state from the log on open.
  std::shared_ptr<const StateMachine> state_machine;
  bool reindex = false;
  std::function<void(uint64_t done, uint64_t total)> reindex_progress;
};

struct AppendResult {
  uint64_t seq = 0;
  Hash leaf_hash{};
  std::string time;
  uint64_t tree_size = 0;  // size of the commit that made it durable
  std::string checkpoint;  // that commit's signed checkpoint note
  std::string outcome;     // the state machine's answer, if there is one
};

// Where the writer thread's time went since Open: each commit's wall time
// is building the batch (chaining, hashing, LMDB puts, the checkpoint
// signature) plus the durable LMDB commit (its two synchronous writes).
// Benchmarks and operators read it to see whether the disk or the CPU
// bounds the append rate.
struct WriterStats {
  uint64_t commits = 0;   // successful ones
  uint64_t requests = 0;  // events those commits carried (refused proposals included)
  double build_seconds = 0;
  double commit_seconds = 0;
};

// One consistent read snapshot of entries and derived state, for queries
// that must not see a commit land halfway through.
class Snapshot : public StateView {
 public:
  virtual Result<uint64_t> Size() const = 0;
  virtual Result<std::string_view> EntryBytes(uint64_t seq) const = 0;
};

class Ledger {
 public:
  // Creates dir (if missing), its store, signing key and the size-0 checkpoint.
  static Status Init(const std::string& dir, const std::string& origin);
  static Result<std::unique_ptr<Ledger>> Open(const std::string& dir,
                                              const LedgerOptions& options = {});
  ~Ledger();  // drains queued appends, then stops the writer

  // Blocks until the event is durable (or refused); thread-safe.
  Result<AppendResult> Append(const Event& event);
  // Validates every event first and appends none if any is invalid (the
  // error names its index). Otherwise queues all at once, in order, and
  // waits for all; results[i] is event i's outcome.
  Result<std::vector<Result<AppendResult>>> AppendAll(const std::vector<Event>& events);

  const std::string& origin() const { return origin_; }
  const std::string& dir() const { return dir_; }
  const NoteVerifier& verifier() const { return verifier_; }
  Store& store() const { return *store_; }

  const StateMachine* state_machine() const { return options_.state_machine.get(); }
  WriterStats writer_stats() const;

  // Reads see a consistent committed snapshot.
  Result<std::unique_ptr<Snapshot>> Read() const;
  Result<uint64_t> Size() const;
  Result<std::string> EntryBytes(uint64_t seq) const;
  Result<Hash> Root(uint64_t size) const;
  // The signed checkpoint note at `size` (latest if nullopt).
  Result<std::string> SignedCheckpoint(std::optional<uint64_t> size = std::nullopt) const;
  // size nullopt means the latest size.
  Result<InclusionProof> ProveInclusion(uint64_t seq, std::optional<uint64_t> size) const;
  Result<ConsistencyProof> ProveConsistency(uint64_t first, uint64_t second) const;

 private:
  struct Request;
  Ledger() = default;
  Status AcceptingWrites() const;  // mu_ held
  // Queues reqs[0..n) in order and waits until the writer has finished all.
  Status Submit(Request* reqs, size_t n);
  void WriterLoop();
  Status CommitBatch(const std::vector<Request*>& batch);
  // The end of the log as a commit in progress sees it.
  struct Tip {
    Frontier frontier;
    Hash prev;
    int64_t micros;
  };
  // Decides (if there is a machine) and writes one event into txn; a
  // malformed proposal is left in r->own and writes nothing.
  Status AppendOne(Request* r, WriteTxn* txn, Tip* tip);
  // Decides r's event against the state in txn and prepares it; false if
  // the proposal was refused as malformed (r->own says why).
  bool DecideAndPrepare(Request* r, const StateView& state, uint64_t seq);
  // Fills *req for the writer: prepared, or kept as a proposal to decide.
  Status Queue(const Event& event, Request* req) const;
  Status CheckStateMachine(const ReadTxn& txn) const;
  Status RebuildState(uint64_t size);
  Result<std::string> SignCheckpoint(uint64_t size, const Hash& root) const;

  std::string dir_, origin_;
  LedgerOptions options_;
  std::unique_ptr<Store> store_;
  NoteVerifier verifier_;
  std::optional<NoteSigner> signer_;
  int lock_fd_ = -1;

  // Writer state: touched only by the writer thread after Open.
  Frontier frontier_;
  Hash last_leaf_{};
  int64_t last_micros_ = 0;
  std::string scratch_bytes_;
  std::vector<Frontier::NewNode> scratch_nodes_;

  WriterStats last_commit_;  // the writer's timing of its last CommitBatch

  mutable std::mutex mu_;
  WriterStats stats_;
  std::condition_variable writer_cv_;
  std::deque<Request*> queue_;
  uint64_t arrivals_ = 0;  // callers that have queued, ever (for group commit)
  // Callers (not events: an AppendAll is one) the last commit woke, and
  // arrivals_ when it woke them: the writer's adaptive wait is for those.
  size_t released_ = 0;
  uint64_t arrivals_at_release_ = 0;
  bool stopping_ = false;
  Status failed_;  // set once a commit fails; appends refused after
  std::thread writer_;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_LEDGER_H_
