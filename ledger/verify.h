// verify: recompute everything from the stored entries and compare.
//
// Checks, in one pass over one snapshot: entry keys are 0..n-1 with no gaps;
// each entry's seq, prev (hash chain) and non-decreasing time; every stored
// tree node equals the node recomputed from the entries, and no extra node
// exists; every retained checkpoint and the latest one is signed by the
// ledger's key (or the verifier given), names this origin, and its root is
// the recomputed root at its size; consecutive checkpoints are consistent.
// With deep=true each entry is also strictly parsed and schema-checked.
// If the ledger has a state machine, the derived state is rebuilt from the
// entries in memory and compared record by record with the stored state.
//
// A mismatch is a finding, not an error: the report names the first bad seq
// and what is wrong. Errors are reserved for failing to read at all.
#ifndef SHARETRAIL_LEDGER_VERIFY_H_
#define SHARETRAIL_LEDGER_VERIFY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace sharetrail {

struct VerifyOptions {
  bool deep = false;
  // If set, checkpoints must be signed by this key rather than the one the
  // ledger's own metadata names (an outsider passes the vkey they trust).
  std::optional<NoteVerifier> verifier;
  // Signed checkpoint notes kept outside the ledger (by a client, a
  // counterparty, a witness). Each is checked like a stored one: signed,
  // this origin, its root the recomputed root at its size, consistent with
  // the others. A rollback to an older copy of the ledger passes every
  // check that uses only what is stored; it fails this one, naming the
  // first missing seq.
  std::vector<std::string> kept_checkpoints;
  std::function<void(uint64_t done, uint64_t total)> progress;
};

struct VerifyReport {
  bool ok = false;
  uint64_t entries = 0;             // entries checked
  uint64_t nodes = 0;               // stored nodes checked
  uint64_t checkpoints = 0;         // signed checkpoints checked
  uint64_t state_records = 0;       // derived state records checked
  Hash root{};                      // recomputed root of the whole tree
  std::optional<uint64_t> bad_seq;  // first entry found wrong, if any
  std::string problem;              // what is wrong, empty if ok
};

Result<VerifyReport> Verify(const Ledger& ledger, const VerifyOptions& options);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_VERIFY_H_
