// A mirror: a verified, read-only copy of another node's log, kept in a
// directory with the same store layout as a ledger (store.h), so `sharetrail
// verify --dir D --vkey V`, queries and proofs work on it as on the original
// (Ledger::Open with read_only; the directory has no signing.key, so nothing
// can append to it or sign for it).
//
// Each Step pulls from the source over C2SP tlog-tiles (tiles.h): the
// latest /checkpoint, opened with the configured vkey, then the entry
// bundles from the mirror's size to the checkpoint's. Before anything is
// stored, it checks that:
//   - the checkpoint names the mirror's origin and is not smaller than what
//     the mirror holds (a rollback), nor, at the same size, a different root
//     (a fork), and the entries the mirror already holds in a partly-held
//     bundle are byte for byte the ones it holds;
//   - every new entry parses strictly (DecodeEntry), has the next seq,
//     chains to the previous leaf hash (prev), and does not go back in time;
//   - the root recomputed from the mirror's stored nodes (Frontier) plus the
//     new leaf hashes equals the checkpoint's root.
// Entries, new tree nodes, derived state (if a state machine is given) and
// the checkpoint are written in ONE store transaction, committed only when
// all checks pass; any failure aborts it and the mirror is exactly as it
// was. So every checkpoint a mirror holds is one it verified against
// entries it holds: consistency between successive checkpoints holds by
// construction (the new tree extends the stored nodes of the old one), and
// verify re-proves it from the stored checkpoints.
//
// Why one transaction per step and not batches: an intermediate size has no
// signed checkpoint to check a batch against (the source serves only its
// latest), and committing unverified entries would let a fork or a bad
// bundle into the copy. The transaction is not held in memory: LMDB spills
// dirty pages of a large transaction to the data file, so a long catch-up
// is bounded by disk, and an aborted one leaves the committed state intact.
//
// This is a pull mirror for our own nodes: it is not a C2SP tlog-mirror
// (https://c2sp.org/tlog-mirror), whose clients push entries to a mirror
// that cosigns, and it does not cosign.
//
// Mirror state in the meta table: mirror_source (URL), origin, vkey, and
// the latest verified checkpoint as "checkpoint", like a ledger's.
// Invariant: one process mirrors into a directory at a time (writer.lock).
#ifndef SHARETRAIL_LEDGER_MIRROR_H_
#define SHARETRAIL_LEDGER_MIRROR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "ledger/hash.h"
#include "ledger/note.h"
#include "ledger/state.h"
#include "ledger/status.h"
#include "ledger/store.h"

namespace sharetrail {

// Fetches a resource of the source log by its tlog-tiles path relative to
// the log's prefix ("checkpoint", "tile/entries/000.p/7"); an error names
// what failed (the HTTP status, the connection).
using TileFetcher = std::function<Result<std::string>(const std::string& path)>;

struct MirrorOptions {
  // Keeps the derived state, as the source's ledger does (queries on the
  // copy; verify compares it). Must be the machine the mirror was built by.
  std::shared_ptr<const StateMachine> state_machine;
  uint64_t map_size = uint64_t{1} << 40;
};

struct MirrorStep {
  std::string origin;
  uint64_t old_size = 0, new_size = 0;
  Hash root{};
};

class Mirror {
 public:
  // Opens dir as a mirror of `source`. On the first run (no store yet) vkey
  // is required and nothing is written until the first Step succeeds; after
  // that it is read from the mirror, and a different one is an error.
  static Result<std::unique_ptr<Mirror>> Open(const std::string& dir, const std::string& source,
                                              const std::optional<std::string>& vkey,
                                              const MirrorOptions& options = {});
  ~Mirror();

  // One sync: see the top of this file. Returns what changed (new_size ==
  // old_size when the source has nothing new).
  Result<MirrorStep> Step(const TileFetcher& fetch);

  const std::string& vkey() const { return vkey_; }

 private:
  Mirror() = default;
  Result<MirrorStep> Extend(const TileFetcher& fetch, const std::string& note,
                            const Checkpoint& cp);
  // NotFound if the store is empty (a first step that never committed).
  Status OpenStore();
  void RemoveStore();

  std::string dir_, source_, vkey_, origin_;  // origin_ empty until the first step
  MirrorOptions options_;
  NoteVerifier verifier_;
  std::unique_ptr<Store> store_;  // null until the first step commits
  int lock_fd_ = -1;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_MIRROR_H_
