// Seed 001, the pre-publication embargo: reports shared under the protocol
// carry the pre-publication marking, only the named teams of the recipient
// see them until the originator publishes, and publication removes the
// marking.
#include "tests/policies/rules/isp_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class IspEmbargoTest : public IspTest {
 protected:
  void ReportSharedWithCqc(const std::string& id) {
    Report(id);
    Recorded r = Share("o.policy", id, "cqc");
    ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  }
  Recorded Publish(const std::string& user, const std::string& id,
                   const std::string& date = "2025-03-03") {
    return Record(user, "publication",
                  {{"item", id}, {"date", date}, {"url", "https://www.gov.uk/reports/" + id}});
  }
};

// 001 "Process for sharing, accessing and storing information" ¶2: "Versions
// of the report shared at this stage must be clearly marked as
// 'Pre-publication report – not to be shared beyond authorised reviewers'."
TEST_F(IspEmbargoTest, EmbargoMarking_ExactMarkingAllowed) {
  Report("rep-1");
  Recorded r = Share("o.policy", "rep-1", "cqc");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "allow");
  EXPECT_TRUE(HasObligation(r, "embargo.named-teams")) << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶2.
TEST_F(IspEmbargoTest, EmbargoMarking_MissingMarkingRefusedAndRecorded) {
  Report("rep-1");
  Recorded r = Share("o.policy", "rep-1", "cqc", {{"marking", nullptr}});
  ExpectRefusedOnLedger(r, "embargo.marking", "share");
  EXPECT_EQ(ParaOf(r, "embargo.marking"),
            "Process for sharing, accessing and storing information ¶2");
}

// 001 "Process for sharing, accessing and storing information" ¶2: the
// marking is the seed's text exactly, en dash included.
TEST_F(IspEmbargoTest, EmbargoMarking_HyphenInsteadOfEnDashRefused) {
  Report("rep-1");
  Recorded r = Share("o.policy", "rep-1", "cqc",
                     {{"marking",
                       "Pre-publication report - not to be shared beyond authorised "
                       "reviewers"}});
  ExpectRefusedOnLedger(r, "embargo.marking", "share");
  r = Share("o.policy", "rep-1", "cqc", {{"marking", "OFFICIAL-SENSITIVE"}});
  ExpectRefusedOnLedger(r, "embargo.marking", "share");
}

// 001 "Process for sharing, accessing and storing information" ¶2: a
// pre-publication report is registered with the duty to mark every copy.
TEST_F(IspEmbargoTest, EmbargoMarking_RegistrationObligesTheMarking) {
  Recorded r = Item("o.policy", "rep-1", "inspection_report",
                    {{"pre_publication", true}, {"agreement", kIsp}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_TRUE(HasObligation(r, "embargo.marking")) << r.Findings();
  EXPECT_NE(r.Findings().find(kMarking), std::string::npos);
}

// 001 "Process for sharing, accessing and storing information" ¶2:
// "Pre-publication markings will be removed at the point of publication."
TEST_F(IspEmbargoTest, EmbargoMarking_PublicationObligesRemovalAndMarkingThenWarns) {
  Report("rep-1");
  Recorded pub = Publish("o.policy", "rep-1");
  ASSERT_TRUE(pub.allowed()) << pub.status.ToString() << pub.Findings();
  EXPECT_TRUE(HasObligation(pub, "embargo.marking-removed")) << pub.Findings();
  EXPECT_NE(pub.Findings().find("001 Process for sharing, accessing and storing information ¶2"),
            std::string::npos)
      << pub.Findings();

  Recorded r = Share("o.policy", "rep-1", "cqc");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "warn");
  EXPECT_TRUE(r.Has("embargo.marking-removed"));
  EXPECT_EQ(ParaOf(r, "embargo.marking-removed"),
            "Process for sharing, accessing and storing information ¶2");
  json::object e = EntryAt(r.seq);
  EXPECT_EQ(e.at("type"), "share");
  EXPECT_EQ(e.at("body").at("decision").at("outcome"), "warn");

  r = Share("o.policy", "rep-1", "hmicfrs", {{"marking", nullptr}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "allow") << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶3: a report
// is not "published ... by the inspectorate receiving that information";
// publication, which lifts the embargo, is the originator's.
TEST_F(IspEmbargoTest, EmbargoMarking_PublicationByNonOriginatorRefused) {
  ReportSharedWithCqc("rep-1");
  Recorded r = Publish("c.chj", "rep-1");
  ExpectRefusedOnLedger(r, "publication.originator", "publication");
  EXPECT_EQ(ParaOf(r, "publication.originator"),
            "Process for sharing, accessing and storing information ¶3");
  // Still under embargo: the marking is still required.
  r = Share("o.policy", "rep-1", "hmicfrs", {{"marking", nullptr}});
  EXPECT_TRUE(r.Has("embargo.marking")) << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶1: the
// embargo lasts "until they are published"; a publication dated after today
// has not happened yet and cannot lift it.
TEST_F(IspEmbargoTest, EmbargoMarking_PublicationDatedInTheFutureIsMalformed) {
  ReportSharedWithCqc("rep-1");
  uint64_t before = Size();
  Recorded r = Publish("o.policy", "rep-1", "2025-03-10");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.date"), std::string::npos) << r.status.message();
  EXPECT_EQ(Size(), before);
  r = Record("c.foi", "access", {{"item", "rep-1"}});
  EXPECT_TRUE(r.Has("embargo.named-teams")) << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶1: "while
// under the pre-publication embargo, dissemination of and access to the
// reports must be limited to: ... CQC – Children's, Health and Justice Team
// ...".
TEST_F(IspEmbargoTest, EmbargoNamedTeams_NamedTeamMayAccess) {
  ReportSharedWithCqc("rep-1");
  Recorded r = Record("c.chj", "access", {{"item", "rep-1"}, {"purpose", "prepare lines"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "allow");
}

// 001 "Process for sharing, accessing and storing information" ¶1.
TEST_F(IspEmbargoTest, EmbargoNamedTeams_OtherTeamOfRecipientRefused) {
  ReportSharedWithCqc("rep-1");
  Recorded r = Record("c.foi", "access", {{"item", "rep-1"}});
  ExpectRefusedOnLedger(r, "embargo.named-teams", "access");
  EXPECT_EQ(ParaOf(r, "embargo.named-teams"),
            "Process for sharing, accessing and storing information ¶1");
  EXPECT_EQ(QuoteOf(r, "embargo.named-teams").rfind("while under the pre-publication embargo", 0),
            0u)
      << QuoteOf(r, "embargo.named-teams");
  EXPECT_EQ(EntryAt(r.seq).at("actor").at("team"), "foi");
  r = Record("c.ig", "access", {{"item", "rep-1"}});
  ExpectRefusedOnLedger(r, "embargo.named-teams", "access");
}

// 001 "Process for sharing, accessing and storing information" ¶1 and ¶2:
// the limit holds only "while under the pre-publication embargo".
TEST_F(IspEmbargoTest, EmbargoNamedTeams_AnyoneOfHolderAfterPublication) {
  ReportSharedWithCqc("rep-1");
  ASSERT_TRUE(Record("c.foi", "access", {{"item", "rep-1"}}).refused());
  ASSERT_TRUE(Publish("o.policy", "rep-1").allowed());
  Recorded r = Record("c.foi", "access", {{"item", "rep-1"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "allow");
}

// 001 "Process for sharing, accessing and storing information" ¶1:
// dissemination, too, is limited to the named teams.
TEST_F(IspEmbargoTest, EmbargoNamedTeams_ShareToTeamOutsideNamedTeamsRefused) {
  Report("rep-1");
  Recorded r = Share("o.policy", "rep-1", "cqc", {{"to_team", "foi"}});
  ExpectRefusedOnLedger(r, "embargo.named-teams", "share");
  EXPECT_EQ(QuoteOf(r, "embargo.named-teams").rfind("while under the pre-publication embargo", 0),
            0u);
  r = Share("o.policy", "rep-1", "cqc", {{"to_team", "childrens-health-and-justice"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶1:
// "dissemination of and access to the reports must be limited to" the named
// teams — a recipient's other staff may not pass the report on either, even
// where the originator consented to onward sharing.
TEST_F(IspEmbargoTest, EmbargoNamedTeams_RecipientOtherTeamCannotDisseminate) {
  ReportSharedWithCqc("rep-1");
  ASSERT_TRUE(Record("o.policy", "consent.given",
                     {{"item", "rep-1"}, {"to", "cqc"}, {"reference", "OFS-IG-2025-041"}})
                  .allowed());
  Recorded r = Share("c.foi", "rep-1", "hmi-prisons");
  ExpectRefusedOnLedger(r, "embargo.named-teams", "share");
  EXPECT_EQ(ParaOf(r, "embargo.named-teams"),
            "Process for sharing, accessing and storing information ¶1");
  r = Share("c.chj", "rep-1", "hmi-prisons");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  // After publication the limit is gone.
  ASSERT_TRUE(Publish("o.policy", "rep-1").allowed());
  r = Share("c.foi", "rep-1", "hmicfrs", {{"marking", nullptr}});
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶1: "each
// inspectorate may use their own internal mechanisms for disseminating the
// inspection reports" — the originator's own staff are not limited.
TEST_F(IspEmbargoTest, EmbargoNamedTeams_OriginatorsOwnStaffNotRestricted) {
  ReportSharedWithCqc("rep-1");
  for (const char* user : {"o.arc", "o.inspector", "o.policy"}) {
    Recorded r = Record(user, "access", {{"item", "rep-1"}});
    EXPECT_TRUE(r.allowed()) << user << ": " << r.status.ToString() << r.Findings();
  }
}

// 001 "Process for sharing, accessing and storing information" ¶1: a
// recipient handing the report back does not make the originator a
// recipient of its own report.
TEST_F(IspEmbargoTest, EmbargoNamedTeams_OriginatorUnrestrictedAfterReportSentBack) {
  ReportSharedWithCqc("rep-1");
  Recorded back = Share("c.chj", "rep-1", "ofsted");
  ASSERT_TRUE(back.allowed()) << back.status.ToString() << back.Findings();
  Recorded r = Record("o.arc", "access", {{"item", "rep-1"}});
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Process for sharing…" ¶2: the marking belongs to pre-publication
// versions; on a report that never was one it is a mistake worth a warning,
// but not the "has been published" one.
TEST_F(IspEmbargoTest, EmbargoMarking_OnAReportNeverUnderEmbargoWarns) {
  ASSERT_TRUE(
      Item("o.policy", "plain-report", "inspection_report", {{"agreement", kIsp}}).allowed());
  Recorded r = Share("o.policy", "plain-report", "cqc");
  EXPECT_EQ(r.outcome(), "warn") << r.Findings();
  EXPECT_TRUE(r.Has("embargo.marking-removed"));
  EXPECT_NE(r.Findings().find("not a pre-publication version"), std::string::npos) << r.Findings();
}

}  // namespace
}  // namespace sharetrail::policy::testing
