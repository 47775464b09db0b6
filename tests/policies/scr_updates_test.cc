// Seed 000 §13: "the DfE will provide a weekly update to Ofsted about
// decisions by Local Safeguarding Children Boards regarding initiation and
// publication of reports of serious case reviews." The weekly_update rule of
// the MOU makes each week without one visible.
#include "policies/queries.h"
#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class ScrUpdatesTest : public PolicyTest {
 protected:
  Recorded SendUpdate(const std::string& id) {
    Item("d.data", id, "scr_update", {{"personal_data", false}, {"classification", "official"}});
    return Record("d.data", "share",
                  {{"items", json::array{json::value(id)}},
                   {"to", "ofsted"},
                   {"agreement", "ofsted-dfe-notifiable-incidents"},
                   {"purpose", "safeguarding"},
                   {"lawful_basis", "MOU 000 §13"},
                   {"necessity", "weekly SCR decisions"},
                   {"decided_by", "d.data"},
                   {"method", "secure_email"}});
  }
  Table Weeks(const std::string& on, int weeks) {
    auto snap = ledger_->Read();
    auto t = ScrUpdates(*engine_, **snap, *ParseDate(on), weeks);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return *t;
  }
};

TEST_F(ScrUpdatesTest, WeekWithoutAnUpdateIsMissingAndTheCurrentWeekIsDue) {
  SetToday("2025-03-04");  // Tuesday of the week of 3 March
  ASSERT_TRUE(SendUpdate("scr-w10").allowed());
  SetToday("2025-03-19");  // nothing in the week of 10 March; Wednesday of 17 March
  Table t = Weeks("2025-03-19", 3);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].at("week_of"), "2025-03-03");
  EXPECT_EQ(t.rows[0].at("state"), "received");
  EXPECT_EQ(t.rows[1].at("state"), "missing");
  EXPECT_EQ(t.rows[2].at("state"), "due this week");
  EXPECT_EQ(t.summary.at("weeks_missing"), 1);

  ASSERT_TRUE(SendUpdate("scr-w12").allowed());
  t = Weeks("2025-03-19", 3);
  EXPECT_EQ(t.rows[2].at("state"), "received");
}

TEST_F(ScrUpdatesTest, OnlyDfeToOfstedCounts) {
  SetToday("2025-03-04");
  // An SCR update flowing the other way is not the one the MOU asks for;
  // the agreement has no such context, so it is refused and not counted.
  Item("o.arc", "scr-wrong-way", "scr_update",
       {{"personal_data", false}, {"classification", "official"}});
  Recorded r = Record("o.arc", "share",
                      {{"items", json::array{"scr-wrong-way"}},
                       {"to", "dfe"},
                       {"agreement", "ofsted-dfe-notifiable-incidents"},
                       {"purpose", "safeguarding"},
                       {"lawful_basis", "MOU"},
                       {"necessity", "n/a"},
                       {"decided_by", "o.arc"},
                       {"method", "secure_email"}});
  EXPECT_TRUE(r.refused());
  EXPECT_TRUE(r.Has("share.context"));
  Table t = Weeks("2025-03-04", 1);
  EXPECT_EQ(t.rows[0].at("updates"), 0);
}

}  // namespace
}  // namespace sharetrail::policy::testing
