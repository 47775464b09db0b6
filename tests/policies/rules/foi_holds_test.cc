// Open requests hold what they touch (issue 5): destroying requested
// information is an offence (FOIA 2000 s77; DPA 2018 s173 for subject
// access). The hold is automatic, binds every party holding a copy, and is
// released by the answer and the end of the windows to challenge it, never
// by hand.
#include "tests/policies/rules/foi_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class FoiHoldsTest : public FoiTest {
 protected:
  // A summary Ofsted shared with DfE, so both hold a copy; retention passed.
  void SetUp() override {
    FoiTest::SetUp();
    ASSERT_TRUE(Summary("sum-h").allowed());
    ASSERT_TRUE(SendToDfe("sum-h").allowed());
  }
};

// Answered Thursday 20 March 2025; a review may be asked for within 40
// working days (ICO): 21 Mar (1), 24-28 (6), 31 Mar-4 Apr (11), 7-11 (16),
// 14-17 (20), [18 Good Friday, 21 Easter Monday], 22-25 (24), 28-30 (27),
// 1-2 May (29), [5 May], 6-9 (33), 12-16 (38), 19 (39), 20 May (40).
TEST_F(FoiHoldsTest, RequestHoldsEveryCopyUntilItCanNoLongerBeChallenged) {
  ASSERT_TRUE(
      Receive("o.foi", "o-h-1", "foia", "2025-03-03", {{"items", json::array{"sum-h"}}}).allowed());
  Recorded own = Request("o.ig", "del-1", "sum-h");
  ExpectRefusedOnLedger(own, "deletion.requested", "hold.open-request", kFoia);
  EXPECT_NE(Reason(own, "hold.open-request").find("o-h-1"), std::string::npos);
  // DfE's copy is the same information: it is held too.
  ExpectRefusedOnLedger(Request("d.ig", "del-2", "sum-h"), "deletion.requested",
                        "hold.open-request", kFoia);

  SetToday("2025-03-20");
  ASSERT_TRUE(Inform("o.foi", "o-h-1", "dfe").allowed());
  ASSERT_TRUE(
      Respond("o.foi", "o-h-1", "2025-03-20", "refused", json::array{"s31(1)(a)"}).allowed());
  SetToday("2025-05-20");
  Recorded still = Request("o.ig", "del-3", "sum-h");
  EXPECT_TRUE(still.Has("hold.open-request")) << still.Findings();
  EXPECT_NE(Reason(still, "hold.open-request").find("until 2025-05-20"), std::string::npos);
  SetToday("2025-05-21");
  Recorded after = Request("o.ig", "del-4", "sum-h");
  EXPECT_FALSE(after.Has("hold.open-request")) << after.Findings();
}

// A review keeps it held until decided, then six weeks for a complaint to
// the ICO; a complaint keeps it held until the Commissioner decides, then 28
// days for an appeal to the tribunal.
TEST_F(FoiHoldsTest, ReviewAndComplaintExtendTheHold) {
  ASSERT_TRUE(
      Receive("o.foi", "o-h-2", "foia", "2025-03-03", {{"items", json::array{"sum-h"}}}).allowed());
  SetToday("2025-03-20");
  ASSERT_TRUE(Inform("o.foi", "o-h-2", "dfe").allowed());
  ASSERT_TRUE(Respond("o.foi", "o-h-2", "2025-03-20", "refused", json::array{"s40(2)"}).allowed());
  ASSERT_TRUE(Step("o.foi", "foi.review-requested", "o-h-2", {{"date", "2025-03-20"}}).allowed());
  SetToday("2025-04-01");
  ASSERT_TRUE(
      Step("o.foi", "foi.review-decided", "o-h-2", {{"date", "2025-04-01"}, {"outcome", "upheld"}})
          .allowed());
  // 1 April + 42 days = 13 May.
  SetToday("2025-05-13");
  EXPECT_TRUE(Request("o.ig", "del-5", "sum-h").Has("hold.open-request"));
  ASSERT_TRUE(Step("o.foi", "foi.ico-complaint", "o-h-2", {{"date", "2025-05-13"}}).allowed());
  SetToday("2025-09-01");
  EXPECT_TRUE(Request("o.ig", "del-6", "sum-h").Has("hold.open-request"));
  ASSERT_TRUE(Step("o.foi", "foi.ico-decided", "o-h-2",
                   {{"date", "2025-09-01"}, {"outcome", "complaint_not_upheld"}})
                  .allowed());
  // 1 September + 28 days = 29 September.
  SetToday("2025-09-29");
  EXPECT_TRUE(Request("o.ig", "del-7", "sum-h").Has("hold.open-request"));
  SetToday("2025-09-30");
  EXPECT_FALSE(Request("o.ig", "del-8", "sum-h").Has("hold.open-request"));
}

// A request for a category touches the items of it the receiving party
// holds; a withdrawn request releases them at once. Subject access cites
// DPA 2018 s173.
TEST_F(FoiHoldsTest, CategoryRequestsAndWithdrawal) {
  ASSERT_TRUE(Receive("d.foi", "d-h-1", "sar", "2025-03-03",
                      {{"categories", json::array{"notifiable_incident_summary"}}})
                  .allowed());
  ExpectRefusedOnLedger(Request("o.ig", "del-9", "sum-h"), "deletion.requested",
                        "hold.open-request", "Data Protection Act 2018");
  // Ofsted's other summaries, never sent to DfE, are not DfE's to answer for.
  ASSERT_TRUE(Summary("sum-other").allowed());
  EXPECT_FALSE(Request("o.ig", "del-10", "sum-other").Has("hold.open-request"));
  SetToday("2025-03-05");
  ASSERT_TRUE(Respond("d.foi", "d-h-1", "2025-03-05", "withdrawn").allowed());
  EXPECT_FALSE(Request("o.ig", "del-11", "sum-h").Has("hold.open-request"));
}

// The hold also stops a disposal already approved: every step re-checks.
TEST_F(FoiHoldsTest, RequestArrivingAfterApprovalStillStopsDisposal) {
  ASSERT_TRUE(Request("o.ig", "del-12", "sum-h").allowed());
  ASSERT_TRUE(Approve("o.siro", "del-12").allowed());
  ASSERT_TRUE(
      Receive("o.foi", "o-h-3", "foia", "2025-03-03", {{"items", json::array{"sum-h"}}}).allowed());
  ExpectRefusedOnLedger(Dispose("o.ig", "del-12"), "disposed", "hold.open-request", kFoia);
  ExpectVerifiedAndReindexStable();
}

}  // namespace
}  // namespace sharetrail::policy::testing
