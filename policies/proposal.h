// A proposed event on its way through the engine, and the per-kind checks
// that decide it (policies/rules/). A check adds findings and obligations to
// the Decision; it returns an error only for malformed input (an unknown
// item, party or agreement named in the body) or a failure to read state.
#ifndef SHARETRAIL_POLICIES_PROPOSAL_H_
#define SHARETRAIL_POLICIES_PROPOSAL_H_

#include <boost/json/object.hpp>
#include <string>

#include "ledger/state.h"
#include "policies/date.h"
#include "policies/decision.h"
#include "policies/world.h"

namespace sharetrail::policy {

struct Proposal {
  std::string type;
  boost::json::object body;
  // The actor as the directory knows them; party and team are empty only
  // for the bootstrap administrator (engine.cc).
  std::string user, party, team, role;
  std::vector<std::string> roles;
  Date today;
  std::string time;
  uint64_t seq = 0;

  std::string Body(std::string_view key) const { return Str(body, key); }
};

using Check = Status (*)(const Proposal& p, const World& w, Decision* d);

// The checks for one event type (empty for kinds with none beyond scope).
std::vector<Check> ChecksFor(std::string_view type);

// Citation for rules that come from this product's design brief or the
// general security model rather than a seed paragraph.
Cite DesignCite(std::string para, std::string quote = "");

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_PROPOSAL_H_
