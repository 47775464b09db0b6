// Who must be told about an information request: the parties the touched
// information was shared with or received from, under an agreement whose
// foi_inform rule covers the request's regime (seed 000 §15: "Each
// department will keep the other informed of any FOI requests that relate
// to any of the information shared under this agreement").
#ifndef SHARETRAIL_POLICIES_RULES_COUNTERPARTIES_H_
#define SHARETRAIL_POLICIES_RULES_COUNTERPARTIES_H_

#include <string>
#include <vector>

#include "policies/decision.h"
#include "policies/world.h"

namespace sharetrail::policy {

struct Counterparty {
  std::string party;
  std::string agreement;
  int64_t version = 0;
  Cite cite;
  std::vector<std::string> items;  // the touched items shared with it (may be empty
                                   // when the request names categories)
};

// For a request received by `party` under `regime` ("foia", "eir", "sar")
// touching `items` and items of `categories`: one entry per (party,
// agreement), in the order the shares were made.
Result<std::vector<Counterparty>> WhoMustBeTold(const World& w, std::string_view party,
                                                std::string_view regime,
                                                const std::vector<std::string>& items,
                                                const std::vector<std::string>& categories);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_RULES_COUNTERPARTIES_H_
