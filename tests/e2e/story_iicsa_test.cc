// Seed 000 §13, the IICSA no-destroy hold, end to end through the real
// binary's verbs: Ofsted's SIRO places the hold over everything flagged
// safeguarding; deleting the daily summary is refused and recorded; the
// Inquiry ends and the hold is lifted (by the SIRO, with a reason, deleting
// nothing); the MOU's retention review comes first (DESIGN.md §3 reading);
// then the summary is requested, approved by another officer and disposed
// of at Ofsted, while DfE's copy stays; the ledger verifies throughout.
#include <algorithm>

#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

const char kMou[] = "ofsted-dfe-notifiable-incidents";
const char kSummary[] = "nis-2022-01-10";
const char kHold[] = "iicsa-2015";

class IicsaStoryTest : public StoryTest {
 protected:
  // `may-delete ITEM --by PARTY`: the answer every row carries.
  std::string MayDelete(const std::string& party) {
    json::array rows = Rows("may-delete " + std::string(kSummary) + " --by " + party);
    return rows.empty() ? "" : std::string(rows[0].at("answer").as_string());
  }
  // `disposition review` as (request, state, next) rows.
  std::vector<std::string> Review() {
    std::vector<std::string> out;
    for (const auto& r : Rows("disposition review")) {
      out.push_back(std::string(r.at("request").as_string()) + " | " +
                    std::string(r.at("state").as_string()) + " | " +
                    std::string(r.at("next").as_string()));
    }
    return out;
  }
};

TEST_F(IicsaStoryTest, HoldRefusalLiftReviewApprovalAndDisposal) {
  // 000 §12: the day's Annex A summary, safeguarding, inspection evidence
  // (003: at least 3 years, long passed), sent to DfE through the platform.
  std::vector<json::object> sent =
      Record("o.arc", ItemLine(kSummary, "spreadsheet", "ofsted", "notifiable_incident_summary",
                               {{"agreement", kMou},
                                {"retention_class", "inspection_evidence_3y"},
                                {"evidence_date", "2022-01-10"},
                                {"fields", json::array{"reference_number", "local_authority"}}}) +
                          ShareLine("o.arc", {kSummary}, "dfe", kMou, "safeguarding",
                                    "secure_platform", {{"password_protected", true}}));
  ASSERT_EQ(sent.size(), 2u);
  ASSERT_FALSE(Refused(sent[1])) << sent[1];
  EXPECT_EQ(MayDelete("ofsted"), "yes");

  // 000 §13 ¶2: "No information relating to safeguarding concerns must be
  // deleted or destroyed while the Independent Inquiry ... is in progress."
  json::object placed =
      Json(std::string("hold place ") + kHold +
           " --as o.siro --scope safeguarding --authority iicsa"
           " --reason 'IICSA no-destroy notice (000 §13)' --reference IICSA-2015-07")
          .as_object();
  ASSERT_FALSE(Refused(placed)) << placed;
  json::array in_force = Rows("hold list");
  ASSERT_EQ(in_force.size(), 1u);
  EXPECT_EQ(in_force[0].at("state"), "in force");
  EXPECT_EQ(in_force[0].at("by"), "ofsted");

  // A refused request is itself recorded, with the hold, its authority and date.
  json::object refused = Json(std::string("delete-request req-1 --as o.ig --item ") + kSummary +
                                  " --reason 'past its retention'",
                              1)
                             .as_object();
  ASSERT_TRUE(Refused(refused)) << refused;
  EXPECT_EQ(Rules(refused), std::vector<std::string>{"hold.iicsa"});
  EXPECT_EQ(
      std::string(refused.at("decision").at("findings").at(0).at("cite").at("seed").as_string()),
      "000_1b487c77bcc4859b.txt");
  EXPECT_EQ(MayDelete("ofsted"), "no: hold iicsa-2015 (iicsa)");
  EXPECT_EQ(MayDelete("dfe"), "no: hold iicsa-2015 (iicsa)");
  // Items registered while the hold stands are covered too.
  ASSERT_FALSE(Refused(
      Record("o.arc", ItemLine("nis-later", "spreadsheet", "ofsted", "notifiable_incident_summary",
                               {{"agreement", kMou},
                                {"retention_class", "inspection_evidence_3y"},
                                {"evidence_date", "2022-01-10"}}))[0]));
  EXPECT_EQ(
      Rules(Json("delete-request req-later --as o.ig --item nis-later --reason x", 1).as_object()),
      std::vector<std::string>{"hold.iicsa"});
  EXPECT_TRUE(Review().empty());

  // The Inquiry has reported. Only Ofsted's SIRO lifts the hold, with a
  // reason; lifting deletes nothing.
  json::object by_ig =
      Json(std::string("hold lift ") + kHold + " --as o.ig --reason 'inquiry ended'", 1)
          .as_object();
  EXPECT_EQ(Rules(by_ig), std::vector<std::string>{"scope.role"});
  EXPECT_EQ(Cli(std::string("hold lift ") + kHold + " --as o.siro").code, 2);  // no --reason
  json::object lifted = Json(std::string("hold lift ") + kHold +
                             " --as o.siro --reason 'IICSA final report published'")
                            .as_object();
  ASSERT_FALSE(Refused(lifted)) << lifted;
  EXPECT_EQ(Obligations(lifted),
            (std::vector<std::string>{"hold.retention-review", "hold.lift-deletes-nothing"}));
  EXPECT_TRUE(Rows("hold list").empty());
  EXPECT_EQ(Column(Rows("hold list --all"), "state"), std::vector<std::string>{"lifted " + today_});

  // 000 §13 ¶2: "At the end of the inquiry, this MoU will be reviewed to
  // consider the retention of the data." Until then, still no deletion; the
  // refused request is back on the review list, still blocked.
  EXPECT_EQ(MayDelete("ofsted"), "no: retention review owed");
  std::vector<std::string> review = Review();
  ASSERT_EQ(review.size(), 2u);
  EXPECT_TRUE(
      review[0].starts_with("req-1 | refused (hold since lifted) | hold lifted; still "
                            "blocked: "))
      << review[0];
  ASSERT_FALSE(Refused(
      RecordOne("d.ig", "agreement.reviewed",
                {{"agreement", kMou},
                 {"date", today_},
                 {"outcome", "continued"},
                 {"notes", "retention considered after the Inquiry: summaries kept 3 years"}})));
  EXPECT_EQ(Review(), (std::vector<std::string>{
                          "req-1 | refused (hold since lifted) | hold lifted; request again",
                          "req-later | refused (hold since lifted) | hold lifted; request again"}));
  EXPECT_EQ(MayDelete("ofsted"), "yes");

  // Deletion requested, approved by another officer (not the requester),
  // then disposed of.
  ASSERT_FALSE(Refused(Json(std::string("delete-request req-2 --as o.ig --item ") + kSummary +
                            " --reason 'retention review: past 3 years'")
                           .as_object()));
  EXPECT_EQ(Review(), (std::vector<std::string>{
                          "req-2 | pending | approve or decline (disposition review)",
                          "req-later | refused (hold since lifted) | hold lifted; request again"}));
  EXPECT_EQ(Rules(Json("dispose req-2 --as o.arc", 1).as_object()),
            std::vector<std::string>{"disposition.unapproved"});
  EXPECT_EQ(Rules(Json("disposition approve req-2 --as o.ig", 1).as_object()),
            std::vector<std::string>{"disposition.separation"});
  ASSERT_FALSE(
      Refused(Json("disposition approve req-2 --as o.siro --note 'MOU review done'").as_object()));
  json::object disposed = Json("dispose req-2 --as o.arc --method crypto_shredded").as_object();
  ASSERT_FALSE(Refused(disposed)) << disposed;

  const std::string year = today_.substr(0, 4);
  json::array disposals = Rows("disposals --year " + year);
  ASSERT_EQ(disposals.size(), 1u);
  EXPECT_EQ(disposals[0].at("item"), kSummary);
  EXPECT_EQ(disposals[0].at("party"), "ofsted");
  EXPECT_EQ(disposals[0].at("approved_by"), "o.siro");
  EXPECT_EQ(disposals[0].at("method"), "crypto_shredded");
  EXPECT_EQ(disposals[0].at("seq"), SeqOf(disposed));
  // Ofsted's copy is gone; DfE's is DfE's own (000 §15 "each party will be
  // responsible for the information it holds").
  EXPECT_EQ(MayDelete("ofsted"), "no");
  EXPECT_EQ(MayDelete("dfe"), "yes");

  // The item's history, each entry with a verified inclusion proof.
  json::value prov = Json(std::string("provenance ") + kSummary);
  std::vector<std::string> types = Column(prov.at("rows").as_array(), "type");
  auto at = types.begin();
  for (const char* want : {"item.registered", "share", "refused deletion.requested",
                           "deletion.requested", "disposition.approved", "disposed"}) {
    at = std::find(at, types.end(), want);
    EXPECT_NE(at, types.end()) << want << " missing or out of order in provenance";
  }
  size_t n = prov.at("rows").as_array().size();
  EXPECT_EQ(prov.at("summary").at("proofs_verified"),
            (std::to_string(n) + "/" + std::to_string(n)).c_str());

  ExpectVerifiedAndReindexStable(
      {"hold list --all", "may-delete " + std::string(kSummary) + " --by dfe", "disposition review",
       "disposals --year " + year, std::string("provenance ") + kSummary, "refusals"});
}

}  // namespace
}  // namespace sharetrail::e2e
