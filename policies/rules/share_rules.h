// The agreement rules a share must satisfy beyond its context: embargo
// marking, provider first, protective marking, permitted fields, the daily
// summary's channel and the register of children's homes.
#ifndef SHARETRAIL_POLICIES_RULES_SHARE_RULES_H_
#define SHARETRAIL_POLICIES_RULES_SHARE_RULES_H_

#include <memory>
#include <vector>

#include "policies/rules/rules.h"

namespace sharetrail::policy {

struct ShareFacts {
  std::vector<boost::json::object> items;  // item records, each with "item"
  std::string to, to_kind;
  std::shared_ptr<const Agreement> agreement;
};

Status CheckShareRules(const Proposal& p, const World& w, const ShareFacts& f, Decision* d);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_RULES_SHARE_RULES_H_
