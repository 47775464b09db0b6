// The FOI team's questions (issue 6): due within N working days, late,
// counterparties not yet told (seed 000 §15), one request's story, and the
// year's figures per party.
#include "policies/queries.h"
#include "tests/policies/rules/foi_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class FoiQueriesTest : public FoiTest {
 protected:
  Table Ask(const std::function<Result<Table>(const Snapshot&)>& fn) {
    auto snap = ledger_->Read();
    EXPECT_TRUE(snap.ok());
    auto t = fn(**snap);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Table{};
  }
  static std::vector<std::string> Column(const Table& t, const std::string& c) {
    std::vector<std::string> out;
    for (const auto& r : t.rows) out.push_back(CellText(r.as_object().at(c)));
    return out;
  }
};

// Received 3 March (due 1 April, 20 working days) and 17 March (due: 18-21
// (4), 24-28 (9), 31 Mar-4 Apr (14), 7-11 (19), 14 Apr (20)). On Monday 24
// March, five working days ahead is 31 March: neither is due; by 1 April
// (six) the first is; on 2 April it is late.
TEST_F(FoiQueriesTest, DueAndLate) {
  ASSERT_TRUE(Receive("o.foi", "o-q-1", "foia", "2025-03-03").allowed());
  SetToday("2025-03-17");
  ASSERT_TRUE(Receive("d.foi", "d-q-1", "foia", "2025-03-17").allowed());
  EXPECT_EQ(Due("d-q-1"), "2025-04-14");
  Date mar24{2025, 3, 24};
  EXPECT_TRUE(Ask([&](const Snapshot& s) {
                return FoiDue(*engine_, s, mar24, 5, "", false);
              }).rows.empty());
  Table six = Ask([&](const Snapshot& s) { return FoiDue(*engine_, s, mar24, 6, "", false); });
  EXPECT_EQ(Column(six, "request"), std::vector<std::string>{"o-q-1"});
  EXPECT_EQ(Column(six, "working_days_left"), std::vector<std::string>{"6"});
  Table all = Ask([&](const Snapshot& s) { return FoiDue(*engine_, s, mar24, 30, "", false); });
  EXPECT_EQ(Column(all, "request"), (std::vector<std::string>{"o-q-1", "d-q-1"}));
  Table dfe = Ask([&](const Snapshot& s) { return FoiDue(*engine_, s, mar24, 30, "dfe", false); });
  EXPECT_EQ(Column(dfe, "request"), std::vector<std::string>{"d-q-1"});
  Table late = Ask([&](const Snapshot& s) {
    return FoiDue(*engine_, s, Date{2025, 4, 2}, 0, "", true);
  });
  EXPECT_EQ(Column(late, "request"), std::vector<std::string>{"o-q-1"});
  EXPECT_EQ(Column(late, "working_days_left"), std::vector<std::string>{"-1"});
}

TEST_F(FoiQueriesTest, UninformedListsEachCounterpartyUntilTold) {
  ASSERT_TRUE(Summary("sum-q").allowed());
  ASSERT_TRUE(SendToDfe("sum-q").allowed());
  ASSERT_TRUE(
      Receive("o.foi", "o-q-2", "foia", "2025-03-03", {{"items", json::array{"sum-q"}}}).allowed());
  Table t = Ask([&](const Snapshot& s) { return FoiUninformed(*engine_, s, ""); });
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(CellText(t.rows[0].at("inform")), "dfe");
  EXPECT_EQ(CellText(t.rows[0].at("breach")), "");
  EXPECT_NE(CellText(t.rows[0].at("cite")).find("000 §15"), std::string::npos);
  SetToday("2025-03-04");
  ASSERT_TRUE(Respond("o.foi", "o-q-2", "2025-03-04").allowed());
  t = Ask([&](const Snapshot& s) { return FoiUninformed(*engine_, s, "ofsted"); });
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(CellText(t.rows[0].at("breach")), "answered before informing");
  ASSERT_TRUE(Inform("o.foi", "o-q-2", "dfe").allowed());
  EXPECT_TRUE(Ask([&](const Snapshot& s) { return FoiUninformed(*engine_, s, ""); }).rows.empty());
}

TEST_F(FoiQueriesTest, ShowTellsTheWholeStory) {
  ASSERT_TRUE(Summary("sum-s").allowed());
  ASSERT_TRUE(SendToDfe("sum-s").allowed());
  ASSERT_TRUE(
      Receive("d.foi", "d-q-2", "foia", "2025-03-03", {{"items", json::array{"sum-s"}}}).allowed());
  // A refused step is part of the story.
  ASSERT_TRUE(Respond("o.foi", "d-q-2", "2025-03-03").refused());
  ASSERT_TRUE(Inform("d.foi", "d-q-2", "ofsted").allowed());
  Table t = Ask([&](const Snapshot& s) { return FoiShow(*engine_, s, "d-q-2"); });
  EXPECT_EQ(Column(t, "type"),
            (std::vector<std::string>{"foi.received", "refused foi.responded", "foi.informed"}));
  EXPECT_EQ(CellText(t.summary.at("due")), "2025-04-01");
  EXPECT_NE(CellText(t.summary.at("inform")).find("ofsted"), std::string::npos);
  EXPECT_NE(CellText(t.summary.at("inform")).find(": informed"), std::string::npos);
  auto snap = ledger_->Read();
  EXPECT_EQ(FoiShow(*engine_, **snap, "nope").status().code(), Code::kInvalidArgument);
}

// Three Ofsted requests in 2025: answered in 5 and 21 working days (one
// late) and one open; DfE: one answered in 2. The median of 5 and 21 is 13.
TEST_F(FoiQueriesTest, StatsPerParty) {
  ASSERT_TRUE(Receive("o.foi", "o-s-1", "foia", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("o.foi", "o-s-2", "foia", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("o.foi", "o-s-3", "eir", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("d.foi", "d-s-1", "foia", "2025-03-03").allowed());
  SetToday("2025-03-10");  // 4, 5, 6, 7, 10: five working days
  ASSERT_TRUE(Respond("o.foi", "o-s-1", "2025-03-10").allowed());
  SetToday("2025-04-02");
  ASSERT_TRUE(Respond("o.foi", "o-s-2", "2025-04-02").allowed());
  ASSERT_TRUE(Respond("d.foi", "d-s-1", "2025-03-05").allowed());
  Table t = Ask([&](const Snapshot& s) { return FoiStats(*engine_, s, 2025, ""); });
  ASSERT_EQ(t.rows.size(), 2u);
  const json::object& dfe = t.rows[0].as_object();
  const json::object& ofsted = t.rows[1].as_object();
  EXPECT_EQ(CellText(dfe.at("party")), "dfe");
  EXPECT_EQ(CellText(dfe.at("median_working_days")), "2.0");
  EXPECT_EQ(CellText(ofsted.at("received")), "3");
  EXPECT_EQ(CellText(ofsted.at("answered")), "2");
  EXPECT_EQ(CellText(ofsted.at("late")), "1");
  EXPECT_EQ(CellText(ofsted.at("open")), "1");
  EXPECT_EQ(CellText(ofsted.at("on_time_pct")), "50.0");
  EXPECT_EQ(CellText(ofsted.at("median_working_days")), "13.0");
  EXPECT_TRUE(Ask([&](const Snapshot& s) { return FoiStats(*engine_, s, 2024, ""); }).rows.empty());
}

}  // namespace
}  // namespace sharetrail::policy::testing
