// Holds (DESIGN.md §3, first row): the IICSA no-destroy hold of seed 000
// §13 over everything flagged safeguarding, lifting it (an authorised actor,
// a reason, nothing deleted) and the retention review it leaves owed, and
// holds of other authorities stacking on the same item.
#include "policies/queries.h"
#include "tests/policies/rules/holds_fixture.h"

namespace sharetrail::policy::testing {
namespace {

int Count(const Recorded& r, std::string_view rule) {
  int n = 0;
  for (const auto& f : r.decision.at("findings").as_array())
    n += Str(f.as_object(), "rule") == rule;
  return n;
}

// 000 §13 ¶2: "No information relating to safeguarding concerns must be
// deleted or destroyed while the Independent Inquiry into Child Sexual Abuse
// is in progress." The refused request is itself recorded (DESIGN.md §3).
TEST_F(HoldsTest, IicsaHoldRefusesDeletionOfSafeguardingItems) {
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(Plain("ev-1").allowed());
  Recorded placed = PlaceIicsa();
  ASSERT_TRUE(placed.allowed()) << placed.status.ToString() << placed.Findings();

  Recorded r = Request("o.ig", "req-1", "nis-1");
  ExpectRefusedOnLedger(r, "deletion.requested", "hold.iicsa", kSeed000);
  EXPECT_EQ(CiteOf(r, "hold.iicsa").at("para"), "§13");
  std::string why = Reason(r, "hold.iicsa");
  EXPECT_NE(why.find("iicsa (iicsa, placed 2025-03-03 by ofsted)"), std::string::npos) << why;
  EXPECT_EQ(EntryAt(r.seq).at("body").at("attempt").at("body").at("item"), "nis-1");
  // Kept, so that it can come back for review when the hold is lifted.
  json::object req = State(keys::DeletionRequest("req-1"));
  EXPECT_EQ(req.at("state"), "refused");
  EXPECT_EQ(req.at("refused_by"), (json::array{"hold.iicsa"}));

  // What is not flagged safeguarding is outside the hold.
  Recorded ok = Request("o.ig", "req-2", "ev-1");
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  EXPECT_EQ(State(keys::DeletionRequest("req-2")).at("state"), "pending");
}

// The hold covers everything flagged safeguarding "while the Inquiry is in
// progress" (000 §13), so items registered after it was placed too. An item
// the privacy notice says is kept for the Inquiry cites that (003 "Types of
// personal data that we might hold" ¶4).
TEST_F(HoldsTest, IicsaHoldCoversItemsRegisteredLater) {
  ASSERT_TRUE(PlaceIicsa().allowed());
  SetToday("2025-04-14");
  ASSERT_TRUE(Summary("nis-later").allowed());
  ASSERT_TRUE(Item("o.arc", "la-notification", "notifiable_incident_notification",
                   {{"safeguarding", true}, {"agreement", "ofsted-social-care-privacy-notice"}})
                  .allowed());
  ASSERT_TRUE(Plain("ev-later").allowed());

  ExpectRefusedOnLedger(Request("o.ig", "req-1", "nis-later"), "deletion.requested", "hold.iicsa",
                        kSeed000);
  Recorded notice = Request("o.ig", "req-2", "la-notification");
  ExpectRefusedOnLedger(notice, "deletion.requested", "hold.iicsa", kSeed003);
  EXPECT_NE(Str(CiteOf(notice, "hold.iicsa"), "quote").find("Independent Inquiry"),
            std::string::npos);
  EXPECT_TRUE(Request("o.ig", "req-3", "ev-later").allowed());
}

// DESIGN.md §3: "lifting a hold needs an authorised actor and a reason, and
// does not delete anything by itself". The actor is the SIRO of the party
// that placed it.
TEST_F(HoldsTest, LiftNeedsTheSiroOfThePlacingPartyAndAReasonAndDeletesNothing) {
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(PlaceIicsa("o.ig").allowed());  // an IG officer may place one
  auto provenance = [&] {
    auto snap = ledger_->Read();
    auto t = Provenance(**snap, "nis-1", {});
    EXPECT_TRUE(t.ok());
    return json::serialize(t->rows);
  };
  ExpectRefusedOnLedger(Lift("o.ig", "iicsa"), "hold.lifted", "scope.role", kDesign);
  ExpectRefusedOnLedger(Lift("wm.siro", "iicsa"), "hold.lifted", "scope.party", kDesign);
  // Without a reason it is malformed: nothing is appended.
  uint64_t size = Size();
  EXPECT_FALSE(Record("o.siro", "hold.lifted", {{"hold", "iicsa"}}).status.ok());
  EXPECT_FALSE(Record("o.siro", "hold.lifted", {{"hold", "iicsa"}, {"reason", ""}}).status.ok());
  EXPECT_EQ(Size(), size);
  EXPECT_FALSE(State(keys::Hold("iicsa")).contains("lifted"));
  ExpectRefusedOnLedger(Request("o.ig", "req-1", "nis-1"), "deletion.requested", "hold.iicsa",
                        kSeed000);
  const std::string before = provenance();
  const json::object item = State(keys::Item("nis-1"));

  SetToday("2025-05-06");
  Recorded lifted = Lift("o.siro", "iicsa");
  ASSERT_TRUE(lifted.allowed()) << lifted.status.ToString() << lifted.Findings();
  EXPECT_NE(Obligation(lifted, "hold.lift-deletes-nothing"), "");
  EXPECT_NE(Obligation(lifted, "hold.retention-review").find("000 §13"), std::string::npos)
      << lifted.Findings();
  json::object hold = State(keys::Hold("iicsa"));
  EXPECT_EQ(hold.at("lifted").at("date"), "2025-05-06");
  EXPECT_EQ(hold.at("lifted").at("by"), "o.siro");
  // Nothing went: the item, Ofsted's copy and the item's history are as they were.
  EXPECT_EQ(State(keys::Item("nis-1")), item);
  EXPECT_TRUE(Exists(keys::Held("nis-1", "ofsted")));
  EXPECT_EQ(provenance(), before);
  // A lifted hold cannot be lifted again.
  size = Size();
  Recorded again = Lift("o.siro", "iicsa");
  EXPECT_FALSE(again.status.ok());
  EXPECT_NE(again.status.message().find("lifted on 2025-05-06"), std::string::npos);
  EXPECT_EQ(Size(), size);
}

// 000 §13 ¶2 "At the end of the inquiry, this MoU will be reviewed to
// consider the retention of the data", read as: once the IICSA hold is
// lifted, nothing under the MOU is deleted until the MOU has been reviewed
// on or after the day it was lifted (DESIGN.md §3 reading).
TEST_F(HoldsTest, AfterTheLiftDeletionWaitsForTheMouRetentionReview) {
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(Item("d.data", "dfe-note", "casework_summary",
                   {{"safeguarding", true},
                    {"retention_class", "inspection_evidence_3y"},
                    {"evidence_date", "2021-06-01"}})
                  .allowed());
  ASSERT_TRUE(PlaceIicsa().allowed());
  ASSERT_TRUE(ReviewMou("2025-03-03").allowed());  // before the lift: does not count
  SetToday("2025-06-02");
  ASSERT_TRUE(Lift("o.siro", "iicsa").allowed());

  Recorded r = Request("o.ig", "req-1", "nis-1");
  ExpectRefusedOnLedger(r, "deletion.requested", "hold.retention-review", kSeed000);
  EXPECT_FALSE(r.Has("hold.iicsa")) << r.Findings();
  EXPECT_NE(Str(CiteOf(r, "hold.retention-review"), "quote").find("At the end of the inquiry"),
            std::string::npos);
  EXPECT_NE(Reason(r, "hold.retention-review").find("lifted on 2025-06-02"), std::string::npos);
  // The review is of the MOU's data; DfE's own note under no agreement owes none.
  Recorded dfe = Request("d.ig", "req-dfe", "dfe-note");
  EXPECT_TRUE(dfe.allowed()) << dfe.status.ToString() << dfe.Findings();

  // A review held the day before the lift, recorded late, is not the one owed.
  SetToday("2025-06-03");
  ASSERT_TRUE(ReviewMou("2025-06-01").allowed());
  ExpectRefusedOnLedger(Request("o.ig", "req-2", "nis-1"), "deletion.requested",
                        "hold.retention-review", kSeed000);
  // One held on the day of the lift is.
  ASSERT_TRUE(ReviewMou("2025-06-02").allowed());
  Recorded ok = Request("o.ig", "req-3", "nis-1");
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
}

// DESIGN.md §3: "A hold (legal, inquiry, litigation) always beats retention
// expiry". Holds stack: the item stays held while any hold covers it.
TEST_F(HoldsTest, StackedSafeguardingAndItemHoldsBothMustBeLifted) {
  ASSERT_TRUE(Summary("nis-1").allowed());
  ASSERT_TRUE(PlaceIicsa().allowed());
  ASSERT_TRUE(Place("o.ig", "claim-nis-1", "item", "litigation", "nis-1").allowed());

  Recorded both = Request("o.ig", "req-1", "nis-1");
  ExpectRefusedOnLedger(both, "deletion.requested", "hold.iicsa", kSeed000);
  ExpectRefusedOnLedger(both, "deletion.requested", "hold.no-destroy", kDesign);
  EXPECT_EQ(CiteOf(both, "hold.no-destroy").at("para"), "§3 rules table");
  EXPECT_NE(Reason(both, "hold.no-destroy").find("claim-nis-1 (litigation"), std::string::npos);

  ASSERT_TRUE(Lift("o.siro", "iicsa").allowed());
  ASSERT_TRUE(ReviewMou("2025-03-03").allowed());
  Recorded one = Request("o.ig", "req-2", "nis-1");
  ExpectRefusedOnLedger(one, "deletion.requested", "hold.no-destroy", kDesign);
  EXPECT_FALSE(one.Has("hold.iicsa")) << one.Findings();
  EXPECT_FALSE(one.Has("hold.retention-review")) << one.Findings();

  ASSERT_TRUE(Lift("o.siro", "claim-nis-1").allowed());
  Recorded ok = Request("o.ig", "req-3", "nis-1");
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
}

// The same with holds of other authorities: litigation over a category and an
// ICO investigation over everything a party holds.
TEST_F(HoldsTest, StackedCategoryAndPartyHoldsBothMustBeLifted) {
  ASSERT_TRUE(Plain("ev-1", "inspection_evidence").allowed());
  ASSERT_TRUE(Plain("rep-1", "inspection_report").allowed());
  ASSERT_TRUE(
      Place("o.ig", "claim-evidence", "category", "litigation", "inspection_evidence").allowed());
  ASSERT_TRUE(Place("o.siro", "ico-ofsted", "party", "ico_investigation", "ofsted").allowed());

  Recorded r = Request("o.ig", "req-1", "ev-1");
  ExpectRefusedOnLedger(r, "deletion.requested", "hold.no-destroy", kDesign);
  EXPECT_EQ(Count(r, "hold.no-destroy"), 2) << r.Findings();
  ExpectRefusedOnLedger(Request("o.ig", "req-2", "rep-1"), "deletion.requested", "hold.no-destroy",
                        kDesign);

  ASSERT_TRUE(Lift("o.siro", "claim-evidence").allowed());
  r = Request("o.ig", "req-3", "ev-1");
  ExpectRefusedOnLedger(r, "deletion.requested", "hold.no-destroy", kDesign);
  EXPECT_EQ(Count(r, "hold.no-destroy"), 1) << r.Findings();
  EXPECT_NE(Reason(r, "hold.no-destroy").find("ico-ofsted"), std::string::npos);

  ASSERT_TRUE(Lift("o.siro", "ico-ofsted").allowed());
  EXPECT_TRUE(Request("o.ig", "req-4", "ev-1").allowed());
  EXPECT_TRUE(Request("o.ig", "req-5", "rep-1").allowed());
}

// Placing a hold is a governance act (siro or ig_officer); its scope must
// name what it covers, and the refusal of anyone else is recorded.
TEST_F(HoldsTest, PlacingAHold) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ExpectRefusedOnLedger(Place("o.arc", "h-staff", "item", "litigation", "ev-1"), "hold.placed",
                        "scope.role", kDesign);
  EXPECT_FALSE(Exists(keys::Hold("h-staff")));

  uint64_t size = Size();
  EXPECT_FALSE(Place("o.ig", "h1", "item", "litigation").status.ok());  // no target
  EXPECT_FALSE(Place("o.ig", "h1", "item", "litigation", "no-such-item").status.ok());
  EXPECT_FALSE(Place("o.ig", "h1", "category", "litigation", "no_such_category").status.ok());
  EXPECT_FALSE(Place("o.ig", "h1", "party", "litigation", "no-such-party").status.ok());
  EXPECT_FALSE(Place("o.ig", "h1", "safeguarding", "iicsa", "ev-1").status.ok());
  EXPECT_EQ(Size(), size);

  Recorded ok = Place("o.ig", "h1", "item", "other_inquiry", "ev-1");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  json::object h = State(keys::Hold("h1"));
  EXPECT_EQ(h.at("by"), "ofsted");
  EXPECT_EQ(h.at("placed"), "2025-03-03");
  EXPECT_EQ(h.at("target"), "ev-1");
  EXPECT_FALSE(Place("o.ig", "h1", "item", "litigation", "ev-1").status.ok());  // id taken
}

// A disposition review can decline as well as approve; a refused approval
// and an item hold both belong to the item's story (provenance).
TEST_F(HoldsTest, DeclinedRequestsAndRefusedStepsShowInProvenance) {
  ASSERT_TRUE(Plain("ev-1").allowed());
  ASSERT_TRUE(Request("o.arc", "req-1", "ev-1").allowed());
  ASSERT_TRUE(
      Record("o.ig", "disposition.declined", {{"request", "req-1"}, {"reason", "still needed"}})
          .allowed());
  EXPECT_FALSE(Approve("o.ig", "req-1").status.ok());  // declined: nothing to approve
  EXPECT_FALSE(Record("o.ig", "disposition.declined", {{"request", "req-1"}, {"reason", "  "}})
                   .status.ok());  // a blank reason is no reason

  ASSERT_TRUE(Request("o.arc", "req-2", "ev-1").allowed());
  ASSERT_TRUE(Place("o.siro", "claim", "item", "litigation", "ev-1").allowed());
  Recorded refused = Approve("o.ig", "req-2");
  ASSERT_TRUE(refused.refused());
  auto snap = ledger_->Read();
  auto prov = Provenance(**snap, "ev-1", {});
  ASSERT_TRUE(prov.ok());
  std::vector<std::string> types;
  for (const auto& row : prov->rows) types.emplace_back(row.at("type").as_string());
  EXPECT_EQ(types, (std::vector<std::string>{"item.registered", "deletion.requested",
                                             "disposition.declined", "deletion.requested",
                                             "hold.placed", "refused disposition.approved"}));
}

}  // namespace
}  // namespace sharetrail::policy::testing
