// The hold and disposal questions (DESIGN.md §4): "may item Y be deleted
// (no: hold H / no: retention until D / yes)", the holds in force, the
// disposition review list and the disposals of a year.
#include "policies/queries.h"
#include "tests/policies/rules/holds_fixture.h"

namespace sharetrail::policy::testing {
namespace {

Date D(const std::string& s) { return *ParseDate(s); }

std::vector<std::string> Column(const Table& t, const char* column) {
  std::vector<std::string> out;
  for (const auto& r : t.rows) out.push_back(CellText(r.at(column)));
  return out;
}

class HoldsQueriesTest : public HoldsTest {
 protected:
  Table Ask(const std::function<Result<Table>(const Snapshot&)>& q) {
    auto snap = ledger_->Read();
    EXPECT_TRUE(snap.ok());
    auto t = q(**snap);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Table{};
  }
  Table MayDeleteOn(const std::string& item, const std::string& party, const std::string& day) {
    return Ask([&](const Snapshot& s) { return MayDelete(*engine_, s, item, party, D(day)); });
  }
  // The single answer may-delete gives (every row carries it).
  std::string Answer(const std::string& item, const std::string& party = "ofsted",
                     const std::string& day = "2025-03-03") {
    Table t = MayDeleteOn(item, party, day);
    return t.rows.empty() ? "" : Str(t.rows[0].as_object(), "answer");
  }
  Table Review(const std::string& day) {
    return Ask([&](const Snapshot& s) { return DispositionReview(*engine_, s, D(day)); });
  }
};

// 000 §13 (hold), 003 "How long we keep personal data" (retention) and
// DESIGN.md §4's three answers, each with its reasons and citations.
TEST_F(HoldsQueriesTest, MayDeleteAnswersHoldRetentionOrYes) {
  ASSERT_TRUE(Plain("ev-old").allowed());
  ASSERT_TRUE(Item("o.arc", "ev-new", "inspection_evidence",
                   {{"retention_class", "inspection_evidence_3y"}, {"evidence_date", "2023-01-10"}})
                  .allowed());
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(
      Item("o.arc", "reg-1", "registration_information", {{"retention_class", "registration_life"}})
          .allowed());

  Table yes = MayDeleteOn("ev-old", "ofsted", "2025-03-03");
  ASSERT_EQ(yes.rows.size(), 1u);
  EXPECT_EQ(yes.rows[0], (json::object{{"answer", "yes"},
                                       {"rule", ""},
                                       {"reason",
                                        "no hold covers it and its retention minimum ended on "
                                        "2024-06-01"},
                                       {"cite",
                                        "003 Inspections of Cafcass > How long we keep "
                                        "personal data ¶1"}}));
  EXPECT_EQ(yes.summary.at("retention_until"), "2024-06-01");

  Table until = MayDeleteOn("ev-new", "ofsted", "2025-03-03");
  EXPECT_EQ(Column(until, "answer"), std::vector<std::string>{"no: retention until 2026-01-10"});
  EXPECT_EQ(Column(until, "rule"), std::vector<std::string>{"retention.minimum"});
  EXPECT_EQ(Answer("ev-new", "ofsted", "2026-01-10"), "yes");  // as of a later day
  EXPECT_EQ(Answer("reg-1"), "no: retention not yet started");
  EXPECT_EQ(Answer("ev-old", "dfe"), "no");  // DfE holds no copy
  {
    auto snap = ledger_->Read();
    EXPECT_FALSE(MayDelete(*engine_, **snap, "no-such-item", "ofsted", D("2025-03-03")).ok());
    EXPECT_FALSE(MayDelete(*engine_, **snap, "ev-old", "no-such-party", D("2025-03-03")).ok());
  }

  ASSERT_TRUE(PlaceIicsa().allowed());
  EXPECT_EQ(Answer("nis-1"), "no: hold iicsa (iicsa)");
  EXPECT_EQ(Answer("ev-old"), "yes");
  ASSERT_TRUE(Place("o.ig", "claim", "item", "litigation", "nis-1").allowed());
  Table stacked = MayDeleteOn("nis-1", "ofsted", "2025-03-03");
  EXPECT_EQ(Column(stacked, "answer"),
            std::vector<std::string>(2, "no: hold claim (litigation), iicsa (iicsa)"));
  EXPECT_EQ(Column(stacked, "rule"), (std::vector<std::string>{"hold.no-destroy", "hold.iicsa"}));
  EXPECT_EQ(Column(stacked, "cite")[1], "000 §13");

  ASSERT_TRUE(Lift("o.siro", "claim").allowed());
  ASSERT_TRUE(Lift("o.siro", "iicsa").allowed());
  Table owed = MayDeleteOn("nis-1", "ofsted", "2025-03-03");
  EXPECT_EQ(Column(owed, "answer"), std::vector<std::string>{"no: retention review owed"});
  EXPECT_EQ(Column(owed, "rule"), std::vector<std::string>{"hold.retention-review"});
  ASSERT_TRUE(ReviewMou("2025-03-03").allowed());
  EXPECT_EQ(Answer("nis-1"), "yes");
}

TEST_F(HoldsQueriesTest, HoldsInForceAndAll) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(PlaceIicsa().allowed());
  ASSERT_TRUE(Place("o.ig", "claim", "item", "litigation", "ev-1").allowed());
  SetToday("2025-04-01");
  ASSERT_TRUE(Lift("o.siro", "claim").allowed());

  Table active = Ask([](const Snapshot& s) { return Holds(s, false); });
  ASSERT_EQ(active.rows.size(), 1u);
  EXPECT_EQ(active.rows[0], (json::object{{"hold", "iicsa"},
                                          {"authority", "iicsa"},
                                          {"scope", "safeguarding"},
                                          {"target", ""},
                                          {"placed", "2025-03-03"},
                                          {"by", "ofsted"},
                                          {"state", "in force"}}));
  Table all = Ask([](const Snapshot& s) { return Holds(s, true); });
  EXPECT_EQ(Column(all, "hold"), (std::vector<std::string>{"claim", "iicsa"}));
  EXPECT_EQ(Column(all, "target"), (std::vector<std::string>{"ev-1", ""}));
  EXPECT_EQ(Column(all, "state"), (std::vector<std::string>{"lifted 2025-04-01", "in force"}));
}

// Issue 5: "A request refused because of a hold comes back to a review list
// when the hold is lifted"; pending and approved requests await their next
// step; a request refused on retention alone does not come back.
TEST_F(HoldsQueriesTest, DispositionReviewList) {
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Plain("ev-2").allowed());
  ASSERT_TRUE(Item("o.arc", "ev-young", "inspection_evidence",
                   {{"retention_class", "inspection_evidence_3y"}, {"evidence_date", "2024-01-10"}})
                  .allowed());
  ASSERT_TRUE(Request("o.arc", "req-pending", "ev-1").allowed());
  ASSERT_TRUE(Request("o.arc", "req-approved", "ev-2").allowed());
  ASSERT_TRUE(Approve("o.ig", "req-approved").allowed());
  ASSERT_TRUE(Request("o.arc", "req-young", "ev-young").refused());
  ASSERT_TRUE(PlaceIicsa().allowed());
  ASSERT_TRUE(Request("o.arc", "req-held", "nis-1").refused());

  Table t = Review("2025-03-03");
  EXPECT_EQ(Column(t, "request"), (std::vector<std::string>{"req-approved", "req-pending"}));
  EXPECT_EQ(Column(t, "state"), (std::vector<std::string>{"approved", "pending"}));
  EXPECT_EQ(Column(t, "next"),
            (std::vector<std::string>{"dispose", "approve or decline (disposition review)"}));

  ASSERT_TRUE(Dispose("o.arc", "req-approved").allowed());
  SetToday("2025-06-02");
  ASSERT_TRUE(Lift("o.siro", "iicsa").allowed());
  t = Review("2025-06-02");
  EXPECT_EQ(Column(t, "request"), (std::vector<std::string>{"req-held", "req-pending"}));
  json::object held = t.rows[0].as_object();
  EXPECT_EQ(held.at("item"), "nis-1");
  EXPECT_EQ(held.at("party"), "ofsted");
  EXPECT_EQ(held.at("requested"), "2025-03-03");
  EXPECT_EQ(held.at("state"), "refused (hold since lifted)");
  // 000 §13 ¶2: the MOU's retention review is still owed.
  EXPECT_TRUE(Str(held, "next").starts_with("hold lifted; still blocked: ")) << held;
  EXPECT_NE(Str(held, "next").find("must be reviewed for retention"), std::string::npos);

  ASSERT_TRUE(ReviewMou("2025-06-02").allowed());
  t = Review("2025-06-02");
  EXPECT_EQ(Str(t.rows[0].as_object(), "next"), "hold lifted; request again");

  // Asked again under a new id, the old refusal has been dealt with.
  ASSERT_TRUE(Request("o.arc", "req-again", "nis-1").allowed());
  t = Review("2025-06-02");
  EXPECT_EQ(Column(t, "request"), (std::vector<std::string>{"req-again", "req-pending"}));
  ASSERT_TRUE(Approve("o.ig", "req-again").allowed());
  ASSERT_TRUE(Dispose("o.arc", "req-again").allowed());
  EXPECT_EQ(Column(Review("2025-06-02"), "request"), std::vector<std::string>{"req-pending"});
}

// Two requests for one copy: once it is disposed of under one, the list
// does not send anyone to approve or dispose under the other.
TEST_F(HoldsQueriesTest, DispositionReviewAfterTheCopyWentUnderAnotherRequest) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Request("o.arc", "req-a", "ev-1").allowed());
  ASSERT_TRUE(Request("o.ig", "req-b", "ev-1").allowed());
  ASSERT_TRUE(Request("o.ig", "req-c", "ev-1").allowed());
  ASSERT_TRUE(Approve("o.ig", "req-a").allowed());
  ASSERT_TRUE(Approve("o.siro", "req-b").allowed());
  EXPECT_EQ(
      Column(Review("2025-03-03"), "next"),
      (std::vector<std::string>{"dispose", "dispose", "approve or decline (disposition review)"}));
  ASSERT_TRUE(Dispose("o.arc", "req-a").allowed());
  Table t = Review("2025-03-03");
  EXPECT_EQ(Column(t, "request"), (std::vector<std::string>{"req-b", "req-c"}));
  EXPECT_EQ(Column(t, "next"),
            std::vector<std::string>(2, "none: the copy was disposed of under another request"));
}

// Disposals carried out in a year, each with who approved it.
TEST_F(HoldsQueriesTest, DisposalsByYear) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Plain("ev-2").allowed());
  ASSERT_TRUE(Request("o.arc", "req-1", "ev-1").allowed());
  ASSERT_TRUE(Approve("o.ig", "req-1").allowed());
  Recorded first = Dispose("o.arc", "req-1");
  ASSERT_TRUE(first.allowed());
  SetToday("2026-01-05");
  ASSERT_TRUE(Request("o.ig", "req-2", "ev-2").allowed());
  ASSERT_TRUE(Approve("o.siro", "req-2").allowed());
  Recorded second = Dispose("o.arc", "req-2");
  ASSERT_TRUE(second.allowed());
  // A refused disposal is not a disposal.
  ASSERT_TRUE(Request("o.arc", "req-3", "ev-1").refused());

  Table y2025 = Ask([](const Snapshot& s) { return Disposals(s, 2025); });
  ASSERT_EQ(y2025.rows.size(), 1u);
  EXPECT_EQ(y2025.rows[0], (json::object{{"seq", first.seq},
                                         {"time", "2025-03-03T12:00:00.000000Z"},
                                         {"item", "ev-1"},
                                         {"party", "ofsted"},
                                         {"request", "req-1"},
                                         {"method", "crypto_shredded"},
                                         {"approved_by", "o.ig"}}));
  EXPECT_EQ(y2025.summary.at("disposals"), 1);
  Table y2026 = Ask([](const Snapshot& s) { return Disposals(s, 2026); });
  EXPECT_EQ(Column(y2026, "request"), std::vector<std::string>{"req-2"});
  EXPECT_EQ(Column(y2026, "approved_by"), std::vector<std::string>{"o.siro"});
  EXPECT_TRUE(Ask([](const Snapshot& s) { return Disposals(s, 2024); }).rows.empty());
}

}  // namespace
}  // namespace sharetrail::policy::testing
