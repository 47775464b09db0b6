// The rule engine as the ledger's state machine.
//
// Decide: validate the proposal against its kind's schema, resolve the actor
// from the directory, check the actor's role and party scope, run the
// kind's checks against the current state, and either append the event with
// its decision (body.decision) or append a `refused` entry recording the
// attempt, the rule and the reason. Malformed proposals are errors and
// append nothing.
//
// Apply: fold each entry into the records of world.h and the indexes of
// index.h. It reads only the entry and the state before it, so the derived
// state replays exactly from the log.
#ifndef SHARETRAIL_POLICIES_ENGINE_H_
#define SHARETRAIL_POLICIES_ENGINE_H_

#include <memory>
#include <string>

#include "ledger/entry.h"
#include "ledger/state.h"
#include "policies/decision.h"
#include "policies/world.h"

namespace sharetrail::policy {

struct Proposal;

// Bumped whenever the derived state of existing entries changes, so a ledger
// built by an older engine is refused until it is reindexed. 2: information
// requests, subject index values name the item.
constexpr std::string_view kEngineName = "sharetrail-policy/4";

class Engine : public StateMachine {
 public:
  Engine();
  std::string Name() const override { return std::string(kEngineName); }
  Status Decide(const StateView& state, const Slot& slot, Event* event,
                std::string* outcome) const override;
  Status Apply(const Entry& entry, StateWriter* state) const override;

  // The decision a proposal would get now, without recording anything
  // (may-disclose, dry runs). Malformed proposals are errors.
  Result<Decision> Evaluate(const StateView& state, const Slot& slot, const Event& event) const;

  World MakeWorld(const StateView& state) const { return World(state, cache_.get()); }

 private:
  // Evaluate, keeping the proposal (with the actor the directory resolved).
  Result<Decision> Judge(const StateView& state, const Slot& slot, const Event& event,
                         Proposal* out) const;
  std::shared_ptr<AgreementCache> cache_;
};

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_ENGINE_H_
