// Helpers for the seed 001 (inspectorates' information sharing protocol)
// rule tests: a share body that satisfies every rule unless a test breaks
// one on purpose, and the check that a refusal reached the ledger with its
// rule and citation.
#ifndef SHARETRAIL_TESTS_POLICIES_RULES_ISP_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_RULES_ISP_FIXTURE_H_

#include <string>

#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {

constexpr char kIsp[] = "inspectorates-isp";
constexpr char kSeed001[] = "001_299748955bfc14b8.txt";
// With the en dash, exactly as the seed's "Process for sharing…" ¶2 has it.
constexpr char kMarking[] =
    "Pre-publication report \u2013 not to be shared beyond authorised reviewers";

class IspTest : public PolicyTest {
 protected:
  // An Ofsted pre-publication inspection report under the protocol.
  void Report(const std::string& id, json::object extra = {}) {
    extra["pre_publication"] = true;
    extra["agreement"] = kIsp;
    Recorded r = Item("o.policy", id, "inspection_report", std::move(extra));
    ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  }

  // A share that satisfies the protocol for a pre-publication report from
  // `user`'s party to `to`; `extra` overrides fields (a null value removes
  // the field).
  json::object ShareBody(const std::string& user, const std::string& item, const std::string& to,
                         json::object extra = {}) {
    json::object body{{"items", json::array{json::value(item)}},
                      {"to", to},
                      {"agreement", kIsp},
                      {"purpose", "respond_to_queries"},
                      {"lawful_basis", "EIA 2006 Sch 13 para 8"},
                      {"necessity", "to answer queries promptly after publication"},
                      {"decided_by", user},
                      {"method", "email"},
                      {"classification", "official-sensitive"},
                      {"handling", "named reviewers only; do not forward"},
                      {"marking", kMarking}};
    for (auto& kv : extra) {
      if (kv.value().is_null()) {
        body.erase(kv.key());
      } else {
        body[kv.key()] = kv.value();
      }
    }
    return body;
  }
  Recorded Share(const std::string& user, const std::string& item, const std::string& to,
                 json::object extra = {}) {
    return Record(user, "share", ShareBody(user, item, to, std::move(extra)));
  }

  // The refusal is on the ledger: a `refused` entry carrying the attempt and
  // a finding for `rule` citing `seed`.
  void ExpectRefusedOnLedger(const Recorded& r, const std::string& rule,
                             const std::string& attempt_type, const std::string& seed = kSeed001) {
    ASSERT_TRUE(r.refused()) << r.status.ToString() << r.Findings();
    EXPECT_EQ(r.outcome(), "refuse");
    EXPECT_TRUE(r.Has(rule)) << r.Findings();
    json::object e = EntryAt(r.seq);
    EXPECT_EQ(e.at("type"), "refused");
    EXPECT_EQ(e.at("body").at("attempt").at("type"), attempt_type.c_str());
    bool found = false;
    for (const auto& f : e.at("body").at("decision").at("findings").as_array()) {
      if (f.at("rule") != rule.c_str()) continue;
      found = true;
      EXPECT_EQ(f.at("severity"), "refuse");
      EXPECT_EQ(f.at("cite").at("seed"), seed.c_str()) << json::serialize(f);
      EXPECT_FALSE(f.at("cite").at("para").as_string().empty());
    }
    EXPECT_TRUE(found) << "no finding " << rule << " on the ledger at seq " << r.seq;
  }

  // The citation paragraph (or quote) of the first finding for rule.
  static std::string ParaOf(const Recorded& r, const std::string& rule,
                            const char* field = "para") {
    for (const auto& f : r.decision.at("findings").as_array()) {
      if (f.at("rule") != rule.c_str()) continue;
      const json::value* v = f.at("cite").as_object().if_contains(field);
      return v != nullptr ? std::string(v->as_string()) : "";
    }
    return "";
  }
  static std::string QuoteOf(const Recorded& r, const std::string& rule) {
    return ParaOf(r, rule, "quote");
  }
  static bool HasObligation(const Recorded& r, const std::string& rule) {
    for (const auto& o : r.decision.at("obligations").as_array()) {
      if (o.at("rule") == rule.c_str()) return true;
    }
    return false;
  }
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_RULES_ISP_FIXTURE_H_
