// Seed 004, standing (monthly) requests for the register of children's
// homes: they lapse unless reconfirmed every twelve months, and after a lapse
// HMCI sends nothing more until a further request is made.
#include "policies/rules/rules.h"
#include "tests/policies/rules/register_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class StandingRequestTest : public RegisterTest {
 protected:
  // The ledger's clock never runs backwards: start before the leap day.
  StandingRequestTest() { start_date_ = "2024-01-02"; }

  // West Mercia's Chief Officer asks for monthly disclosure on `date`
  // ("How requests should be made" ¶4), and Ofsted holds an extract.
  void StandingRequestOn(const std::string& date) {
    SetToday(date);
    Recorded r = Request("wm.chief", "wm-monthly", {{"standing", true}});
    ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
    ASSERT_TRUE(Extract("ext-wm").allowed());
  }
  Recorded DiscloseOn(const std::string& date, const std::string& request = "wm-monthly") {
    SetToday(date);
    return Disclose("ext-wm", "west-mercia-police", request);
  }
  Recorded ReconfirmOn(const std::string& date, const std::string& user = "wm.chief") {
    SetToday(date);
    return Record(user, "standing_request.reconfirmed", {{"request", "wm-monthly"}});
  }
};

TEST(StandingRequestLastDayTest, TwelveMonthsByCorrespondingDate) {
  EXPECT_EQ(StandingRequestLastDay(Date{2024, 2, 29}, 12), (Date{2025, 2, 28}));
  EXPECT_EQ(StandingRequestLastDay(Date{2025, 1, 15}, 12), (Date{2026, 1, 15}));
  EXPECT_EQ(StandingRequestLastDay(Date{2023, 3, 31}, 12), (Date{2024, 3, 31}));
}

// 004 "How requests should be made" ¶6: "If a confirmation is not sent by
// the public authority to HMCI every twelve months, HMCI will no longer send
// the information"; DESIGN.md §3 reading: "created 29 Feb 2024 → last valid
// day 28 Feb 2025".
TEST_F(StandingRequestTest, StandingLapsed) {
  StandingRequestOn("2024-02-29");
  EXPECT_TRUE(DiscloseOn("2024-03-29").allowed());
  Recorded ok = DiscloseOn("2025-02-28");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();

  Recorded r = DiscloseOn("2025-03-01");
  ExpectRefusedOnLedger(r, "share", "standing.lapsed", kRegisterSeed);
  EXPECT_NE(Reason(r, "standing.lapsed").find("lapsed after 2025-02-28"), std::string::npos)
      << r.Findings();
  EXPECT_EQ(EntryAt(r.seq).at("time").as_string().subview(0, 10), "2025-03-01");
}

// 004 "How requests should be made" ¶4 (the authority will "send a
// confirmation to HMCI ... that it wishes to continue") and ¶6: the twelve
// months run again from the last reconfirmation.
TEST_F(StandingRequestTest, ReconfirmationExtendsTheRequest) {
  StandingRequestOn("2024-02-29");
  Recorded c = ReconfirmOn("2025-01-15");
  ASSERT_TRUE(c.allowed()) << c.status.ToString() << c.Findings();

  EXPECT_TRUE(DiscloseOn("2025-03-01").allowed());  // would have lapsed unconfirmed
  Recorded ok = DiscloseOn("2026-01-15");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  Recorded r = DiscloseOn("2026-01-16");
  ExpectRefusedOnLedger(r, "share", "standing.lapsed", kRegisterSeed);
  EXPECT_NE(Reason(r, "standing.lapsed").find("last confirmed 2025-01-15"), std::string::npos)
      << r.Findings();
}

// The last valid day is still in time to reconfirm.
TEST_F(StandingRequestTest, ReconfirmingOnTheLastValidDay) {
  StandingRequestOn("2024-02-29");
  ASSERT_TRUE(ReconfirmOn("2025-02-28").allowed());
  EXPECT_TRUE(DiscloseOn("2026-02-28").allowed());
  EXPECT_TRUE(DiscloseOn("2026-03-01").refused());
}

// 004 "How requests should be made" ¶6: after a lapse HMCI sends nothing
// "unless or until a further request is received" — a late confirmation does
// not revive the old request.
TEST_F(StandingRequestTest, ReconfirmingAfterLapseIsRefused) {
  StandingRequestOn("2024-02-29");
  Recorded r = ReconfirmOn("2025-03-01");
  ExpectRefusedOnLedger(r, "standing_request.reconfirmed", "standing.lapsed", kRegisterSeed);
  EXPECT_NE(Reason(r, "standing.lapsed").find("further request"), std::string::npos);
  EXPECT_TRUE(DiscloseOn("2025-03-02").refused());

  Recorded again = Request("wm.chief", "wm-monthly-2025", {{"standing", true}});
  ASSERT_TRUE(again.allowed()) << again.status.ToString() << again.Findings();
  EXPECT_TRUE(DiscloseOn("2025-03-02", "wm-monthly-2025").allowed());
}

// 004 "How requests should be made" ¶1 and ¶6: the confirmation comes from
// the public authority that asked, through the same named role.
TEST_F(StandingRequestTest, ReconfirmationByTheRequester) {
  StandingRequestOn("2024-02-29");
  ExpectRefusedOnLedger(ReconfirmOn("2025-01-15", "wm.officer"), "standing_request.reconfirmed",
                        "register.requester", kRegisterSeed);
  Recorded r = ReconfirmOn("2025-01-15", "r.dcs");
  ASSERT_TRUE(r.refused());
  EXPECT_TRUE(r.Has("scope.party")) << r.Findings();
  // Neither counts as a reconfirmation.
  EXPECT_TRUE(DiscloseOn("2025-03-01").refused());

  // A one-off request has nothing to reconfirm.
  ASSERT_TRUE(Request("wm.chief", "wm-once").allowed());
  uint64_t before = Size();
  r = Record("wm.chief", "standing_request.reconfirmed", {{"request", "wm-once"}});
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("one-off"), std::string::npos) << r.status.message();
  EXPECT_EQ(Size(), before);
}

}  // namespace
}  // namespace sharetrail::policy::testing
