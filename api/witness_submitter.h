// Submits this node's checkpoints to the witnesses its policy names (C2SP
// tlog-witness add-checkpoint) and keeps the cosignatures they return.
//
// Invariants:
//   - one thread per witness, so at most one submission is in flight per
//     witness; each round submits the ledger's latest checkpoint, so a
//     burst of commits costs one submission (the latest wins);
//   - the old size and consistency proof are from the size that witness
//     last cosigned, as we know it; a 409 with text/x.tlog.size teaches us
//     the witness's size, so a restart (or a witness restored from backup)
//     heals in one extra round trip;
//   - a cosignature is kept only after it verifies against the witness's
//     key from the policy; each witness's latest cosigned note is a file
//     (ledger/cosigned_store.h), so a restart still serves it;
//   - Stop() (and the destructor) return within the HTTP timeout: threads
//     wait on a condition variable with a deadline, never unbounded.
#ifndef SHARETRAIL_API_WITNESS_SUBMITTER_H_
#define SHARETRAIL_API_WITNESS_SUBMITTER_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/http_client.h"
#include "ledger/ledger.h"
#include "ledger/witness_policy.h"

namespace sharetrail::api {

struct SubmitterOptions {
  ClientOptions http;
  // How often the ledger is looked at without a Notify (appends by another
  // process, retries after a witness failed).
  int poll_ms = 1000;
};

// What one witness has said, for status pages and logs.
struct WitnessStatus {
  std::string name;
  uint64_t known_size = 0;     // the size it last cosigned, as we know it
  uint64_t cosigned_size = 0;  // the size of the note we keep (0 if none)
  std::string last_error;      // "" after a success
};

class WitnessSubmitter {
 public:
  // Loads the kept notes from <ledger dir>/cosigned/ and starts one thread
  // per policy witness with a URL.
  static Result<std::unique_ptr<WitnessSubmitter>> Start(const Ledger& ledger, WitnessPolicy policy,
                                                         SubmitterOptions options);
  ~WitnessSubmitter();

  // Wakes every witness thread: the ledger has committed.
  void Notify();
  void Stop();
  // The ledger's latest checkpoint note with every kept cosignature on that
  // exact checkpoint text.
  Result<std::string> Published() const;
  // Each witness's latest cosigned note, in policy order (empty if none).
  std::vector<std::pair<std::string, std::string>> CosignedNotes() const;
  std::vector<WitnessStatus> Status() const;

 private:
  struct Peer;
  WitnessSubmitter(const Ledger& ledger, WitnessPolicy policy, SubmitterOptions options);
  void Run(Peer& peer);
  // One add-checkpoint round for peer: submit, learn, keep.
  void Round(Peer& peer);

  const Ledger& ledger_;
  WitnessPolicy policy_;
  SubmitterOptions options_;
  mutable std::mutex mu_;  // guards peers' state below and stop_/generation_
  std::condition_variable cv_;
  bool stop_ = false;
  uint64_t generation_ = 0;
  std::vector<std::unique_ptr<Peer>> peers_;
  std::vector<std::thread> threads_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_WITNESS_SUBMITTER_H_
