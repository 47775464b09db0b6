// The questions about shares (DESIGN.md §4): shared-with, provenance,
// refusals and may-disclose, asked in-process against the fixture's ledger.
#include <algorithm>

#include "tests/policies/queries_fixture.h"

// Filters are written with designated initializers naming only what is
// asked; GCC 12 warns about the members left to their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace sharetrail::policy::testing {
namespace {

class SharesQueriesTest : public QueriesTest {
 protected:
  Table Shared(const ShareFilter& f) {
    return Ask([&](const Snapshot& s) { return SharedWith(s, f); });
  }
  Table Refused(const RefusalFilter& f) {
    return Ask([&](const Snapshot& s) { return Refusals(s, f); });
  }
  json::object May(const std::string& item, const std::string& by, const std::string& to) {
    Table t = Ask(
        [&](const Snapshot& s) { return MayDisclose(*engine_, s, item, by, to, D("2025-03-03")); });
    return t.rows.empty() ? json::object{} : t.rows[0].as_object();
  }
};

// DESIGN.md §4 "Shared-with-whom (by party, agreement, item, category, period)".
TEST_F(SharesQueriesTest, SharedWithFiltersByPartyAgreementItemCategoryAndPeriod) {
  uint64_t s1 = ReportSharedWithCqc("rep-a");
  SetToday("2025-03-04");
  ASSERT_TRUE(Item("o.arc", "ni-1", "notifiable_incident_summary",
                   {{"fields", json::array{"reference_number", "local_authority"}}})
                  .allowed());
  uint64_t s2 = Share("o.arc", {"ni-1"}, "dfe", kNotifiable,
                      {{"purpose", "safeguarding"},
                       {"method", "secure_platform"},
                       {"password_protected", true}})
                    .seq;
  // 001 lists no DfE recipient for reports: refused, so never "shared".
  ASSERT_TRUE(Share("o.policy", {"rep-a"}, "dfe", kIsp, {{"marking", kMarking}}).refused());
  SetToday("2025-03-05");
  ASSERT_TRUE(Item("o.policy", "plan-1", "inspection_plan", {{"personal_data", false}}).allowed());
  Recorded r3 = Share("o.policy", {"plan-1"}, "hmicfrs", kIsp,
                      {{"purpose", "inspection"}, {"method", "secure_email"}});
  ASSERT_TRUE(r3.allowed()) << r3.Findings();
  uint64_t s3 = r3.seq;

  using V = std::vector<uint64_t>;
  EXPECT_EQ(Seqs(Shared({.party = "ofsted"})), (V{s1, s2, s3}));
  EXPECT_EQ(Seqs(Shared({.party = "cqc"})), (V{s1}));
  EXPECT_EQ(Seqs(Shared({.party = "dfe"})), (V{s2}));
  EXPECT_EQ(Seqs(Shared({.agreement = kIsp})), (V{s1, s3}));
  EXPECT_EQ(Seqs(Shared({.item = "rep-a"})), (V{s1}));
  EXPECT_EQ(Seqs(Shared({.category = "inspection_plan"})), (V{s3}));
  EXPECT_EQ(Seqs(Shared({.party = "ofsted", .from = D("2025-03-04"), .to = D("2025-03-04")})),
            (V{s2}));
  EXPECT_EQ(Seqs(Shared({.party = "ofsted", .from = D("2025-03-04")})), (V{s2, s3}));
  EXPECT_EQ(Seqs(Shared({.party = "ofsted", .to = D("2025-03-04")})), (V{s1, s2}));
  EXPECT_EQ(Seqs(Shared({.item = "rep-a", .from = D("2025-03-04")})), V{});
  EXPECT_EQ(Seqs(Shared({.party = "cqc", .agreement = kNotifiable})), V{});

  json::object row = Shared({.item = "rep-a"}).rows[0].as_object();
  EXPECT_EQ(row.at("from"), "ofsted");
  EXPECT_EQ(row.at("to"), "cqc");
  EXPECT_EQ(row.at("agreement"), kIsp);
  EXPECT_EQ(row.at("purpose"), "respond_to_queries");
  EXPECT_EQ(row.at("items"), (json::array{"rep-a"}));
  EXPECT_EQ(row.at("categories"), (json::array{"inspection_report"}));
  EXPECT_EQ(CellText(row.at("time")).substr(0, 10), "2025-03-03");
  EXPECT_FALSE(Try([](const Snapshot& s) { return SharedWith(s, {}); }).ok());
}

TEST_F(SharesQueriesTest, PagesGoOnFromNextAfterAcrossDays) {
  std::vector<uint64_t> seqs;
  for (int i = 0; i < 5; ++i) {
    if (i == 3) SetToday("2025-03-04");  // a page boundary that is also a day boundary
    seqs.push_back(ReportSharedWithCqc("rep-" + std::to_string(i)));
  }
  Table p1 = Shared({.party = "cqc", .page = {.limit = 2}});
  EXPECT_EQ(Seqs(p1), (std::vector<uint64_t>{seqs[0], seqs[1]}));
  ASSERT_EQ(p1.next_after, seqs[1]);
  Table p2 = Shared({.party = "cqc", .page = {.after = p1.next_after, .limit = 2}});
  EXPECT_EQ(Seqs(p2), (std::vector<uint64_t>{seqs[2], seqs[3]}));
  ASSERT_EQ(p2.next_after, seqs[3]);
  Table p3 = Shared({.party = "cqc", .page = {.after = p2.next_after, .limit = 2}});
  EXPECT_EQ(Seqs(p3), (std::vector<uint64_t>{seqs[4]}));
  EXPECT_FALSE(p3.next_after) << "the last page says there is no more";
  // Exactly a page left: no promise of more.
  EXPECT_FALSE(Shared({.party = "cqc", .page = {.after = seqs[2], .limit = 2}}).next_after);

  // A limit of 0 used to read the last row of an empty page (a crash in the
  // CLI); it is now refused as bad input by every paged question.
  Page zero{.limit = 0};
  EXPECT_EQ(Try([&](const Snapshot& s) { return SharedWith(s, {.party = "cqc", .page = zero}); })
                .status()
                .code(),
            Code::kInvalidArgument);
  EXPECT_EQ(Try([&](const Snapshot& s) { return Provenance(s, "rep-0", zero); }).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(Try([&](const Snapshot& s) { return Refusals(s, {.page = zero}); }).status().code(),
            Code::kInvalidArgument);
}

// DESIGN.md §3 "A refused action is never silently dropped" and §4 provenance.
TEST_F(SharesQueriesTest, ProvenanceListsEveryEntryInOrderWithRefusedAttempts) {
  uint64_t shared = ReportSharedWithCqc("rep-a");
  ASSERT_TRUE(Item("o.policy", "rep-b", "inspection_report").allowed());  // not rep-a's
  ASSERT_TRUE(Record("c.chj", "access", {{"item", "rep-a"}}).allowed());
  Recorded refused = Record("c.foi", "access", {{"item", "rep-a"}});
  ASSERT_TRUE(refused.refused());
  ASSERT_TRUE(
      Record("o.policy", "publication", {{"item", "rep-a"}, {"date", "2025-03-03"}}).allowed());

  Table t = Ask([](const Snapshot& s) { return Provenance(s, "rep-a", {}); });
  EXPECT_EQ(Column(t, "type"), (std::vector<std::string>{"item.registered", "share", "access",
                                                         "refused access", "publication"}));
  EXPECT_EQ(Column(t, "user"),
            (std::vector<std::string>{"o.policy", "o.policy", "c.chj", "c.foi", "o.policy"}));
  EXPECT_EQ(Column(t, "party"),
            (std::vector<std::string>{"ofsted", "ofsted", "cqc", "cqc", "ofsted"}));
  EXPECT_EQ(Column(t, "outcome"),
            (std::vector<std::string>{"allow", "allow", "allow", "refuse", "allow"}));
  EXPECT_EQ(Column(t, "rule"), (std::vector<std::string>{"", "", "", "embargo.named-teams", ""}));
  std::vector<uint64_t> seqs = Seqs(t);
  EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()));

  Table page = Ask([&](const Snapshot& s) { return Provenance(s, "rep-a", {shared, 2}); });
  EXPECT_EQ(Seqs(page), (std::vector<uint64_t>{seqs[2], refused.seq}));
  EXPECT_EQ(page.next_after, refused.seq);
  EXPECT_EQ(Try([](const Snapshot& s) { return Provenance(s, "no-such", {}); }).status().code(),
            Code::kNotFound);
}

TEST_F(SharesQueriesTest, RefusalsFilterByRuleAndParty) {
  ReportSharedWithCqc("rep-a");
  uint64_t foi = Record("c.foi", "access", {{"item", "rep-a"}}).seq;
  uint64_t prisons = Record("p.smt", "jtai.requested",
                            {{"inspection", "jtai-1"},
                             {"request", "req-p"},
                             {"agency", "northshire-county-council"},
                             {"description", "cases"}})
                         .seq;
  uint64_t unmarked = Share("o.policy", {"rep-a"}, "hmicfrs", kIsp).seq;
  SetToday("2025-03-04");
  uint64_t later = Record("c.foi", "access", {{"item", "rep-a"}}).seq;

  using V = std::vector<uint64_t>;
  EXPECT_EQ(Seqs(Refused({})), (V{foi, prisons, unmarked, later}));
  Table jtai = Refused({.rule = "jtai.parties"});
  EXPECT_EQ(Seqs(jtai), (V{prisons}));
  EXPECT_EQ(jtai.rows[0].at("party"), "hmi-prisons");
  EXPECT_EQ(jtai.rows[0].at("user"), "p.smt");
  EXPECT_EQ(jtai.rows[0].at("attempt"), "jtai.requested");
  Table cqc = Refused({.party = "cqc"});
  EXPECT_EQ(Seqs(cqc), (V{foi, later}));
  EXPECT_EQ(cqc.rows[0].at("rule"), "embargo.named-teams");
  EXPECT_NE(CellText(cqc.rows[0].at("reason")).find("c.foi is in team \"foi\""), std::string::npos);
  EXPECT_EQ(Seqs(Refused({.rule = "embargo.marking"})), (V{unmarked}));
  EXPECT_EQ(Seqs(Refused({.rule = "embargo.marking", .party = "cqc"})), V{});
  EXPECT_EQ(Seqs(Refused({.party = "cqc", .from = D("2025-03-04")})), (V{later}));
  EXPECT_EQ(Seqs(Refused({.to = D("2025-03-03"), .page = {.after = foi}})), (V{prisons, unmarked}));
  // Pages of two walk the same list whether the query reads ahead only as
  // far as the page (no filter) or filters every entry (a period).
  for (std::optional<Date> from : {std::optional<Date>(), std::optional<Date>(D("2025-01-01"))}) {
    Table first = Refused({.from = from, .page = {.limit = 2}});
    EXPECT_EQ(Seqs(first), (V{foi, prisons}));
    ASSERT_TRUE(first.next_after.has_value());
    EXPECT_EQ(*first.next_after, prisons);
    Table second = Refused({.from = from, .page = {.after = prisons, .limit = 2}});
    EXPECT_EQ(Seqs(second), (V{unmarked, later}));
    EXPECT_FALSE(second.next_after.has_value());
  }
}

// 001 "Process for sharing…" ¶1 and ¶3; DESIGN.md §4 "may X disclose item Y
// to Z (yes/no, the rule, the evidence)".
TEST_F(SharesQueriesTest, MayDiscloseAnswersWithTheRuleAndTheEvidence) {
  uint64_t shared = ReportSharedWithCqc("rep-a");
  uint64_t registered = shared - 1;
  auto expect = [&](const std::string& by, const std::string& to, const char* answer,
                    const char* rule, std::vector<uint64_t> evidence) {
    json::object row = May("rep-a", by, to);
    EXPECT_EQ(row.at("answer"), answer) << by << " -> " << to << ": " << json::serialize(row);
    EXPECT_EQ(row.at("rule"), rule) << by << " -> " << to;
    EXPECT_EQ(row.at("evidence"), json::array(evidence.begin(), evidence.end()))
        << by << " -> " << to;
  };
  expect("cqc", "hmicfrs", "no", "onward.grounds", {shared});
  expect("cqc", "a-journalist", "no", "embargo.named-teams", {shared});
  // Handing a report back to its originator is no disclosure (used to be
  // refused as an embargo breach).
  expect("cqc", "ofsted", "yes", "", {shared});
  expect("hmicfrs", "cqc", "no", "scope.party", {});
  expect("ofsted", "a-journalist", "yes", "", {registered});

  uint64_t consent = Record("o.policy", "consent.given",
                            {{"item", "rep-a"}, {"to", "cqc"}, {"reference", "OF-2025-17"}})
                         .seq;
  // With written consent CQC may pass it to another party's named teams
  // during the embargo, as the share rule allows (this answer used to say
  // no), but still not outside the protocol's teams.
  expect("cqc", "hmicfrs", "yes", "", {shared, consent});
  ASSERT_TRUE(Share("c.chj", {"rep-a"}, "hmicfrs", kIsp, {{"marking", kMarking}}).allowed());
  expect("cqc", "a-journalist", "no", "embargo.named-teams", {shared, consent});

  uint64_t published =
      Record("o.policy", "publication", {{"item", "rep-a"}, {"date", "2025-03-03"}}).seq;
  // The answer now rests on the publication entry, which is cited with it.
  expect("cqc", "a-journalist", "yes", "", {shared, consent, published});
  EXPECT_EQ(May("rep-a", "cqc", "a-journalist").at("reason"),
            "published on 2025-03-03: lawfully in the public domain");
}

}  // namespace
}  // namespace sharetrail::policy::testing
