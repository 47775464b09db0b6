// What every rule test checks about a refusal: the decision says "refuse"
// with the rule's id, and the ledger holds it as a `refused` entry carrying
// the attempt and the finding with its seed citation (DESIGN.md §3: "A
// refused action is never silently dropped").
#ifndef SHARETRAIL_TESTS_POLICIES_RULES_RULES_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_RULES_RULES_FIXTURE_H_

#include <string>

#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {

class RulesTest : public PolicyTest {
 protected:
  // r was refused by `rule`, and entry r.seq records the attempted `type`
  // with a finding for `rule` citing `seed`.
  void ExpectRefusedOnLedger(const Recorded& r, const std::string& type, const std::string& rule,
                             const std::string& seed) {
    ASSERT_TRUE(r.refused()) << r.status.ToString() << r.Findings();
    EXPECT_EQ(r.outcome(), "refuse");
    EXPECT_TRUE(r.Has(rule)) << r.Findings();
    json::object e = EntryAt(r.seq);
    EXPECT_EQ(e.at("type"), "refused");
    EXPECT_EQ(Str(e.at("body").at("attempt").as_object(), "type"), type);
    bool found = false;
    for (const auto& f : e.at("body").at("decision").at("findings").as_array()) {
      if (Str(f.as_object(), "rule") != rule) continue;
      found = true;
      EXPECT_EQ(f.at("severity"), "refuse");
      EXPECT_EQ(Str(f.at("cite").as_object(), "seed"), seed) << json::serialize(f);
    }
    EXPECT_TRUE(found) << "no finding " << rule << " on the ledger: " << json::serialize(e);
  }

  // The reason of the first finding with this rule id ("" if none).
  static std::string Reason(const Recorded& r, std::string_view rule) {
    if (!r.decision.contains("findings")) return "";
    for (const auto& f : r.decision.at("findings").as_array()) {
      if (Str(f.as_object(), "rule") == rule) return Str(f.as_object(), "reason");
    }
    return "";
  }

  // The citation of the first finding with this rule id (empty if none).
  static json::object CiteOf(const Recorded& r, std::string_view rule) {
    if (!r.decision.contains("findings")) return {};
    for (const auto& f : r.decision.at("findings").as_array()) {
      if (Str(f.as_object(), "rule") == rule) return f.at("cite").as_object();
    }
    return {};
  }

  // The text of the first obligation with this rule id ("" if none).
  static std::string Obligation(const Recorded& r, std::string_view rule) {
    if (!r.decision.contains("obligations")) return "";
    for (const auto& o : r.decision.at("obligations").as_array()) {
      if (Str(o.as_object(), "rule") == rule) return Str(o.as_object(), "text");
    }
    return "";
  }
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_RULES_RULES_FIXTURE_H_
