// Seed 001 "Process for sharing, accessing and storing information" ¶3:
// reports and letters shared under the protocol are not published,
// disclosed or shared onwards by the receiving inspectorate unless the
// information is lawfully public, a legal obligation requires it, or the
// originator consented in writing. DESIGN.md §3: an FOI request is not by
// itself a legal obligation.
#ifndef SHARETRAIL_POLICIES_RULES_ONWARD_H_
#define SHARETRAIL_POLICIES_RULES_ONWARD_H_

#include <memory>

#include "policies/rules/rules.h"

namespace sharetrail::policy {

struct OnwardRule {
  std::shared_ptr<const Agreement> agreement;
  const RuleSpec* spec = nullptr;  // null: party is free to pass it on
};

// The onward-disclosure rule that binds party's copy of item: the rule of the
// agreement it was received under, for the item's category. The originator's
// own copy is bound by none.
Result<OnwardRule> FindOnwardRule(const World& w, const boost::json::object& item,
                                  std::string_view party);

// Decides whether party may pass item on. ground is the one claimed
// (disclosure.onward) or empty for a share, where public domain or written
// consent must hold.
Status DecideOnward(const Proposal& p, const World& w, const boost::json::object& item,
                    std::string_view party, std::string_view ground, Decision* d);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_RULES_ONWARD_H_
