// Subject erasure (issue 5; UK GDPR art 17) on the disposal path: one
// deletion request per item the party holds about the subject, each meeting
// the same blockers — the IICSA hold first (seed 000 §13), the retention
// minimum (seed 003) — so a hold beats the erasure and the answer says why.
#include "policies/queries.h"
#include "tests/policies/rules/holds_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class ErasureTest : public HoldsTest {
 protected:
  Recorded Erase(const std::string& user, const std::string& request,
                 const std::string& subject) {
    return Record(user, "erasure.requested",
                  {{"request", request}, {"subject", subject}, {"reason", "art 17 request"}});
  }
  json::object Delreq(const std::string& id) { return State(keys::DeletionRequest(id)); }
};

// Three items about one subject: a safeguarding summary under the IICSA
// hold, inspection evidence past its 3-year minimum, and evidence still
// inside it. Only the second may go; the other two are kept, each with its
// reason, and the erasure is allowed with those warnings.
TEST_F(ErasureTest, HoldAndRetentionKeepWhatTheyCoverTheRestGoesToDisposition) {
  json::object about{{"subjects", json::array{"subj-1"}}};
  ASSERT_TRUE(Summary("sum-e1", about).allowed());
  ASSERT_TRUE(Item("o.arc", "ev-e2", "inspection_evidence",
                   {{"subjects", json::array{"subj-1"}},
                    {"retention_class", "inspection_evidence_3y"},
                    {"evidence_date", "2021-06-01"}})
                  .allowed());
  ASSERT_TRUE(Item("o.arc", "ev-e3", "inspection_evidence",
                   {{"subjects", json::array{"subj-1"}},
                    {"retention_class", "inspection_evidence_3y"},
                    {"evidence_date", "2024-01-10"}})
                  .allowed());
  ASSERT_TRUE(PlaceIicsa().allowed());

  Recorded r = Erase("o.ig", "er-1", "subj-1");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "warn");
  EXPECT_TRUE(r.Has("hold.iicsa")) << r.Findings();
  EXPECT_NE(Reason(r, "hold.iicsa").find("sum-e1 is kept: "), std::string::npos);
  EXPECT_EQ(Str(CiteOf(r, "hold.iicsa"), "seed"), kSeed000);
  EXPECT_TRUE(r.Has("retention.minimum"));
  EXPECT_NE(Reason(r, "retention.minimum").find("ev-e3 is kept: "), std::string::npos);
  EXPECT_EQ(Str(CiteOf(r, "retention.minimum"), "seed"), kSeed003);
  EXPECT_NE(Obligation(r, "erasure.disposition").find("1 item(s)"), std::string::npos);

  EXPECT_EQ(Str(Delreq("er-1.1"), "item"), "sum-e1");
  EXPECT_EQ(Str(Delreq("er-1.1"), "state"), "refused");
  EXPECT_EQ(Delreq("er-1.1").at("refused_by"), (json::array{"hold.iicsa"}));
  EXPECT_EQ(Str(Delreq("er-1.2"), "state"), "pending");
  EXPECT_EQ(Str(Delreq("er-1.3"), "state"), "refused");
  EXPECT_EQ(State(keys::Erasure("er-1")).at("items").as_array().size(), 3u);

  // The free item goes the usual way: approved by another, then disposed.
  ASSERT_TRUE(Approve("o.siro", "er-1.2").allowed());
  Recorded gone = Dispose("o.ig", "er-1.2");
  ASSERT_TRUE(gone.allowed()) << gone.Findings();
  EXPECT_FALSE(Exists(keys::Held("ev-e2", "ofsted")));
  // The held ones cannot be pushed through.
  Recorded held = Approve("o.siro", "er-1.1");
  EXPECT_NE(held.status.message().find("is refused, not awaiting approval"), std::string::npos)
      << held.status.ToString();
  ExpectVerifiedAndReindexStable();
}

// Everything about the subject is held: the erasure is refused, each item's
// reason named; the refusal comes back for review once the hold is lifted
// and the MOU reviewed for retention (000 §13).
TEST_F(ErasureTest, ErasureOfOnlyHeldItemsIsRefusedAndComesBackWhenTheHoldIsLifted) {
  ASSERT_TRUE(Summary("sum-e4", {{"subjects", json::array{"subj-2"}}}).allowed());
  ASSERT_TRUE(PlaceIicsa().allowed());
  Recorded r = Erase("o.ig", "er-2", "subj-2");
  ExpectRefusedOnLedger(r, "erasure.requested", "hold.iicsa", kSeed000);
  EXPECT_NE(Reason(r, "hold.iicsa").find("iicsa"), std::string::npos);
  EXPECT_EQ(Str(Delreq("er-2.1"), "state"), "refused");

  SetToday("2025-04-01");
  ASSERT_TRUE(Lift("o.siro", "iicsa").allowed());
  ASSERT_TRUE(ReviewMou("2025-04-01").allowed());
  auto snap = ledger_->Read();
  auto review = DispositionReview(*engine_, **snap, Date{2025, 4, 1});
  ASSERT_TRUE(review.ok());
  EXPECT_NE(json::serialize(review->rows).find("er-2.1"), std::string::npos)
      << json::serialize(review->rows);
}

// A party erases only its own copies: DfE holds nothing about this subject
// until Ofsted shares the summary, then only DfE's copy is its to erase.
TEST_F(ErasureTest, EachPartyErasesItsOwnCopies) {
  ASSERT_TRUE(Summary("sum-e5", {{"subjects", json::array{"subj-3"}}}).allowed());
  Recorded none = Erase("d.ig", "er-3", "subj-3");
  EXPECT_EQ(none.status.code(), Code::kInvalidArgument);
  EXPECT_NE(none.status.message().find("dfe holds nothing"), std::string::npos);
  ASSERT_TRUE(SendToDfe("sum-e5").allowed());
  Recorded dfe = Erase("d.ig", "er-4", "subj-3");
  ASSERT_TRUE(dfe.status.ok()) << dfe.status.ToString();
  EXPECT_EQ(Str(Delreq("er-4.1"), "party"), "dfe");
  Recorded again = Erase("d.ig", "er-4", "subj-3");
  EXPECT_NE(again.status.message().find("already exists"), std::string::npos);
}

}  // namespace
}  // namespace sharetrail::policy::testing
