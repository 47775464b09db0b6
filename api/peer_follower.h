// Follows the other parties' nodes (issue 12): for each peer registered on
// this ledger with a URL (peer.registered), keeps a verified copy of its log
// under <ledger>/peers/<party>/ (ledger/mirror.h, over tlog-tiles) and
// records the receipts the copy calls for (policies/follow.h) as this
// node's service account: share.received for shares to our party,
// share.acknowledged for the peer's receipts of ours.
//
// Invariants:
//   - one thread does every peer in turn, so a copy is never opened twice
//     at once in this process (LMDB forbids it): each round opens the
//     mirror, steps it, closes it, then reads it as a read-only ledger;
//   - what is recorded goes through the engine, so forged or inconsistent
//     evidence is refused and recorded, and a peer whose log forks or
//     rolls back is not followed past the last checkpoint the copy verified
//     (the mirror refuses the step; the error is kept for the status);
//   - Stop() returns within one HTTP timeout.
#ifndef SHARETRAIL_API_PEER_FOLLOWER_H_
#define SHARETRAIL_API_PEER_FOLLOWER_H_

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/http_client.h"
#include "ledger/ledger.h"

namespace sharetrail::api {

struct FollowerOptions {
  std::string node_user;  // this node's account, holding the "node" role
  ClientOptions http;     // ca_file for https peers
  int interval_ms = 5000;
  // Builds each copy's derived state as the peer's own node does, so the
  // copy answers queries and `sharetrail verify` like any ledger.
  std::shared_ptr<const StateMachine> state_machine;
};

struct PeerProgress {
  std::string party, url;
  uint64_t copied = 0;  // the copy's size
  uint64_t next = 0;    // the first seq not yet read for receipts
  uint64_t received = 0, acknowledged = 0, refused = 0;
  std::string last_error;  // "" after a good round
};

class PeerFollower {
 public:
  static Result<std::unique_ptr<PeerFollower>> Start(Ledger& ledger, FollowerOptions options);
  ~PeerFollower();
  void Stop();
  // Runs a round now rather than at the next interval.
  void Wake();
  std::vector<PeerProgress> Progress() const;
  // Rounds completed since Start (tests wait on it).
  uint64_t rounds() const;

 private:
  PeerFollower(Ledger& ledger, FollowerOptions options);
  void Run();
  void Round();
  void FollowOne(const std::string& party, const std::string& url, const std::string& vkey);

  Ledger& ledger_;
  FollowerOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, woken_ = false;
  uint64_t rounds_ = 0;
  std::map<std::string, PeerProgress> progress_;
  std::thread thread_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_PEER_FOLLOWER_H_
