// Seed 004, use of register data beyond safeguarding: authorised at a senior
// level and recorded, and counted so that the public can ask how often it
// happened (unauthorised uses included, DESIGN.md §3).
#include <map>

#include "tests/policies/rules/register_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class PurposeUseTest : public RegisterTest {
 protected:
  void SetUp() override {
    RegisterTest::SetUp();
    ASSERT_TRUE(Request("wm.chief", "wm-1").allowed());
    ASSERT_TRUE(Request("r.dcs", "rd-1", {{"area", "Rochdale"}}).allowed());
  }

  Recorded Use(const std::string& user, const std::string& authorised_by,
               const std::string& request = "wm-1",
               const std::string& purpose = "crime_detection") {
    json::object body{{"request", request},
                      {"purpose", purpose},
                      {"description", "home addresses used to trace a burglary suspect"}};
    if (!authorised_by.empty()) {
      body["authorised_by"] = authorised_by;
      body["authorisation_reference"] = "WMP/DP/2025/17";
    }
    return Record(user, "purpose.use", std::move(body));
  }

  // The public count: index records under x/beyond-purpose/<year>/, by value
  // ("authorised" or "unauthorised").
  std::map<std::string, int> Count(const std::string& year) {
    std::map<std::string, int> out;
    auto snap = ledger_->Read();
    EXPECT_TRUE(snap.ok());
    std::string prefix = "x/beyond-purpose/" + year + "/";
    EXPECT_TRUE((*snap)
                    ->Scan(prefix, "",
                           [&](std::string_view, std::string_view v) {
                             ++out[std::string(v)];
                             ++out["total"];
                             return true;
                           })
                    .ok());
    return out;
  }
};

// 004 "Statement of values and principles" ¶1, bullet 4: "Where,
// exceptionally, personal data obtained under the Registration Regulations
// are processed for any purpose other than for safeguarding the welfare of
// children, this will be authorised at a senior level and recorded".
TEST_F(PurposeUseTest, PurposeUnauthorised) {
  Recorded ok = Use("wm.officer", "wm.chief");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  EXPECT_EQ(ok.outcome(), "allow");
  EXPECT_TRUE(Use("wm.officer", "wm.siro").allowed());  // the force's SIRO is senior too

  Recorded r = Use("wm.officer", "");
  ExpectRefusedOnLedger(r, "purpose.use", "purpose.unauthorised", kRegisterSeed);
  // Still recorded in full: what the data was used for, and by whom.
  json::object e = EntryAt(r.seq);
  EXPECT_EQ(e.at("body").at("attempt").at("body").at("purpose"), "crime_detection");
  EXPECT_EQ(e.at("actor").at("user"), "wm.officer");

  r = Use("wm.officer", "wm.officer");  // a staff member is not senior
  ExpectRefusedOnLedger(r, "purpose.use", "purpose.unauthorised", kRegisterSeed);
  EXPECT_NE(Reason(r, "purpose.unauthorised").find("not a senior officer of west-mercia-police"),
            std::string::npos);
  // Senior, but of another authority.
  ExpectRefusedOnLedger(Use("wm.officer", "r.dcs"), "purpose.use", "purpose.unauthorised",
                        kRegisterSeed);
}

// Use for safeguarding is within purpose: recording it as a use beyond
// purpose is malformed and would inflate the public count.
TEST_F(PurposeUseTest, SafeguardingIsNotBeyondPurpose) {
  uint64_t before = Size();
  Recorded r = Use("wm.officer", "wm.chief", "wm-1", "safeguarding");
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.purpose"), std::string::npos) << r.status.message();
  EXPECT_EQ(Size(), before);
  EXPECT_EQ(Count("2025")["total"], 0);
}

// 004 "Processing of personal data" ¶4: "so that the public can obtain on
// request details of how frequently this data has been processed beyond its
// intended uses"; DESIGN.md §3: the count includes unauthorised uses.
TEST_F(PurposeUseTest, PublicCountOfUsesBeyondPurpose) {
  const int authorised = 2, unauthorised = 3;
  for (int i = 0; i < authorised; ++i) ASSERT_TRUE(Use("wm.officer", "wm.chief").allowed());
  for (int i = 0; i < unauthorised; ++i) ASSERT_TRUE(Use("wm.officer", "").refused());
  ASSERT_TRUE(Use("r.dcs", "r.dcs", "rd-1", "research").allowed());  // Rochdale's own, authorised

  SetToday("2026-01-05");
  ASSERT_TRUE(Use("wm.officer", "wm.chief").allowed());

  auto y2025 = Count("2025");
  EXPECT_EQ(y2025["total"], authorised + unauthorised + 1);
  EXPECT_EQ(y2025["authorised"], authorised + 1);
  EXPECT_EQ(y2025["unauthorised"], unauthorised);
  EXPECT_EQ(Count("2026")["total"], 1);
}

// Only uses the authority itself recorded count: an attempt on another
// authority's request is refused for party scope and is no use of its data.
TEST_F(PurposeUseTest, AttemptOnAnotherAuthoritysRequestIsNotCounted) {
  Recorded r = Use("r.dcs", "r.dcs", "wm-1");
  ASSERT_TRUE(r.refused()) << r.status.ToString() << r.Findings();
  EXPECT_TRUE(r.Has("scope.party")) << r.Findings();
  EXPECT_FALSE(r.Has("purpose.unauthorised")) << r.Findings();
  EXPECT_EQ(Count("2025")["total"], 0);
}

}  // namespace
}  // namespace sharetrail::policy::testing
