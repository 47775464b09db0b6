// Seed 003, Ofsted's social care privacy notice, end to end through the real
// binary: its "Who we might share personal data with" lists are "including"
// lists, so (DESIGN.md §3) a recipient outside them is allowed with a
// warning a person must look at, not refused; a listed one is allowed.
#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

const char kNotice[] = "ofsted-social-care-privacy-notice";

class PrivacyNoticeStoryTest : public StoryTest {};

TEST_F(PrivacyNoticeStoryTest, ListedRecipientAllowedUnlistedWarned) {
  Record("o.inspector", ItemLine("evidence-cafcass-07", "document", "ofsted", "inspection_evidence",
                                 {{"agreement", kNotice}, {"evidence_date", "2025-01-15"}}));
  // "Inspections of Cafcass > Who we might share personal data with": the
  // police are listed.
  json::object listed = RecordOne(
      "o.inspector", "share",
      json::parse(
          ShareLine("o.inspector", {"evidence-cafcass-07"}, "west-mercia-police", kNotice,
                    "safeguarding", "secure_email",
                    {{"classification", "official-sensitive"}, {"handling", "police only"}}))
          .at("body")
          .as_object());
  EXPECT_EQ(listed.at("decision").at("outcome"), "allow") << listed;

  // A provider is on no list: allowed, recorded, but flagged for review.
  json::object unlisted = RecordOne(
      "o.inspector", "share",
      json::parse(
          ShareLine("o.inspector", {"evidence-cafcass-07"}, "oakfield-homes-ltd", kNotice,
                    "safeguarding", "secure_email",
                    {{"classification", "official-sensitive"}, {"handling", "manager only"}}))
          .at("body")
          .as_object());
  EXPECT_EQ(unlisted.at("decision").at("outcome"), "warn") << unlisted;
  EXPECT_EQ(Rules(unlisted), std::vector<std::string>{"share.recipient"});
  EXPECT_FALSE(Refused(unlisted));
  const json::value& cite = unlisted.at("decision").at("findings").at(0).at("cite");
  EXPECT_EQ(cite.at("seed"), "003_447556de3e704e80.txt") << cite;

  // Both shares are on the ledger and answer "shared with whom"; neither is
  // a refusal.
  json::array shares = Rows("shared-with --item evidence-cafcass-07");
  EXPECT_EQ(Column(shares, "to"),
            (std::vector<std::string>{"west-mercia-police", "oakfield-homes-ltd"}));
  EXPECT_TRUE(Rows("refusals").empty());
  ExpectVerifiedAndReindexStable(
      {"shared-with --party oakfield-homes-ltd", "provenance evidence-cafcass-07"});
}

}  // namespace
}  // namespace sharetrail::e2e
