// A C2SP tlog-witness (https://c2sp.org/tlog-witness) without HTTP: for each
// log it witnesses (an origin and the log's key), the latest checkpoint it
// cosigned, and the decision whether to cosign a new one.
//
// Invariants:
//   - a cosignature is returned only after the new state is durable (one
//     file per log, written to a temporary, fsync'd, renamed, directory
//     fsync'd), so a crash can lose an answer but never let the witness
//     forget a checkpoint it cosigned and later cosign an inconsistent one;
//   - checking the old size and saving the new state happen under the
//     log's own lock, so two concurrent submissions for one origin can
//     never both pass against the same stored state (the spec's roll-back
//     race); different origins do not wait for each other;
//   - the stored size never decreases and every stored checkpoint is
//     consistent with the one before it (each step was a verified RFC 6962
//     consistency proof, or an equal root).
//
// Why files and not LMDB: the state is one small record per log, written
// once per accepted checkpoint; a file per origin keeps the witness apart
// from the ledger's single writer and its tree (a witness decision must
// not append to the ledger), and rename() gives the all-or-nothing update
// the spec's "persist before responding" needs.
#ifndef SHARETRAIL_LEDGER_WITNESS_H_
#define SHARETRAIL_LEDGER_WITNESS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/cosignature.h"
#include "ledger/hash.h"
#include "ledger/note.h"
#include "ledger/status.h"

namespace sharetrail {

struct WitnessedLog {
  std::string origin;
  std::vector<NoteVerifier> keys;  // the log's checkpoint keys
};

// The witness configuration file: "log <origin> <vkey>" lines ('#' starts a
// comment); a log with several keys has one line per key. Errors name the
// line.
Result<std::vector<WitnessedLog>> ParseWitnessConfig(std::string_view text);

// Every way add-checkpoint can end, with the HTTP status the spec gives it.
enum class WitnessVerdict {
  kCosigned,       // 200
  kUnknownOrigin,  // 404
  kBadSignature,   // 403: no signature by a key trusted for the origin
  kBadRequest,     // 400: old size > size, malformed proof or note
  kSizeConflict,   // 409 + text/x.tlog.size: old size is not the stored one
  kRootConflict,   // 409: same size as stored, another root (split view)
  kProofFailed,    // 422: not consistent with what was cosigned (split view)
};
int HttpStatusOf(WitnessVerdict v);

struct WitnessAnswer {
  WitnessVerdict verdict = WitnessVerdict::kBadRequest;
  std::string reason;           // what failed, for people and for evidence
  uint64_t stored_size = 0;     // the latest cosigned size (409 answers carry it)
  std::string signature_lines;  // kCosigned: the cosignature line(s)
  // Parsed from the submission, when it got that far.
  std::optional<Checkpoint> checkpoint;
  // The submitted note as received; for evidence, its text with only the
  // log's own valid signatures.
  std::string note;
  // A refusal that is evidence of log misbehaviour (a split view or a
  // rewritten history): the checkpoint is validly signed by the log but
  // inconsistent with what this witness cosigned before.
  bool Evidence() const {
    return verdict == WitnessVerdict::kRootConflict || verdict == WitnessVerdict::kProofFailed;
  }
};

// An add-checkpoint request body, parsed (tlog-witness "add-checkpoint").
struct AddCheckpointRequest {
  uint64_t old_size = 0;
  std::vector<Hash> proof;
  std::string note;
  static Result<AddCheckpointRequest> Parse(std::string_view body);
  std::string Format() const;
};

// The witness's own key beside a ledger: <dir>/witness.key (PKCS#8, 0600)
// and <dir>/witness.vkey (its public vkey, type 0x04), kept apart from the
// log's signing key so that witnessing never needs the key that signs this
// node's own checkpoints. Init fails if the key exists; returns the vkey.
Result<std::string> InitWitnessKey(const std::string& dir, const std::string& name);
Result<Cosigner> LoadWitnessKey(const std::string& dir);

class Witness {
 public:
  // dir holds one state file per log (created if missing).
  static Result<std::unique_ptr<Witness>> Open(const std::string& dir, Cosigner cosigner,
                                               std::vector<WitnessedLog> logs);

  ~Witness();
  const Cosigner& cosigner() const { return cosigner_; }
  // An error Status only for I/O failures; every protocol outcome is an
  // answer. `now` is the cosignature time (POSIX seconds).
  Result<WitnessAnswer> AddCheckpoint(const AddCheckpointRequest& req, uint64_t now);
  // The origins witnessed, sorted.
  std::vector<std::string> Origins() const;
  // The latest checkpoint note cosigned for origin (empty if none yet).
  Result<std::string> Latest(const std::string& origin);

 private:
  struct LogState;
  Witness(std::string dir, Cosigner cosigner);
  Status Load(LogState& log);  // log.mu held
  Result<WitnessAnswer> Decide(LogState& log, const AddCheckpointRequest& req, uint64_t now);
  std::string dir_;
  Cosigner cosigner_;
  // Fixed at Open, so lookups need no lock; each entry has its own mutex.
  std::map<std::string, std::unique_ptr<LogState>> logs_;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_WITNESS_H_
