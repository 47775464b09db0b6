// Derived state: records computed from the log alone, kept in the store's
// `state` table and written in the same LMDB transaction as the entries they
// derive from, so state and log never disagree after a crash.
//
// The ledger knows nothing of what the records mean. A StateMachine, supplied
// by the layer above (policies/), decides each proposed event against the
// current state and folds each appended entry into it. Invariants:
//   - Decide only reads; Apply is a deterministic function of (state before,
//     entry), so replaying the log from empty state (reindex, verify)
//     rebuilds exactly the stored records;
//   - the state a proposal is decided against includes every entry before
//     it, including earlier entries of the same group commit;
//   - meta "state_machine" names the machine that built the records; a
//     ledger opened with another machine refuses to serve until reindexed.
#ifndef SHARETRAIL_LEDGER_STATE_H_
#define SHARETRAIL_LEDGER_STATE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/entry.h"
#include "ledger/status.h"

namespace sharetrail {

class StateView {
 public:
  virtual ~StateView() = default;
  // nullopt if absent. The view is valid until the next write or the end of
  // the snapshot; copy it to keep it.
  virtual Result<std::optional<std::string_view>> Get(std::string_view key) const = 0;
  // Visits keys that start with prefix, in byte order, from the first key
  // >= max(prefix, from); stops early when fn returns false.
  using Visitor = std::function<bool(std::string_view key, std::string_view value)>;
  virtual Status Scan(std::string_view prefix, std::string_view from, const Visitor& fn) const = 0;
};

class StateWriter : public StateView {
 public:
  virtual Status Put(std::string_view key, std::string_view value) = 0;
  // Absent keys are not an error.
  virtual Status Delete(std::string_view key) = 0;
};

// What Decide learns about the slot the event would take.
struct Slot {
  uint64_t seq = 0;
  std::string_view time;  // the entry's time, as the ledger will record it
};

class StateMachine {
 public:
  virtual ~StateMachine() = default;
  // Names the derivation and its version, e.g. "sharetrail-policy/1".
  virtual std::string Name() const = 0;
  // May rewrite *event (fill the actor from the directory, turn it into a
  // recorded refusal) and sets *outcome, returned to the caller verbatim.
  // An error means the proposal is malformed: nothing is appended.
  virtual Status Decide(const StateView& state, const Slot& slot, Event* event,
                        std::string* outcome) const = 0;
  // Folds an appended entry into the state. An error aborts the commit.
  virtual Status Apply(const Entry& entry, StateWriter* state) const = 0;
};

// State held in memory: verify rebuilds into one and compares; tests use it.
class MemoryState : public StateWriter {
 public:
  Result<std::optional<std::string_view>> Get(std::string_view key) const override;
  Status Scan(std::string_view prefix, std::string_view from, const Visitor& fn) const override;
  Status Put(std::string_view key, std::string_view value) override;
  Status Delete(std::string_view key) override;
  const std::map<std::string, std::string, std::less<>>& records() const { return records_; }

 private:
  std::map<std::string, std::string, std::less<>> records_;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_STATE_H_
