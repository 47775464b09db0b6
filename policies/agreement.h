// An agreement as executable policy: the parsed form of one file in
// policies/agreements/ (format in docs/policy-format.md).
//
// Agreements reach the engine only through the ledger (`agreement.registered`
// / `agreement.amended` carry the whole document), so every decision can be
// replayed from the log alone and names the version it used.
#ifndef SHARETRAIL_POLICIES_AGREEMENT_H_
#define SHARETRAIL_POLICIES_AGREEMENT_H_

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/status.h"
#include "policies/date.h"
#include "policies/decision.h"

namespace sharetrail::policy {

// A permitted flow of information under the agreement.
struct Context {
  std::string id;
  std::vector<std::string> from, to;                       // party ids, or "kind:<party kind>"
  std::vector<std::string> categories, purposes, methods;  // empty methods: any
  bool unlisted_refuse = true;  // else an unlisted recipient is only a warning
  Cite cite;
  // Where the purposes and methods come from, when the file cites them apart
  // from the flow itself ("purposes_cite", "methods_cite"); else `cite`.
  Cite purposes_cite, methods_cite;
};

// One rule the agreement switches on, with its parameters (the rest of its
// JSON object); the C++ that applies it is in policies/rules/.
struct RuleSpec {
  std::string kind;
  Cite cite;
  boost::json::object params;
  std::vector<std::string> Strings(std::string_view key) const;
  std::string String(std::string_view key) const;
  // A parameter's own citation (key "<param>_cite"), else the rule's.
  Cite CiteFor(std::string_view param) const;
};

struct Review {
  std::optional<int> first_months;  // after `agreed`
  std::optional<int> then_months;   // after the last review held
  bool on_request = false;          // later reviews only when a signatory asks
  Cite cite;
};

struct Agreement {
  std::string id, title, seed;
  Date agreed;
  std::vector<std::string> parties;
  std::map<std::string, std::vector<std::string>> named_teams;
  Review review;
  std::vector<Context> contexts;
  std::vector<RuleSpec> rules;
  int64_t version = 0;  // set by the engine from the ledger

  bool HasParty(std::string_view party) const;
  std::vector<const RuleSpec*> Rules(std::string_view kind) const;
  // Rules of `kind` whose "categories" parameter lists category (or that
  // have none).
  std::vector<const RuleSpec*> RulesFor(std::string_view kind, std::string_view category) const;
};

// Where an agreement's reviews stand on `today` (its review clause, seeds
// 000-004), given the last review held (nullopt: none yet) and whether it
// ended the agreement: when the next is due, and the state the reviews list
// and the annual report show: "terminated", "on request", "overdue" or
// "due YYYY-MM-DD".
struct ReviewPosition {
  std::optional<Date> due;
  std::string state;
};
ReviewPosition ReviewPositionOn(const Agreement& a, std::optional<Date> last_held, bool terminated,
                                Date today);

// Checks the document's shape; errors name the path, e.g.
// "agreement.contexts[2].from[0]: expected an id".
// Refuses a rule whose kind is not one of kRuleKinds.
Result<Agreement> ParseAgreement(const boost::json::object& doc);
extern const std::vector<std::string_view> kRuleKinds;

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_AGREEMENT_H_
