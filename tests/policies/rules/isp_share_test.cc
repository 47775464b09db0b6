// Seed 001 rules on the share itself: the provider is told of concerns
// first, correspondence is protectively marked, the flow is one the protocol
// provides (recipient, purpose, method), and a party shares only what it
// holds.
#include "policies/queries.h"
#include "tests/policies/rules/isp_fixture.h"

namespace sharetrail::policy::testing {
namespace {

constexpr char kDesign[] = "DESIGN.md";

class IspShareTest : public IspTest {
 protected:
  // Ofsted's covering letter about concerns at Brightwater Care Ltd.
  void Letter(const std::string& id) {
    Recorded r = Item("o.policy", id, "concerns_letter",
                      {{"provider", "brightwater-care-ltd"}, {"agreement", kIsp}});
    ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  }
  Recorded ShareLetter(const std::string& id) {
    return Share("o.policy", id, "cqc", {{"purpose", "regulation"}, {"marking", nullptr}});
  }
  Recorded Notify(const std::string& user, const std::string& provider, json::array items) {
    return Record(user, "provider.notified",
                  {{"provider", provider},
                   {"items", std::move(items)},
                   {"summary", "systemic weaknesses in night staffing found on inspection"}});
  }
  // Ofsted's termly inspection plan: personal data unless extra says not.
  void Plan(const std::string& id, json::object extra = {}) {
    Recorded r = Item("o.policy", id, "inspection_plan", std::move(extra));
    ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  }
  Recorded SharePlan(const std::string& id, json::object extra = {}) {
    extra["purpose"] = "inspection";
    if (!extra.contains("method")) extra["method"] = "secure_email";
    extra["marking"] = nullptr;
    return Share("o.policy", id, "hmicfrs", std::move(extra));
  }
};

// 001 "Sharing inspection reports" ¶5: "the party that identifies the
// concerns will notify the service provider to which the concerns relate
// before informing the other parties."
TEST_F(IspShareTest, ProviderFirst_RefusedBeforeProviderNotified) {
  Letter("letter-1");
  Recorded r = ShareLetter("letter-1");
  ExpectRefusedOnLedger(r, "provider.first", "share");
  EXPECT_EQ(ParaOf(r, "provider.first"), "Sharing inspection reports ¶5");
}

// 001 "Sharing inspection reports" ¶5.
TEST_F(IspShareTest, ProviderFirst_AllowedAfterProviderNotified) {
  Letter("letter-1");
  Recorded n = Notify("o.policy", "brightwater-care-ltd", {"letter-1"});
  ASSERT_TRUE(n.allowed()) << n.status.ToString() << n.Findings();
  Recorded r = ShareLetter("letter-1");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "allow") << r.Findings();
}

// 001 "Sharing inspection reports" ¶5: the notification must cover this
// letter ("items including it").
TEST_F(IspShareTest, ProviderFirst_NotificationOfOtherItemsDoesNotCount) {
  Letter("letter-1");
  Letter("letter-2");
  ASSERT_TRUE(Notify("o.policy", "brightwater-care-ltd", {"letter-2"}).allowed());
  ExpectRefusedOnLedger(ShareLetter("letter-1"), "provider.first", "share");
  ASSERT_TRUE(Record("o.policy", "provider.notified",
                     {{"provider", "brightwater-care-ltd"}, {"summary", "concerns, no items"}})
                  .allowed());
  ExpectRefusedOnLedger(ShareLetter("letter-1"), "provider.first", "share");
}

// 001 "Sharing inspection reports" ¶5: "the service provider to which the
// concerns relate" — telling some other provider does not discharge it.
TEST_F(IspShareTest, ProviderFirst_NotifyingAnotherProviderDoesNotCount) {
  Letter("letter-1");
  ASSERT_TRUE(Notify("o.policy", "oakfield-homes-ltd", {"letter-1"}).allowed());
  ExpectRefusedOnLedger(ShareLetter("letter-1"), "provider.first", "share");
  ASSERT_TRUE(Notify("o.policy", "brightwater-care-ltd", {"letter-1"}).allowed());
  Recorded r = ShareLetter("letter-1");
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Sharing inspection reports" ¶5: until the owner records telling the
// provider, the letter is an outstanding notice (provider-notices); telling
// another provider does not clear it, telling the right one does.
TEST_F(IspShareTest, ProviderFirst_OutstandingNoticesUntilTheProviderIsTold) {
  auto notices = [this] {
    auto snap = ledger_->Read();
    EXPECT_TRUE(snap.ok());
    auto t = ProviderNotices(**snap);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    std::vector<std::string> rows;
    for (const auto& r : t->rows) {
      rows.push_back(std::string(r.at("item").as_string()) + " " +
                     std::string(r.at("party").as_string()) + " " +
                     std::string(r.at("provider").as_string()));
    }
    return rows;
  };
  Letter("letter-1");
  Letter("letter-2");
  Plan("plan-1");  // no provider: no notice
  EXPECT_EQ(notices(), (std::vector<std::string>{"letter-1 ofsted brightwater-care-ltd",
                                                 "letter-2 ofsted brightwater-care-ltd"}));
  ASSERT_TRUE(Notify("o.policy", "oakfield-homes-ltd", {"letter-1"}).allowed());
  EXPECT_EQ(notices().size(), 2u);
  ASSERT_TRUE(Notify("o.policy", "brightwater-care-ltd", {"letter-1"}).allowed());
  EXPECT_EQ(notices(), (std::vector<std::string>{"letter-2 ofsted brightwater-care-ltd"}));
}

// 001 "Sharing inspection reports" ¶6: "Where required, correspondence must
// be protectively marked with the appropriate Government Security
// Classification", required (DESIGN.md §3) whenever it carries personal data.
TEST_F(IspShareTest, ProtectiveMarking_PersonalDataNeedsClassification) {
  Plan("plan-1", {{"classification", "official"}});
  Recorded r = SharePlan("plan-1", {{"classification", nullptr}});
  ExpectRefusedOnLedger(r, "marking.classification", "share");
  EXPECT_EQ(ParaOf(r, "marking.classification"), "Sharing inspection reports ¶6");
  r = SharePlan("plan-1", {{"classification", "official"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Sharing inspection reports" ¶6: "the appropriate" classification is
// not one below the item's own.
TEST_F(IspShareTest, ProtectiveMarking_ClassificationNotBelowTheItems) {
  Plan("plan-1");  // official-sensitive
  Recorded r = SharePlan("plan-1", {{"classification", "official"}});
  ExpectRefusedOnLedger(r, "marking.classification", "share");
  r = SharePlan("plan-1", {{"classification", "official-sensitive"}});
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  r = SharePlan("plan-1", {{"classification", "secret"}});
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Sharing inspection reports" ¶6: "and include instructions on how the
// recipient/s should handle the information".
TEST_F(IspShareTest, ProtectiveMarking_PersonalDataNeedsHandlingInstructions) {
  Plan("plan-1");
  Recorded r = SharePlan("plan-1", {{"handling", nullptr}});
  ExpectRefusedOnLedger(r, "marking.handling", "share");
  EXPECT_FALSE(r.Has("marking.classification"));
  r = SharePlan("plan-1");
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Sharing inspection reports" ¶6: "Where required" — not for an
// OFFICIAL item without personal data.
TEST_F(IspShareTest, ProtectiveMarking_NotRequiredWithoutPersonalData) {
  Plan("plan-1", {{"classification", "official"}, {"personal_data", false}});
  Recorded r = SharePlan("plan-1", {{"classification", nullptr}, {"handling", nullptr}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "allow");
}

// 001 "Sharing inspection reports" ¶6 with DESIGN.md §3: "personal or
// sensitive" — an OFFICIAL-SENSITIVE item needs marking without personal data.
TEST_F(IspShareTest, ProtectiveMarking_SensitiveItemNeedsMarkingToo) {
  Plan("plan-1", {{"personal_data", false}});  // official-sensitive
  Recorded r = SharePlan("plan-1", {{"classification", nullptr}, {"handling", nullptr}});
  ExpectRefusedOnLedger(r, "marking.classification", "share");
  EXPECT_TRUE(r.Has("marking.handling"));
}

// 001 "Sharing inspection reports" ¶1: pre-publication reports go to the
// parties to the protocol; DfE is not one.
TEST_F(IspShareTest, ShareContext_UnlistedRecipientRefused) {
  Report("rep-1");
  Recorded r = Share("o.policy", "rep-1", "dfe");
  ExpectRefusedOnLedger(r, "share.recipient", "share");
  EXPECT_EQ(ParaOf(r, "share.recipient"), "Sharing inspection reports ¶1");
  EXPECT_TRUE(Share("o.policy", "rep-1", "hmcpsi").allowed());
}

// 001 "Process for sharing, accessing and storing information" ¶1: "The
// inspection reports and covering letters will be sent by email"; 001
// "Sharing other information" ¶3: plans go "through a secure email system or
// secure online portal".
TEST_F(IspShareTest, ShareContext_WrongMethodRefused) {
  Report("rep-1");
  Recorded r = Share("o.policy", "rep-1", "cqc", {{"method", "secure_email"}});
  ExpectRefusedOnLedger(r, "share.method", "share");
  EXPECT_EQ(ParaOf(r, "share.method"), "Process for sharing, accessing and storing information ¶1");
  Plan("plan-1");
  r = SharePlan("plan-1", {{"method", "email"}});
  ExpectRefusedOnLedger(r, "share.method", "share");
  EXPECT_EQ(ParaOf(r, "share.method"), "Sharing other information ¶3, first example");
  EXPECT_TRUE(SharePlan("plan-1", {{"method", "secure_portal"}}).allowed());
}

// 001 "Purpose of sharing the reports" ¶1: reports are shared so that the
// parties can respond to queries after publication.
TEST_F(IspShareTest, ShareContext_PurposeOutsideTheProtocolRefused) {
  Report("rep-1");
  Recorded r = Share("o.policy", "rep-1", "cqc", {{"purpose", "research"}});
  ExpectRefusedOnLedger(r, "share.purpose", "share");
  EXPECT_EQ(ParaOf(r, "share.purpose"), "Purpose of sharing the reports ¶1");
}

// 001 "Introduction and background" ¶1: the protocol provides particular
// flows; a category it provides no flow for cannot be shared under it.
TEST_F(IspShareTest, ShareContext_CategoryWithoutAFlowRefused) {
  ASSERT_TRUE(Item("o.policy", "case-1", "casework_summary").allowed());
  Recorded r = Share("o.policy", "case-1", "cqc", {{"marking", nullptr}});
  ExpectRefusedOnLedger(r, "share.context", "share", kDesign);
}

// 003 (privacy notice) lists recipients "including" ...: DESIGN.md §3 reads
// an unlisted recipient as a warning, not a refusal.
TEST_F(IspShareTest, ShareContext_PrivacyNoticeUnlistedRecipientWarns) {
  ASSERT_TRUE(Item("o.inspector", "ev-1", "inspection_evidence").allowed());
  Recorded r = Record("o.inspector", "share",
                      ShareBody("o.inspector", "ev-1", "brightwater-care-ltd",
                                {{"agreement", "ofsted-social-care-privacy-notice"},
                                 {"purpose", "inspection"},
                                 {"method", "secure_email"},
                                 {"marking", nullptr}}));
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "warn");
  EXPECT_TRUE(r.Has("share.recipient"));
  json::object e = EntryAt(r.seq);
  EXPECT_EQ(e.at("type"), "share");
  const auto& f = e.at("body").at("decision").at("findings").at(0);
  EXPECT_EQ(f.at("rule"), "share.recipient");
  EXPECT_EQ(f.at("severity"), "warn");
  EXPECT_EQ(f.at("cite").at("seed"), "003_447556de3e704e80.txt");
}

// 001 "Information sharing protocol" (its parties): DfE is not a party and
// shares nothing under the protocol.
TEST_F(IspShareTest, ShareContext_NonPartyRefused) {
  ASSERT_TRUE(Item("d.data", "plan-d", "inspection_plan").allowed());
  Recorded r = Share("d.data", "plan-d", "ofsted",
                     {{"purpose", "inspection"}, {"method", "secure_email"}, {"marking", nullptr}});
  ExpectRefusedOnLedger(r, "share.agreement-party", "share");
}

// Party scope (DESIGN.md "Standards"): a party shares, reads and discloses
// only what it holds.
TEST_F(IspShareTest, ScopeParty_ShareOfItemNotHeldRefused) {
  Report("rep-1");
  Recorded r = Share("p.smt", "rep-1", "cqc");
  ExpectRefusedOnLedger(r, "scope.party", "share", kDesign);
  ASSERT_TRUE(Share("o.policy", "rep-1", "hmi-prisons").allowed());
  ASSERT_TRUE(Record("o.policy", "consent.given",
                     {{"item", "rep-1"}, {"to", "hmi-prisons"}, {"reference", "OFS-1"}})
                  .allowed());
  r = Share("p.smt", "rep-1", "cqc");
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// Party scope (DESIGN.md "Standards").
TEST_F(IspShareTest, ScopeParty_AccessAndDisclosureOfItemNotHeldRefused) {
  Report("rep-1");
  Recorded r = Record("h.pvp", "access", {{"item", "rep-1"}});
  ExpectRefusedOnLedger(r, "scope.party", "access", kDesign);
  r = Record("h.pvp", "disclosure.onward",
             {{"item", "rep-1"},
              {"to", "a journalist"},
              {"ground", "public_domain"},
              {"purpose", "press query"}});
  ExpectRefusedOnLedger(r, "scope.party", "disclosure.onward", kDesign);
  r = Record("c.chj", "provider.notified",
             {{"provider", "brightwater-care-ltd"},
              {"items", json::array{"rep-1"}},
              {"summary", "concerns"}});
  ExpectRefusedOnLedger(r, "scope.party", "provider.notified", kDesign);
}

// Party scope (DESIGN.md §2 items "with owner"): a party registers only its
// own items.
TEST_F(IspShareTest, ScopeParty_RegisteringAnotherPartysItemRefused) {
  Recorded r = Item("c.chj", "rep-x", "inspection_report", {{"owner", "ofsted"}});
  ExpectRefusedOnLedger(r, "scope.party", "item.registered", kDesign);
}

// 001 "Sharing inspection reports" ¶3: where children are at risk of
// significant harm a concerns letter may go ahead of the report, for
// safeguarding. Two flows carry concerns letters; the share is judged by the
// one it fits, so this purpose is not refused by the covering-letter flow.
TEST_F(IspShareTest, ShareContext_AdvanceConcernsLetterForSafeguarding) {
  Recorded item = Item("o.policy", "advance-letter", "concerns_letter",
                       {{"provider", "brightwater-care-ltd"}, {"agreement", kIsp}});
  ASSERT_TRUE(item.allowed()) << item.Findings();
  ASSERT_TRUE(Record("o.policy", "provider.notified",
                     {{"provider", "brightwater-care-ltd"},
                      {"items", json::array{"advance-letter"}},
                      {"summary", "risk of significant harm identified on inspection"}})
                  .allowed());
  Recorded r = Share("o.policy", "advance-letter", "hmicfrs",
                     {{"purpose", "safeguarding"}, {"marking", nullptr}});
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_FALSE(r.Has("share.purpose"));
}

}  // namespace
}  // namespace sharetrail::policy::testing
