// Crypto-shredding after lawful disposal (issue 5; DESIGN.md §1 "the
// vault"): once the last copy of an item has been disposed of, the vault
// key of its payload is destroyed and then `payload.shredded` is recorded.
// The CLI (`vault recover`, after `disposed`) and sharetraild (after a
// `disposed` it records) both finish disposals through this one routine.
//
// Invariants:
//   - the key is destroyed before the entry that says so is appended, so a
//     crash in between leaves a disposal whose shred is pending (verify and
//     PendingShreds report it) and running this again completes it;
//   - Vault::Shred is idempotent, so completing twice destroys nothing new
//     and records nothing twice (the engine's delreq state says "shredded").
#ifndef SHARETRAIL_POLICIES_SHRED_H_
#define SHARETRAIL_POLICIES_SHRED_H_

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/vault.h"

namespace sharetrail::policy {

struct Shredded {
  std::string item, request;
  AppendResult recorded;  // the payload.shredded entry (or its refusal)
  bool refused = false;
};

// Shreds every payload PendingShreds lists and records each as `actor`.
// `between` (may be empty) runs after each key is destroyed and before its
// entry is appended: the crash tests' fault point.
Result<std::vector<Shredded>> ShredPending(Ledger& ledger, Vault& vault,
                                           const boost::json::object& actor,
                                           const std::function<void()>& between = {});

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_SHRED_H_
