// The witness's evidence (api/routes_witness.cc): another party's log signed
// a checkpoint inconsistent with one this node cosigned. The refusal to
// cosign is the witness protocol's (C2SP tlog-witness); the entry makes it
// part of this node's own tamper-evident record, flagged as a warning so it
// shows wherever refusals and warnings are reviewed.
#include "policies/rules/rules.h"

namespace sharetrail::policy {

Status CheckWitnessRefused(const Proposal& p, const World&, Decision* d) {
  const auto& body = p.body;
  int64_t old_size = body.at("old_size").as_int64(), size = body.at("size").as_int64();
  if (old_size > size) {
    return InvalidArgument("body.old_size: " + std::to_string(old_size) + " exceeds body.size " +
                           std::to_string(size) + "; such a request is malformed, not evidence");
  }
  d->Warn("witness.inconsistent-checkpoint",
          DesignCite("§1 The ledger", "Each party's node can witness another's checkpoints."),
          "the log " + p.Body("origin") + " signed a checkpoint of size " + std::to_string(size) +
              " that is not consistent with the checkpoint of size " + std::to_string(old_size) +
              " this node cosigned: " + p.Body("reason"));
  return Status::Ok();
}

}  // namespace sharetrail::policy
