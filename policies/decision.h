// A Decision: what the rule engine says about one proposed event.
//
// Three outcomes (DESIGN.md §3: "A decision has three outcomes, not two"):
// allow, allow with warnings, refuse. Every finding names its rule and the
// seed paragraph the rule comes from, so a refusal on the ledger can be read
// against the agreement text. A refused proposal is still appended, as a
// `refused` entry carrying the attempt and this decision.
#ifndef SHARETRAIL_POLICIES_DECISION_H_
#define SHARETRAIL_POLICIES_DECISION_H_

#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace sharetrail::policy {

// Where a rule comes from: a seed file and paragraph, or a DESIGN.md reading.
struct Cite {
  std::string seed;  // e.g. "001_299748955bfc14b8.txt"
  std::string para;  // e.g. "Process for sharing, accessing and storing information ¶3"
  std::string quote;
  boost::json::object ToJson() const;
  static Cite FromJson(const boost::json::object& o);
  std::string Short() const;  // "001 Process for sharing… ¶3"
};

enum class Outcome { kAllow, kWarn, kRefuse };
const char* OutcomeName(Outcome o);

struct Finding {
  Outcome severity;  // kWarn or kRefuse
  std::string rule;  // stable id, e.g. "embargo.named-teams"
  Cite cite;
  std::string reason;  // one sentence a person can read
};

struct Obligation {
  std::string rule;
  std::string text;  // e.g. "apply marking 'Pre-publication report – …'"
};

class Decision {
 public:
  void Refuse(std::string rule, Cite cite, std::string reason);
  void Warn(std::string rule, Cite cite, std::string reason);
  void Oblige(std::string rule, std::string text);
  // The agreement version the decision applied (empty if none applied).
  void UseAgreement(const std::string& id, int64_t version);
  // A value the rules derived in deciding (an FOI answer's working days),
  // recorded with the decision so that a reader of the entry alone (an
  // evidence bundle's verifier) can recount what the report counts from it.
  void AddFact(std::string key, boost::json::value value);

  Outcome outcome() const;
  bool refused() const { return outcome() == Outcome::kRefuse; }
  const std::vector<Finding>& findings() const { return findings_; }
  const std::vector<Obligation>& obligations() const { return obligations_; }
  // The first refusing finding, or null.
  const Finding* first_refusal() const;

  // {"agreements":[{"id","version"}],"findings":[...],"obligations":[...],"outcome":"..."},
  // plus "facts":{...} if any were noted.
  boost::json::object ToJson() const;

 private:
  std::vector<Finding> findings_;
  std::vector<Obligation> obligations_;
  std::vector<std::pair<std::string, int64_t>> agreements_;
  boost::json::object facts_;
};

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_DECISION_H_
