// The witness's evidence (api/routes_witness.cc): another party's log signed
// a checkpoint inconsistent with one this node cosigned. The refusal to
// cosign is the witness protocol's (C2SP tlog-witness); the entry makes it
// part of this node's own tamper-evident record, flagged as a warning so it
// shows wherever refusals and warnings are reviewed.
#include "policies/rules/rules.h"

namespace sharetrail::policy {

Status CheckWitnessRefused(const Proposal& p, const World& w, Decision* d) {
  const auto& body = p.body;
  int64_t old_size = body.at("old_size").as_int64(), size = body.at("size").as_int64();
  if (old_size > size) {
    return InvalidArgument("body.old_size: " + std::to_string(old_size) + " exceeds body.size " +
                           std::to_string(size) + "; such a request is malformed, not evidence");
  }
  // One entry per inconsistent checkpoint: anyone may resubmit a checkpoint
  // the log really signed, and each copy would otherwise grow this ledger.
  ST_ASSIGN_OR_RETURN(auto earlier,
                      w.Record(keys::WitnessRefusal(p.Body("origin"), size, p.Body("root"))));
  if (earlier) {
    return InvalidArgument("body: this checkpoint of " + p.Body("origin") +
                           " was already recorded as refused at seq " +
                           std::to_string(earlier->at("seq").to_number<int64_t>()));
  }
  d->Warn("witness.inconsistent-checkpoint",
          DesignCite("§1 The ledger", "Each party's node can witness another's checkpoints."),
          "the log " + p.Body("origin") + " signed a checkpoint of size " + std::to_string(size) +
              " that is not consistent with the checkpoint of size " + std::to_string(old_size) +
              " this node cosigned: " + p.Body("reason"));
  return Status::Ok();
}

}  // namespace sharetrail::policy
