// Retention and the disposition path (DESIGN.md §3, second row; seed 003
// "How long we keep personal data"): no disposal before the retention
// class's minimum; deletion requested → approved by someone else with
// authority → disposed, each step re-checked, so a hold placed part way
// still stops it (000 §13).
#include "policies/queries.h"
#include "tests/policies/rules/holds_fixture.h"

namespace sharetrail::policy::testing {
namespace {

// 003 "Inspections of Cafcass > How long we keep personal data" ¶1: "as part
// of our inspection evidence for a minimum of 3 years", run from the
// evidence date recorded on the item (DESIGN.md §3 reading).
TEST_F(HoldsTest, InspectionEvidenceIsKeptThreeYearsFromItsEvidenceDate) {
  ASSERT_TRUE(Item("o.arc", "ev-1", "inspection_evidence",
                   {{"retention_class", "inspection_evidence_3y"}, {"evidence_date", "2022-03-10"}})
                  .allowed());
  Recorded r = Request("o.ig", "req-1", "ev-1");
  ExpectRefusedOnLedger(r, "deletion.requested", "retention.minimum", kSeed003);
  EXPECT_EQ(CiteOf(r, "retention.minimum").at("para"),
            "Inspections of Cafcass > How long we keep personal data ¶1");
  EXPECT_NE(Reason(r, "retention.minimum").find("kept until 2025-03-10"), std::string::npos);
  // Not a hold refusal: it does not come back when a hold is lifted.
  EXPECT_EQ(State(keys::DeletionRequest("req-1")).at("refused_by"),
            (json::array{"retention.minimum"}));

  SetToday("2025-03-09");
  ExpectRefusedOnLedger(Request("o.ig", "req-2", "ev-1"), "deletion.requested", "retention.minimum",
                        kSeed003);
  SetToday("2025-03-10");  // the third anniversary
  Recorded ok = Request("o.ig", "req-3", "ev-1");
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();

  // Without an evidence date the minimum has not started.
  ASSERT_TRUE(Item("o.arc", "ev-undated", "inspection_evidence",
                   {{"retention_class", "inspection_evidence_3y"}})
                  .allowed());
  Recorded undated = Request("o.ig", "req-4", "ev-undated");
  ExpectRefusedOnLedger(undated, "deletion.requested", "retention.unknown", kSeed003);
  EXPECT_NE(Reason(undated, "retention.unknown").find("no evidence date"), std::string::npos);
}

// The same minimum from 29 February: three years run to the last day of
// February 2023, as a month count lands on the last day of a shorter month
// (the reading DESIGN.md §3 gives for 29 February in seed 004).
class LeapDayRetentionTest : public HoldsTest {
 protected:
  LeapDayRetentionTest() { start_date_ = "2023-02-01"; }
};

TEST_F(LeapDayRetentionTest, EvidenceDatedTwentyNinthFebruary) {
  ASSERT_TRUE(Item("o.arc", "ev-leap", "inspection_evidence",
                   {{"retention_class", "inspection_evidence_3y"}, {"evidence_date", "2020-02-29"}})
                  .allowed());
  SetToday("2023-02-27");
  Recorded r = Request("o.ig", "req-1", "ev-leap");
  ExpectRefusedOnLedger(r, "deletion.requested", "retention.minimum", kSeed003);
  EXPECT_NE(Reason(r, "retention.minimum").find("kept until 2023-02-28"), std::string::npos)
      << r.Findings();
  SetToday("2023-02-28");
  Recorded ok = Request("o.ig", "req-2", "ev-leap");
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
}

// 003 "Registered children's care services" and "Unregistered children's
// care services > How long we keep personal data" ¶1: kept for the life of
// the registration, and during the investigation and any prosecution. Until
// the owner records the event that ends them, no date can be computed.
TEST_F(HoldsTest, RegistrationAndInvestigationRetentionNeedTheirTrigger) {
  ASSERT_TRUE(
      Item("o.arc", "reg-1", "registration_information", {{"retention_class", "registration_life"}})
          .allowed());
  ASSERT_TRUE(Item("o.arc", "inv-1", "investigation_information",
                   {{"retention_class", "investigation_duration"}})
                  .allowed());
  Recorded r = Request("o.ig", "req-1", "reg-1");
  ExpectRefusedOnLedger(r, "deletion.requested", "retention.unknown", kSeed003);
  EXPECT_EQ(CiteOf(r, "retention.unknown").at("para"),
            "Registered children’s care services > How long we keep personal data ¶1");
  EXPECT_NE(Reason(r, "retention.unknown").find("registration_end"), std::string::npos);
  r = Request("o.ig", "req-2", "inv-1");
  ExpectRefusedOnLedger(r, "deletion.requested", "retention.unknown", kSeed003);
  EXPECT_EQ(CiteOf(r, "retention.unknown").at("para"),
            "Unregistered children’s care services > How long we keep personal data ¶1");

  // Only the owner says when, and not in the future (malformed, not appended).
  auto trigger = [&](const std::string& user, const std::string& item, const std::string& kind,
                     const std::string& date) {
    return Record(user, "retention.trigger", {{"item", item}, {"trigger", kind}, {"date", date}});
  };
  ExpectRefusedOnLedger(trigger("d.ig", "reg-1", "registration_end", "2025-02-28"),
                        "retention.trigger", "scope.party", kDesign);
  uint64_t size = Size();
  EXPECT_FALSE(trigger("o.ig", "reg-1", "registration_end", "2025-03-04").status.ok());
  EXPECT_EQ(Size(), size);
  // The wrong event does not start the clock.
  ASSERT_TRUE(trigger("o.ig", "inv-1", "registration_end", "2025-02-28").allowed());
  ExpectRefusedOnLedger(Request("o.ig", "req-3", "inv-1"), "deletion.requested",
                        "retention.unknown", kSeed003);

  ASSERT_TRUE(trigger("o.ig", "reg-1", "registration_end", "2025-02-28").allowed());
  ASSERT_TRUE(trigger("o.ig", "inv-1", "investigation_end", "2025-03-03").allowed());
  EXPECT_FALSE(trigger("o.ig", "reg-1", "registration_end", "2025-03-01").status.ok());  // once
  EXPECT_TRUE(Request("o.ig", "req-4", "reg-1").allowed());
  EXPECT_TRUE(Request("o.ig", "req-5", "inv-1").allowed());
}

// Issue 5 (trigger events "registration ended, case closed, agreement ended,
// investigation concluded"): the events a retention clock can start from
// are the agreements' to name. Seed 003 names three (registration_end,
// investigation_end, research_end); a class an agreement file adds that runs
// from "case_closed" makes that trigger recordable, and nothing else is.
TEST_F(HoldsTest, TriggersAreThoseTheAgreementsRetentionClassesRunFrom) {
  auto trigger = [&](const std::string& item, const std::string& kind, const std::string& date) {
    return Record("o.ig", "retention.trigger", {{"item", item}, {"trigger", kind}, {"date", date}});
  };
  ASSERT_TRUE(Plain("case-1").allowed());
  uint64_t size = Size();
  Recorded unknown = trigger("case-1", "case_closed", "2025-02-28");
  ASSERT_FALSE(unknown.status.ok());
  EXPECT_NE(unknown.status.message().find("body.trigger"), std::string::npos);
  EXPECT_NE(unknown.status.message().find("investigation_end, registration_end, research_end"),
            std::string::npos)
      << unknown.status.ToString();
  EXPECT_EQ(Size(), size);

  // The privacy notice amended with a class kept six years after the case
  // closes (an example of a local records schedule, cited as such).
  Event amend = AmendmentOf("ofsted-social-care-privacy-notice",
                            "records schedule: case files kept six years after closure");
  ASSERT_EQ(amend.type, "agreement.amended");
  bool added = false;
  for (auto& rule : amend.body["agreement"].as_object()["rules"].as_array()) {
    if (rule.at("rule") != "retention") continue;
    rule.as_object()["classes"].as_array().push_back(json::object{
        {"class", "case_file_6y"},
        {"min_years", 6},
        {"runs_from", "case_closed"},
        {"cite", json::object{{"seed", "DESIGN.md"},
                              {"para", "§3 rules table"},
                              {"quote", "no disposal before the retention class's minimum"}}}});
    added = true;
  }
  ASSERT_TRUE(added);
  ASSERT_TRUE(Record(amend).allowed());

  ASSERT_TRUE(
      Item("o.arc", "case-2", "concerns_letter", {{"retention_class", "case_file_6y"}}).allowed());
  Recorded open = Request("o.ig", "req-1", "case-2");
  ExpectRefusedOnLedger(open, "deletion.requested", "retention.unknown", kDesign);
  EXPECT_NE(Reason(open, "retention.unknown").find("case_closed"), std::string::npos);
  ASSERT_TRUE(trigger("case-2", "case_closed", "2025-02-28").allowed());
  Recorded closed = Request("o.ig", "req-2", "case-2");
  ExpectRefusedOnLedger(closed, "deletion.requested", "retention.minimum", kDesign);
  EXPECT_NE(Reason(closed, "retention.minimum").find("kept until 2031-02-28"), std::string::npos)
      << Reason(closed, "retention.minimum");
  // Still only the names some class runs from.
  EXPECT_FALSE(trigger("case-2", "agreement_ended", "2025-02-28").status.ok());
}

// DESIGN.md §3: "no disposal before the retention class's minimum": with no
// class, or one no agreement defines, there is no minimum to have passed.
TEST_F(HoldsTest, UnclassifiedItemsAreNotDisposed) {
  ASSERT_TRUE(Item("o.arc", "bare", "concerns_letter").allowed());
  // A class no agreement defines is caught at registration, naming the field.
  Recorded odd =
      Item("o.arc", "odd", "concerns_letter", {{"retention_class", "forever_and_a_day"}});
  ASSERT_FALSE(odd.status.ok());
  EXPECT_NE(odd.status.message().find("body.retention_class"), std::string::npos);
  Recorded r = Request("o.ig", "req-1", "bare");
  ExpectRefusedOnLedger(r, "deletion.requested", "retention.unknown", kDesign);
  EXPECT_NE(Reason(r, "retention.unknown").find("no retention class"), std::string::npos);
  EXPECT_TRUE(Plain("classified").allowed());
  EXPECT_TRUE(Request("o.ig", "req-3", "classified").allowed());
}

// A disposition review: approved by someone with authority (siro or
// ig_officer) of the requesting party who did not make the request.
TEST_F(HoldsTest, ApprovalNeedsAnotherAuthorisedOfficerOfTheParty) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Request("o.ig", "req-1", "ev-1").allowed());

  Recorded self = Approve("o.ig", "req-1");
  ExpectRefusedOnLedger(self, "disposition.approved", "disposition.separation", kDesign);
  ExpectRefusedOnLedger(Approve("o.arc", "req-1"), "disposition.approved", "scope.role", kDesign);
  ExpectRefusedOnLedger(Approve("d.ig", "req-1"), "disposition.approved", "scope.party", kDesign);
  EXPECT_EQ(State(keys::DeletionRequest("req-1")).at("state"), "pending");

  Recorded ok = Approve("o.siro", "req-1");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  json::object req = State(keys::DeletionRequest("req-1"));
  EXPECT_EQ(req.at("state"), "approved");
  EXPECT_EQ(req.at("approved").at("by"), "o.siro");
  EXPECT_FALSE(Approve("o.siro", "req-1").status.ok());  // not awaiting approval
}

// Disposal is only of an approved request, by the requesting party, once.
TEST_F(HoldsTest, DisposalNeedsAnApprovedRequest) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Request("o.arc", "req-1", "ev-1").allowed());
  ExpectRefusedOnLedger(Dispose("o.arc", "req-1"), "disposed", "disposition.unapproved", kDesign);
  EXPECT_TRUE(Exists(keys::Held("ev-1", "ofsted")));

  ASSERT_TRUE(Approve("o.ig", "req-1").allowed());
  ExpectRefusedOnLedger(Dispose("d.data", "req-1"), "disposed", "scope.party", kDesign);
  Recorded ok = Dispose("o.arc", "req-1");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  EXPECT_FALSE(Exists(keys::Held("ev-1", "ofsted")));
  EXPECT_EQ(State(keys::DeletionRequest("req-1")).at("disposed").at("method"), "crypto_shredded");
  uint64_t size = Size();
  EXPECT_FALSE(Dispose("o.arc", "req-1").status.ok());
  EXPECT_EQ(Size(), size);
  // Nothing left to delete.
  ExpectRefusedOnLedger(Request("o.ig", "req-2", "ev-1"), "deletion.requested", "scope.party",
                        kDesign);
}

// Two requests for one copy: once it is disposed of, the other can neither
// be approved nor carried out, so the year's disposals count it once.
TEST_F(HoldsTest, ACopyIsDisposedOfOnce) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Request("o.arc", "req-a", "ev-1").allowed());
  ASSERT_TRUE(Request("o.ig", "req-b", "ev-1").allowed());
  ASSERT_TRUE(Request("o.ig", "req-c", "ev-1").allowed());
  ASSERT_TRUE(Approve("o.ig", "req-a").allowed());
  ASSERT_TRUE(Approve("o.siro", "req-b").allowed());
  ASSERT_TRUE(Dispose("o.arc", "req-a").allowed());

  Recorded again = Dispose("o.arc", "req-b");
  ExpectRefusedOnLedger(again, "disposed", "scope.party", kDesign);
  EXPECT_NE(Reason(again, "scope.party").find("no longer holds a copy of ev-1"), std::string::npos);
  ExpectRefusedOnLedger(Approve("o.siro", "req-c"), "disposition.approved", "scope.party", kDesign);
  auto snap = ledger_->Read();
  auto year = Disposals(**snap, 2025);
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->rows.size(), 1u);
}

// "A hold placed after a request was received but before disposal still
// stops the disposal" (issue 5): approval re-checks the holds (000 §13).
TEST_F(HoldsTest, HoldPlacedBetweenRequestAndApprovalStopsTheApproval) {
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(Request("o.arc", "req-1", "nis-1").allowed());
  SetToday("2025-03-04");
  ASSERT_TRUE(PlaceIicsa().allowed());

  ExpectRefusedOnLedger(Approve("o.ig", "req-1"), "disposition.approved", "hold.iicsa", kSeed000);
  EXPECT_EQ(State(keys::DeletionRequest("req-1")).at("state"), "pending");
  ExpectRefusedOnLedger(Dispose("o.arc", "req-1"), "disposed", "disposition.unapproved", kDesign);

  SetToday("2025-09-01");
  ASSERT_TRUE(Lift("o.siro", "iicsa").allowed());
  ExpectRefusedOnLedger(Approve("o.ig", "req-1"), "disposition.approved", "hold.retention-review",
                        kSeed000);
  ASSERT_TRUE(ReviewMou("2025-09-01").allowed());
  ASSERT_TRUE(Approve("o.ig", "req-1").allowed());
  EXPECT_TRUE(Dispose("o.arc", "req-1").allowed());
}

// ... and so does disposal itself.
TEST_F(HoldsTest, HoldPlacedBetweenApprovalAndDisposalStopsTheDisposal) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Request("o.arc", "req-1", "ev-1").allowed());
  ASSERT_TRUE(Approve("o.ig", "req-1").allowed());
  ASSERT_TRUE(Place("o.siro", "claim-ev-1", "item", "litigation", "ev-1").allowed());

  Recorded r = Dispose("o.arc", "req-1");
  ExpectRefusedOnLedger(r, "disposed", "hold.no-destroy", kDesign);
  EXPECT_FALSE(r.Has("disposition.unapproved")) << r.Findings();
  EXPECT_EQ(State(keys::DeletionRequest("req-1")).at("state"), "approved");
  EXPECT_TRUE(Exists(keys::Held("ev-1", "ofsted")));

  ASSERT_TRUE(Lift("o.siro", "claim-ev-1").allowed());
  EXPECT_TRUE(Dispose("o.arc", "req-1").allowed());
  EXPECT_FALSE(Exists(keys::Held("ev-1", "ofsted")));
}

// Each party disposes of its own copy (000 §15 "each party will be
// responsible for the information it holds"): DfE's disposal of the summary
// leaves Ofsted's copy, the item and its history; the ledger still verifies
// and a reindex rebuilds the same state.
TEST_F(HoldsTest, DisposingOfOneCopyLeavesTheOthersAndTheProvenance) {
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(SendToDfe("nis-1").allowed());
  ASSERT_TRUE(Exists(keys::Held("nis-1", "dfe")));
  const json::object item = State(keys::Item("nis-1"));

  ASSERT_TRUE(Request("d.data", "dfe-req", "nis-1").allowed());
  ASSERT_TRUE(Approve("d.ig", "dfe-req").allowed());
  SetToday("2025-03-05");
  Recorded done = Dispose("d.data", "dfe-req");
  ASSERT_TRUE(done.allowed()) << done.status.ToString() << done.Findings();

  EXPECT_FALSE(Exists(keys::Held("nis-1", "dfe")));
  EXPECT_TRUE(Exists(keys::Held("nis-1", "ofsted")));
  EXPECT_EQ(State(keys::Item("nis-1")), item);
  {
    auto snap = ledger_->Read();
    auto prov = Provenance(**snap, "nis-1", {});
    ASSERT_TRUE(prov.ok()) << prov.status().ToString();
    std::vector<std::string> types;
    for (const auto& row : prov->rows) types.push_back(Str(row.as_object(), "type"));
    EXPECT_EQ(types, (std::vector<std::string>{"item.registered", "share", "deletion.requested",
                                               "disposition.approved", "disposed"}));
  }

  // DfE has nothing left to delete; Ofsted's copy is its own to keep or not.
  ExpectRefusedOnLedger(Request("d.data", "dfe-req-2", "nis-1"), "deletion.requested",
                        "scope.party", kDesign);
  EXPECT_TRUE(Request("o.arc", "ofsted-req", "nis-1").allowed());
  ExpectVerifiedAndReindexStable();
}

}  // namespace
}  // namespace sharetrail::policy::testing
