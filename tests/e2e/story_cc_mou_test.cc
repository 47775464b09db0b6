// Seed 002, the MOU between the Children's Commissioner and HMCI, end to end
// through the real binary: matters raised under s117/s119 and answered,
// casework summaries, a document sent in advance of publication, and the
// MOU's reviews.
#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

const char kMou[] = "cc-hmci-mou";
const char kThematic[] = "thematic-children-in-care";

class CcMouStoryTest : public StoryTest {
 protected:
  json::object Raise(const std::string& user, const std::string& matter, const std::string& section,
                     const std::string& to) {
    return RecordOne(user, "matter.raised",
                     {{"matter", matter},
                      {"section", section},
                      {"to", to},
                      {"summary", "children placed far from home without notice"}});
  }
  json::object Awaiting(const std::string& matter, const std::string& section) {
    return {{"matter", matter}, {"section", section}, {"from", "childrens-commissioner"},
            {"to", "ofsted"},   {"raised", today_},   {"state", "awaiting response"},
            {"days_open", 0}};
  }
};

TEST_F(CcMouStoryTest, MattersCaseworkAdvanceDocumentAndReviews) {
  // §11–12: the Commissioner identifies a matter as raised under s117 or
  // s119; §13: HMCI is to respond.
  EXPECT_EQ(Obligations(Raise("cc.contact", "m-117-01", "117", "ofsted")),
            std::vector<std::string>{"matters.response"});
  EXPECT_EQ(Rules(Raise("o.hmci", "m-117-x", "117", "childrens-commissioner")),
            std::vector<std::string>{"matters.raised-by"});
  EXPECT_EQ(Rules(Raise("cc.contact", "m-117-y", "117", "dfe")),
            std::vector<std::string>{"matters.raised-with"});
  ASSERT_FALSE(Refused(Raise("cc.contact", "m-119-02", "119", "ofsted")));

  // DESIGN.md §3: no deadline in the MOU, so open matters await a response
  // and are never called overdue.
  EXPECT_EQ(Rows("matters --awaiting"),
            (json::array{Awaiting("m-117-01", "117"), Awaiting("m-119-02", "119")}));
  CmdResult text = Cli("matters --awaiting");
  EXPECT_EQ(text.out.find("overdue"), std::string::npos) << text.out;

  // §13: only HMCI's side answers.
  json::object wrong = RecordOne("cc.contact", "matter.answered",
                                 {{"matter", "m-117-01"}, {"outcome", "answered ourselves"}});
  EXPECT_EQ(Rules(wrong), std::vector<std::string>{"scope.party"});
  ASSERT_FALSE(
      Refused(RecordOne("o.hmci", "matter.answered",
                        {{"matter", "m-117-01"},
                         {"outcome", "inspection of the placing authority brought forward"},
                         {"actions", "letter to the DCS"}})));
  EXPECT_EQ(Rows("matters --awaiting"), json::array{Awaiting("m-119-02", "119")});
  json::object answered = RowWhere(Rows("matters"), "matter", "m-117-01");
  EXPECT_EQ(answered.at("state"), "answered");
  EXPECT_EQ(answered.at("days_open"), 0);

  // §19: regular casework summaries to Ofsted, for its inspection work only.
  std::vector<json::object> casework = Record(
      "cc.contact",
      ItemLine("cc-casework-q3", "document", "childrens-commissioner", "casework_summary") +
          ShareLine("cc.contact", {"cc-casework-q3"}, "ofsted", kMou, "inspection", "email") +
          ShareLine("cc.contact", {"cc-casework-q3"}, "ofsted", kMou, "research", "email"));
  ASSERT_EQ(casework.size(), 3u);
  ASSERT_FALSE(Refused(casework[1])) << casework[1];
  EXPECT_EQ(Rules(casework[2]), std::vector<std::string>{"share.purpose"});

  // §18: documents sent in advance of publication are embargoed; the
  // Commissioner's office may read it, not pass it on, until it is published.
  std::vector<json::object> advance = Record(
      "o.policy",
      ItemLine(kThematic, "report", "ofsted", "advance_document",
               {{"agreement", kMou}, {"pre_publication", true}}) +
          ShareLine("o.policy", {kThematic}, "childrens-commissioner", kMou, "other", "email"));
  ASSERT_EQ(advance.size(), 2u);
  ASSERT_FALSE(Refused(advance[1])) << advance[1];
  const int64_t sent = SeqOf(advance[1]);
  EXPECT_FALSE(Refused(RecordOne("cc.contact", "access", {{"item", kThematic}})));
  std::string may = std::string("may-disclose ") + kThematic + " --by childrens-commissioner";
  json::object press = Rows(may + " --to a-journalist")[0].as_object();
  EXPECT_EQ(press.at("answer"), "no");
  EXPECT_EQ(press.at("rule"), "embargo.named-teams");
  EXPECT_EQ(press.at("evidence"), json::array{sent});
  EXPECT_EQ(Rows(may + " --to ofsted"),
            (json::array{json::object{{"answer", "yes"},
                                      {"rule", ""},
                                      {"reason", "no rule restricts it"},
                                      {"cite", ""},
                                      {"evidence", json::array{sent}}}}));
  json::object published =
      RecordOne("o.policy", "publication", {{"item", kThematic}, {"date", today_}});
  ASSERT_FALSE(Refused(published));
  press = Rows(may + " --to a-journalist")[0].as_object();
  EXPECT_EQ(press.at("answer"), "yes");
  EXPECT_EQ(press.at("evidence"), (json::array{sent, SeqOf(published)}));

  // §30: six months after first agreed, then 12 months after the last review
  // recorded (DESIGN.md §3 reading). Past reviews are recorded with their dates.
  EXPECT_EQ(RowWhere(Rows("reviews --due --on 2014-09-15"), "agreement", kMou),
            (json::object{{"agreement", kMou},
                          {"version", 1},
                          {"agreed", "2014-04-01"},
                          {"last_review", ""},
                          {"next_due", "2014-10-01"},
                          {"state", "due 2014-10-01"},
                          {"cite", "002 §30"}}));
  auto review = [&](const std::string& user, const std::string& date) {
    return RecordOne(user, "agreement.reviewed",
                     {{"agreement", kMou}, {"date", date}, {"outcome", "continued"}});
  };
  ASSERT_FALSE(Refused(review("o.siro", "2014-10-01")));
  EXPECT_EQ(RowWhere(Rows("reviews --on 2015-09-15"), "agreement", kMou).at("state"),
            "due 2015-10-01");
  EXPECT_EQ(Rules(review("cc.senior", "2025-06-30")), std::vector<std::string>{"scope.role"});
  ASSERT_FALSE(Refused(review("o.siro", "2025-06-30")));
  EXPECT_EQ(RowWhere(Rows("reviews --due --on 2026-06-15"), "agreement", kMou).at("state"),
            "due 2026-06-30");
  EXPECT_EQ(RowWhere(Rows("reviews --due --on 2026-07-01"), "agreement", kMou).at("state"),
            "overdue");

  // Who has what under the MOU, and every refused attempt, in order.
  json::array cc = Rows("shared-with --party childrens-commissioner");
  EXPECT_EQ(Column(cc, "seq"),
            (std::vector<std::string>{std::to_string(SeqOf(casework[1])), std::to_string(sent)}));
  EXPECT_EQ(Column(cc, "categories"),
            (std::vector<std::string>{R"(["casework_summary"])", R"(["advance_document"])"}));
  EXPECT_EQ(Column(Rows("refusals"), "rule"),
            (std::vector<std::string>{"matters.raised-by", "matters.raised-with", "scope.party",
                                      "share.purpose", "scope.role"}));

  ExpectVerifiedAndReindexStable({"matters", "matters --awaiting",
                                  "shared-with --party childrens-commissioner", "refusals",
                                  "reviews --on 2026-07-01", may + " --to a-journalist"});
}

}  // namespace
}  // namespace sharetrail::e2e
