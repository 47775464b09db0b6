// Information requests through the engine: the statutory clocks as they
// move with each recorded fact (FOIA 2000 s10, EIR 2004 reg 5 and 7, UK
// GDPR art 12(3)), and seed 000 §15 — "Each department will keep the other
// informed of any FOI requests that relate to any of the information shared
// under this agreement."
#include "policies/foi.h"

#include "tests/policies/rules/foi_fixture.h"

namespace sharetrail::policy::testing {
namespace {

// FOIA s10(1), s10(6): received Monday 3 March 2025; the 20 working days
// following are 4-7 Mar (4), 10-14 (9), [17 Mar St Patrick's Day, a bank
// holiday in Northern Ireland, so not a working day anywhere], 18-21 (13),
// 24-28 (18), 31 Mar (19), 1 Apr (20).
TEST_F(FoiTest, FoiaRequestIsDueOnTheTwentiethWorkingDayFollowingReceipt) {
  Recorded r = Receive("o.foi", "o-foi-1", "foia", "2025-03-03");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(Due("o-foi-1"), "2025-04-01");
  EXPECT_EQ(Str(Foi("o-foi-1"), "state"), "open");
  EXPECT_NE(Obligation(r, "foi.respond").find("respond by 2025-04-01"), std::string::npos)
      << r.Findings();
  // Nothing shared is touched, so no one else need be told.
  EXPECT_EQ(Obligation(r, "foi.inform"), "");
  EXPECT_TRUE(Foi("o-foi-1").at("inform").as_array().empty());
}

// 000 §15: a request touching a summary Ofsted sent DfE under the MOU puts
// DfE on Ofsted's list, and Ofsted on DfE's for DfE's copy.
TEST_F(FoiTest, RequestTouchingSharedInformationListsTheOtherParty) {
  ASSERT_TRUE(Summary("sum-1").allowed());
  ASSERT_TRUE(SendToDfe("sum-1").allowed());
  Recorded o = Receive("o.foi", "o-foi-2", "foia", "2025-03-03", {{"items", json::array{"sum-1"}}});
  ASSERT_TRUE(o.allowed()) << o.status.ToString() << o.Findings();
  EXPECT_NE(Obligation(o, "foi.inform").find("inform dfe"), std::string::npos) << o.Findings();
  EXPECT_NE(Obligation(o, "foi.inform").find("000 §15"), std::string::npos) << o.Findings();
  json::array inform = Foi("o-foi-2").at("inform").as_array();
  ASSERT_EQ(inform.size(), 1u);
  EXPECT_EQ(Str(inform[0].as_object(), "party"), "dfe");
  EXPECT_EQ(Str(inform[0].as_object(), "agreement"), kMou);
  ExpectSeed000Para15(inform[0].at("cite").as_object());

  Recorded d = Receive("d.foi", "d-foi-1", "foia", "2025-03-03", {{"items", json::array{"sum-1"}}});
  ASSERT_TRUE(d.allowed()) << d.Findings();
  EXPECT_NE(Obligation(d, "foi.inform").find("inform ofsted"), std::string::npos);

  // A request for the category reaches the same shares.
  Recorded c = Receive("d.foi", "d-foi-2", "foia", "2025-03-03",
                       {{"categories", json::array{"notifiable_incident_summary"}}});
  ASSERT_TRUE(c.allowed()) << c.Findings();
  EXPECT_NE(Obligation(c, "foi.inform").find("inform ofsted"), std::string::npos);
}

// The MOU's duty is for requests "made under the Freedom of Information Act
// 2000" (000 §15): an EIR or subject access request puts no one on the list.
TEST_F(FoiTest, OnlyFoiaRequestsCarryTheMouDutyToInform) {
  ASSERT_TRUE(Summary("sum-2").allowed());
  ASSERT_TRUE(SendToDfe("sum-2").allowed());
  for (const char* regime : {"eir", "sar"}) {
    Recorded r = Receive("o.foi", std::string("o-") + regime, regime, "2025-03-03",
                         {{"items", json::array{"sum-2"}}});
    ASSERT_TRUE(r.allowed()) << r.Findings();
    EXPECT_EQ(Obligation(r, "foi.inform"), "") << regime;
  }
}

// Each party answers for the information it holds (000 §15 first bullet):
// DfE cannot attach to its request an item it never received.
TEST_F(FoiTest, PartyCannotAnswerForWhatItDoesNotHold) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  Recorded r = Receive("d.foi", "d-foi-3", "foia", "2025-03-03", {{"items", json::array{"ev-1"}}});
  ExpectRefusedOnLedger(r, "foi.received", "scope.party", kDesign);
  EXPECT_FALSE(Exists(keys::Foi("d-foi-3")));
}

// Answering before informing is allowed (the answer must be on the record)
// but recorded as a breach of 000 §15; informing afterwards clears the list.
TEST_F(FoiTest, AnsweringBeforeInformingIsRecordedAsABreach) {
  ASSERT_TRUE(Summary("sum-3").allowed());
  ASSERT_TRUE(SendToDfe("sum-3").allowed());
  ASSERT_TRUE(Receive("o.foi", "o-foi-4", "foia", "2025-03-03", {{"items", json::array{"sum-3"}}})
                  .allowed());
  SetToday("2025-03-10");
  Recorded r = Respond("o.foi", "o-foi-4", "2025-03-10");
  ASSERT_TRUE(r.allowed()) << r.Findings();
  EXPECT_EQ(r.outcome(), "warn");
  EXPECT_TRUE(r.Has("foi.inform-before-response"));
  ExpectSeed000Para15(CiteOf(r, "foi.inform-before-response"));
  EXPECT_FALSE(Foi("o-foi-4").at("response").at("informed_first").as_bool());
  ASSERT_TRUE(Inform("o.foi", "o-foi-4", "dfe").allowed());
  EXPECT_TRUE(Foi("o-foi-4").at("informed").as_object().contains("dfe"));

  // Informed first, the answer carries no finding.
  ASSERT_TRUE(Receive("o.foi", "o-foi-5", "foia", "2025-03-10", {{"items", json::array{"sum-3"}}})
                  .allowed());
  ASSERT_TRUE(Inform("o.foi", "o-foi-5", "dfe").allowed());
  Recorded ok = Respond("o.foi", "o-foi-5", "2025-03-10");
  EXPECT_EQ(ok.outcome(), "allow") << ok.Findings();
  EXPECT_TRUE(Foi("o-foi-5").at("response").at("informed_first").as_bool());
}

// FOIA s1(3): clarification asked 5 March stops the clock; it arrives
// Monday 10 March and 20 working days run from then: 11-14 (4), [17 St
// Patrick's Day], 18-21 (8), 24-28 (13), 31 Mar-4 Apr (18), 7 (19), 8 (20).
TEST_F(FoiTest, ClarificationStopsTheClockAndRestartsIt) {
  ASSERT_TRUE(Receive("o.foi", "o-foi-6", "foia", "2025-03-03").allowed());
  SetToday("2025-03-05");
  ASSERT_TRUE(
      Step("o.foi", "foi.clarification-requested", "o-foi-6", {{"date", "2025-03-05"}}).allowed());
  EXPECT_EQ(Due("o-foi-6"), "");
  EXPECT_EQ(Str(Foi("o-foi-6"), "state"), "awaiting_clarification");
  SetToday("2025-03-10");
  ASSERT_TRUE(
      Step("o.foi", "foi.clarification-received", "o-foi-6", {{"date", "2025-03-10"}}).allowed());
  EXPECT_EQ(Due("o-foi-6"), "2025-04-08");
  EXPECT_EQ(Str(Foi("o-foi-6"), "state"), "open");
  // Answered a day after that deadline: 21 working days from the restart.
  SetToday("2025-04-09");
  Recorded r = Respond("o.foi", "o-foi-6", "2025-04-09");
  ASSERT_TRUE(r.allowed()) << r.Findings();
  EXPECT_TRUE(r.Has("foi.late"));
  EXPECT_EQ(r.decision.at("facts").at("working_days").as_int64(), 21);
}

// FOIA s10(2): a fees notice given Thursday 6 March and paid Tuesday 11
// March disregards 6, 7, 10 and 11 March: four working days, so 1 April
// becomes 2, 3, 4, 7 April.
TEST_F(FoiTest, FeeNoticeDaysAreNotCounted) {
  ASSERT_TRUE(Receive("o.foi", "o-foi-7", "foia", "2025-03-03").allowed());
  SetToday("2025-03-06");
  ASSERT_TRUE(Step("o.foi", "foi.fee-notified", "o-foi-7", {{"date", "2025-03-06"}}).allowed());
  EXPECT_EQ(Str(Foi("o-foi-7"), "state"), "awaiting_fee");
  EXPECT_EQ(Due("o-foi-7"), "");
  SetToday("2025-03-11");
  ASSERT_TRUE(Step("o.foi", "foi.fee-paid", "o-foi-7", {{"date", "2025-03-11"}}).allowed());
  EXPECT_EQ(Due("o-foi-7"), "2025-04-07");
  // Answered on the deadline, it took the statutory 20 working days, and
  // the decision records them for the annual report (docs/formats.md §2).
  SetToday("2025-04-07");
  Recorded r = Respond("o.foi", "o-foi-7", "2025-04-07");
  ASSERT_TRUE(r.allowed()) << r.Findings();
  EXPECT_EQ(r.decision.at("facts").at("working_days").as_int64(), 20);
  EXPECT_EQ(Foi("o-foi-7").at("response").at("working_days").as_int64(), 20);
}

// FOIA s10(3) with the ICO's reading: a public interest extension names its
// date; up to 20 further working days is normal (1 Apr + 20: 2-4 (3), 7-11
// (8), 14-17 (12), [18 Good Friday, 21 Easter Monday], 22-25 (16), 28-30
// (19), 1 May (20)), beyond that it is flagged.
TEST_F(FoiTest, PublicInterestExtensionIsFlaggedBeyondTwentyMoreWorkingDays) {
  ASSERT_TRUE(Receive("o.foi", "o-foi-8", "foia", "2025-03-03").allowed());
  Recorded missing = Step("o.foi", "foi.extended", "o-foi-8",
                          {{"kind", "public_interest"}, {"reason", "balancing the test"}});
  EXPECT_EQ(missing.status.code(), Code::kInvalidArgument);
  EXPECT_NE(missing.status.message().find("body.due"), std::string::npos);
  Recorded ok = Step("o.foi", "foi.extended", "o-foi-8",
                     {{"kind", "public_interest"}, {"due", "2025-05-01"}, {"reason", "s36"}});
  ASSERT_TRUE(ok.allowed()) << ok.Findings();
  EXPECT_EQ(ok.outcome(), "allow");
  EXPECT_EQ(Due("o-foi-8"), "2025-05-01");

  ASSERT_TRUE(Receive("o.foi", "o-foi-9", "foia", "2025-03-03").allowed());
  Recorded long_one = Step("o.foi", "foi.extended", "o-foi-9",
                           {{"kind", "public_interest"}, {"due", "2025-05-02"}, {"reason", "s36"}});
  ASSERT_TRUE(long_one.allowed());
  EXPECT_TRUE(long_one.Has("foi.extension-long")) << long_one.Findings();
  EXPECT_EQ(Str(CiteOf(long_one, "foi.extension-long"), "seed"), "ICO guidance");
}

// EIR reg 7(1): 40 working days for complex and voluminous requests (1 Apr
// was the 20th; 2-4 (23), 7-11 (28), 14-17 (32), [Easter], 22-25 (36),
// 28-30 (39), 1 May (40)); the FOIA public interest extension does not
// exist under the EIR.
TEST_F(FoiTest, EirComplexExtensionRunsToFortyWorkingDays) {
  ASSERT_TRUE(Receive("o.foi", "o-eir-1", "eir", "2025-03-03").allowed());
  EXPECT_EQ(Due("o-eir-1"), "2025-04-01");
  Recorded pit = Step("o.foi", "foi.extended", "o-eir-1",
                      {{"kind", "public_interest"}, {"due", "2025-04-20"}, {"reason", "x"}});
  ExpectRefusedOnLedger(pit, "foi.extended", "foi.extension-regime", kFoia);
  Recorded too_far = Step("o.foi", "foi.extended", "o-eir-1",
                          {{"kind", "eir_complex"}, {"due", "2025-05-02"}, {"reason", "volume"}});
  ExpectRefusedOnLedger(too_far, "foi.extended", "foi.extension-limit",
                        "Environmental Information Regulations 2004");
  ASSERT_TRUE(Step("o.foi", "foi.extended", "o-eir-1",
                   {{"kind", "eir_complex"}, {"reason", "3,000 pages of records"}})
                  .allowed());
  EXPECT_EQ(Due("o-eir-1"), "2025-05-01");
}

// UK GDPR art 12(3) with the ICO's corresponding-date rule: received 31
// March, due 30 April (April has no 31st); extended by two further months
// from receipt, 30 June (June has no 31st), a Monday.
TEST_F(FoiTest, SubjectAccessRunsByCalendarMonths) {
  SetToday("2025-03-31");
  ASSERT_TRUE(Receive("o.foi", "o-sar-1", "sar", "2025-03-31").allowed());
  EXPECT_EQ(Due("o-sar-1"), "2025-04-30");
  ASSERT_TRUE(Step("o.foi", "foi.extended", "o-sar-1",
                   {{"kind", "sar_complex"}, {"reason", "many requests from one subject"}})
                  .allowed());
  EXPECT_EQ(Due("o-sar-1"), "2025-06-30");
}

// A late answer is allowed and flagged against the statute; it counts as
// late in the year's figures (queries test).
TEST_F(FoiTest, LateAnswerIsFlaggedAgainstSection10) {
  ASSERT_TRUE(Receive("o.foi", "o-foi-10", "foia", "2025-03-03").allowed());
  SetToday("2025-04-02");
  Recorded r = Respond("o.foi", "o-foi-10", "2025-04-02");
  ASSERT_TRUE(r.allowed());
  EXPECT_TRUE(r.Has("foi.late")) << r.Findings();
  EXPECT_EQ(Str(CiteOf(r, "foi.late"), "para"), "s10(1)");
  EXPECT_FALSE(Foi("o-foi-10").at("response").at("on_time").as_bool());
  // 20 working days to 1 April, then 2 April: 21 taken.
  EXPECT_EQ(Foi("o-foi-10").at("response").at("working_days").as_int64(), 21);
}

// Bad input changes nothing: a refusal without its exemptions (FOIA
// s17(1)(b)), a date in the future, a step out of order, another party's
// request.
TEST_F(FoiTest, MalformedStepsAreErrorsAndOthersCannotAct) {
  ASSERT_TRUE(Receive("o.foi", "o-foi-11", "foia", "2025-03-03").allowed());
  uint64_t size = Size();
  Recorded no_ex = Respond("o.foi", "o-foi-11", "2025-03-03", "refused");
  EXPECT_EQ(no_ex.status.code(), Code::kInvalidArgument);
  EXPECT_NE(no_ex.status.message().find("body.exemptions"), std::string::npos);
  Recorded future = Receive("o.foi", "o-foi-12", "foia", "2025-03-04");
  EXPECT_NE(future.status.message().find("after today"), std::string::npos);
  Recorded paid = Step("o.foi", "foi.fee-paid", "o-foi-11", {{"date", "2025-03-03"}});
  EXPECT_NE(paid.status.message().find("no fee is awaited"), std::string::npos);
  EXPECT_EQ(Size(), size);
  ExpectRefusedOnLedger(Respond("d.foi", "o-foi-11", "2025-03-03"), "foi.responded", "scope.party",
                        kDesign);
  // Staff are not the FOI team.
  Recorded staff = Respond("o.arc", "o-foi-11", "2025-03-03");
  EXPECT_TRUE(staff.refused());
}

// Round robin: the same request text, normalised, sent to Ofsted and DfE is
// linked both ways, so each FOI team sees the other's state.
TEST_F(FoiTest, RoundRobinRequestsAreLinked) {
  std::string digest = NormalisedTextDigest("Please send all  notifiable incident\nsummaries.");
  EXPECT_EQ(digest, NormalisedTextDigest("  please send ALL notifiable incident summaries. "));
  ASSERT_TRUE(Receive("o.foi", "o-rr", "foia", "2025-03-03", {{"digest", digest}}).allowed());
  ASSERT_TRUE(Receive("d.foi", "d-rr", "foia", "2025-03-03", {{"digest", digest}}).allowed());
  EXPECT_EQ(Str(Foi("o-rr").at("linked").as_object(), "d-rr"), "dfe");
  EXPECT_EQ(Str(Foi("d-rr").at("linked").as_object(), "o-rr"), "ofsted");
  ExpectVerifiedAndReindexStable();
}

// Internal review: 20 working days (ICO, s45 code) from Monday 24 March:
// 25-28 (4), 31 Mar-4 Apr (9), 7-11 (14), 14-17 (18), [Easter], 22 (19),
// 23 (20). EIR reg 11(4): 40 working days: 24-25 (22), 28 Apr-2 May (27),
// [5 May early May bank holiday], 6-9 (31), 12-16 (36), 19-22 (40).
TEST_F(FoiTest, InternalReviewHasItsOwnClock) {
  ASSERT_TRUE(Receive("o.foi", "o-foi-13", "foia", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("o.foi", "o-eir-2", "eir", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("o.foi", "o-sar-2", "sar", "2025-03-03").allowed());
  SetToday("2025-03-24");
  for (const char* r : {"o-foi-13", "o-eir-2", "o-sar-2"}) {
    ASSERT_TRUE(Respond("o.foi", r, "2025-03-20", "refused", json::array{"s40(2)"}).allowed());
  }
  ASSERT_TRUE(
      Step("o.foi", "foi.review-requested", "o-foi-13", {{"date", "2025-03-24"}}).allowed());
  EXPECT_EQ(Due("o-foi-13"), "2025-04-23");
  EXPECT_EQ(Str(Foi("o-foi-13"), "state"), "under_review");
  ASSERT_TRUE(Step("o.foi", "foi.review-requested", "o-eir-2", {{"date", "2025-03-24"}}).allowed());
  EXPECT_EQ(Due("o-eir-2"), "2025-05-22");
  Recorded sar = Step("o.foi", "foi.review-requested", "o-sar-2", {{"date", "2025-03-24"}});
  EXPECT_NE(sar.status.message().find("no statutory internal review"), std::string::npos);
  // Exceptional: up to 40 working days for the FOIA review.
  ASSERT_TRUE(Step("o.foi", "foi.extended", "o-foi-13",
                   {{"kind", "review_exceptional"}, {"reason", "complex balancing"}})
                  .allowed());
  EXPECT_EQ(Due("o-foi-13"), "2025-05-22");
  SetToday("2025-05-23");
  Recorded late = Step("o.foi", "foi.review-decided", "o-foi-13",
                       {{"date", "2025-05-23"}, {"outcome", "upheld"}});
  EXPECT_TRUE(late.Has("foi.review-late")) << late.Findings();
  EXPECT_EQ(Str(Foi("o-foi-13"), "state"), "reviewed");
}

}  // namespace
}  // namespace sharetrail::policy::testing
