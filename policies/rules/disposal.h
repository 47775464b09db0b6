// What stands between an item and its lawful disposal: holds (the IICSA
// no-destroy hold first, seed 000 §13), a retention review owed after the
// IICSA hold is lifted (000 §13 with the DESIGN.md §3 reading), and the
// retention class's minimum (seed 003 "How long we keep personal data").
// Used by the deletion checks and by may-delete, so both give one answer.
#ifndef SHARETRAIL_POLICIES_RULES_DISPOSAL_H_
#define SHARETRAIL_POLICIES_RULES_DISPOSAL_H_

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "policies/rules/rules.h"

namespace sharetrail::policy {

// Active holds (not lifted) that cover the item. Holds bind every copy at
// every party: an inquiry's no-destroy notice follows the information.
Result<std::vector<boost::json::object>> HoldsCovering(const World& w,
                                                       const boost::json::object& item);

// When the retention minimum ends: `until` is set once it can be computed;
// otherwise `why` says what is missing (no class, trigger not yet recorded).
struct Retention {
  std::optional<Date> until;
  std::string klass, why;
  Cite cite;
  bool defined = false;  // a registered agreement defines klass
};
Result<Retention> RetentionOf(const World& w, const boost::json::object& item);
// Whether a registered agreement defines the retention class.
Result<bool> RetentionClassKnown(const World& w, std::string_view klass);
// The events a registered retention class runs from (its "runs_from", other
// than the item's own evidence_date), sorted: what retention.trigger may
// name. The agreements say which exist (registration_end, investigation_end,
// research_end in seed 003; case_closed or agreement_ended where an
// agreement file adds a class that runs from them).
Result<std::vector<std::string>> RetentionTriggers(const World& w);

// Open information requests touching the item (FOIA s77, DPA 2018 s173):
// an automatic hold at every party, released only by the answer and the
// end of the windows to challenge it (foi.h OpenUntil).
Status CheckOpenRequests(const World& w, const boost::json::object& item, Date today, Decision* d);

// Adds a refusal for every reason `party` may not dispose of `item` on
// `today`; adds nothing if it may. item must carry its "item" id.
Status CheckDisposalBlockers(const World& w, const boost::json::object& item,
                             std::string_view party, Date today, Decision* d);

// Subject erasure (UK GDPR art 17): the items referring to `subject` that
// `party` holds, each with what stops its disposal today (empty: nothing).
// The erasure is decided item by item on the same path as a deletion
// request, so a hold beats it and the answer names the hold.
struct ErasureItem {
  std::string item;
  Decision blockers;
};
Result<std::vector<ErasureItem>> ErasureItems(const World& w, std::string_view subject,
                                              std::string_view party, Date today);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_RULES_DISPOSAL_H_
