// The engine as a whole: malformed input appends nothing, refusals are
// recorded with rule and citation, the directory is the source of actors,
// decisions name the agreement version, and the derived state verifies and
// replays.
#include "policies/engine.h"

#include <fstream>

#include "ledger/verify.h"
#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class EngineTest : public PolicyTest {
 protected:
  // The shipped inspectorates ISP as an agreement.amended event.
  Event IspAmendment(const std::string& reason) { return AmendmentOf("inspectorates-isp", reason); }
};

TEST_F(EngineTest, UnknownTypeIsMalformedAndAppendsNothing) {
  uint64_t before = Size();
  Recorded r = Record("o.arc", "shared", {{"item", "x"}});
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("unknown event type \"shared\""), std::string::npos);
  EXPECT_EQ(Size(), before);
}

TEST_F(EngineTest, SchemaErrorsNameTheField) {
  uint64_t before = Size();
  Recorded r = Item("o.arc", "bad id", "inspection_report");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.item"), std::string::npos) << r.status.message();
  r = Item("o.arc", "i1", "inspection_report", {{"colour", "red"}});
  EXPECT_NE(r.status.message().find("body.colour: unknown field"), std::string::npos);
  r = Item("o.arc", "i1", "inspection_report", {{"evidence_date", "2025-02-30"}});
  EXPECT_NE(r.status.message().find("body.evidence_date"), std::string::npos) << r.status.message();
  r = Record("o.arc", "share", {{"items", json::array{"nope"}}});
  EXPECT_NE(r.status.message().find("body.to: required"), std::string::npos) << r.status.message();
  EXPECT_EQ(Size(), before);
}

TEST_F(EngineTest, UnknownReferencesAreMalformed) {
  uint64_t before = Size();
  Recorded r = Record("o.arc", "access", {{"item", "no-such-item"}});
  EXPECT_NE(r.status.message().find("body.item: unknown item \"no-such-item\""), std::string::npos);
  r = Record("nobody", "access", {{"item", "x"}});
  EXPECT_NE(r.status.message().find("actor.user: unknown user"), std::string::npos);
  EXPECT_EQ(Size(), before);
}

TEST_F(EngineTest, BootstrapClosesOnceAnAdministratorExists) {
  Recorded r = Record("stranger", "party.registered",
                      {{"party", "new-body"},
                       {"name", "New"},
                       {"kind", "other_public_body"},
                       {"teams", json::object{}}});
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("unknown user"), std::string::npos);
}

TEST_F(EngineTest, RoleNotHeldIsRefusedAndRecorded) {
  Recorded r = Record("o.arc", "party.registered",
                      {{"party", "new-body"},
                       {"name", "New"},
                       {"kind", "other_public_body"},
                       {"teams", json::object{}}},
                      "admin");
  ASSERT_TRUE(r.refused()) << r.status.ToString();
  EXPECT_TRUE(r.Has("scope.role"));
  json::object e = EntryAt(r.seq);
  EXPECT_EQ(e.at("type"), "refused");
  EXPECT_EQ(e.at("body").at("attempt").at("type"), "party.registered");
  EXPECT_EQ(e.at("actor").at("user"), "o.arc");
  EXPECT_EQ(e.at("actor").at("party"), "ofsted");  // from the directory
}

// Auditors act on nothing; their reads are recorded as access like
// everyone's (the API records every item read), and allowed for any item.
TEST_F(EngineTest, AuditorsReadButDoNotAct) {
  Item("o.arc", "rep-1", "inspection_report");
  Recorded r = Item("o.audit", "rep-2", "inspection_report");
  EXPECT_TRUE(r.refused());
  EXPECT_TRUE(r.Has("scope.role"));
  r = Record("o.audit", "publication", {{"item", "rep-1"}, {"date", "2025-03-03"}});
  EXPECT_TRUE(r.refused());
  EXPECT_TRUE(r.Has("scope.role"));
  EXPECT_TRUE(Record("o.audit", "access", {{"item", "rep-1"}}).allowed());
}

TEST_F(EngineTest, DecisionNamesTheAgreementVersionInForce) {
  Recorded r = Record(
      "o.siro", "agreement.reviewed",
      {{"agreement", "inspectorates-isp"}, {"date", "2025-03-01"}, {"outcome", "continued"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.decision.at("agreements").at(0).at("version"), 1);

  ASSERT_TRUE(Record(IspAmendment("annual review: contacts updated")).allowed());
  r = Record(
      "o.siro", "agreement.reviewed",
      {{"agreement", "inspectorates-isp"}, {"date", "2025-03-02"}, {"outcome", "continued"}});
  EXPECT_EQ(r.decision.at("agreements").at(0).at("version"), 2);
}

// docs/policy-format.md: a rule of a kind no check reads would load and bind
// nothing, so an agreement naming one (a typo) is refused and appends nothing.
TEST_F(EngineTest, MisspeltRuleKindIsRefusedByName) {
  Event amend = IspAmendment("typo in a rule kind");
  json::array& rules = amend.body["agreement"].as_object()["rules"].as_array();
  ASSERT_FALSE(rules.empty());
  rules[0].as_object()["rule"] = "onward_disclosre";
  uint64_t size = Size();
  Recorded r = Record(amend);
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("rules[0].rule: unknown rule kind \"onward_disclosre\""),
            std::string::npos)
      << r.status.ToString();
  EXPECT_NE(r.status.message().find("onward_disclosure"), std::string::npos)
      << "the error lists the known kinds";
  EXPECT_EQ(Size(), size);
  // Every known kind is described where agreement authors look.
  std::ifstream doc(std::string(SHARETRAIL_SOURCE_DIR) + "/docs/policy-format.md");
  std::string text((std::istreambuf_iterator<char>(doc)), {});
  for (std::string_view k : kRuleKinds) {
    EXPECT_NE(text.find("`" + std::string(k) + "`"), std::string::npos)
        << k << " is not described in docs/policy-format.md";
  }
}

TEST_F(EngineTest, DerivedStateVerifiesAndReplaysIdentically) {
  Item("o.arc", "rep-1", "inspection_report",
       {{"pre_publication", true}, {"agreement", "inspectorates-isp"}});
  Record("o.policy", "share",
         {{"items", json::array{"rep-1"}},
          {"to", "cqc"},
          {"agreement", "inspectorates-isp"},
          {"purpose", "respond_to_queries"},
          {"lawful_basis", "EIA 2006 Sch 13 para 8"},
          {"necessity", "to answer queries after publication"},
          {"decided_by", "o.policy"},
          {"method", "email"}});
  auto report = Verify(*ledger_, {});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_GT(report->state_records, 100u);

  std::string before;
  {
    auto snap = ledger_->Read();
    ASSERT_TRUE((*snap)
                    ->Scan("", "",
                           [&](std::string_view k, std::string_view v) {
                             before.append(k).append("=").append(v).append("\n");
                             return true;
                           })
                    .ok());
  }
  ledger_.reset();
  LedgerOptions o;
  o.state_machine = engine_;
  o.reindex = true;
  auto l = Ledger::Open(dir_.path(), o);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  std::string after;
  auto snap = (*l)->Read();
  ASSERT_TRUE((*snap)
                  ->Scan("", "",
                         [&](std::string_view k, std::string_view v) {
                           after.append(k).append("=").append(v).append("\n");
                           return true;
                         })
                  .ok());
  EXPECT_EQ(before, after);
}

}  // namespace
}  // namespace sharetrail::policy::testing
