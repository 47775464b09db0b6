// Drives the real sharetrail binary's calendar commands, which need no ledger.
// Expected dates are the hand-worked ones of tests/policies/clock_test.cc.
#include "tests/e2e/story_support.h"

namespace sharetrail {
namespace {

using e2e::CmdResult;
using e2e::Slurp;

class CalendarCliTest : public ::testing::Test {
 protected:
  // Runs `sharetrail args` with optional stdin text; no --ledger, and none in
  // the environment either, to show the commands do not need one.
  CmdResult Cli(const std::string& args, const std::string& input = "") {
    std::string in = tmp_.Sub("stdin"), out = tmp_.Sub("stdout"), err = tmp_.Sub("stderr");
    std::ofstream(in, std::ios::binary) << input;
    std::string cmd = "env -u SHARETRAIL_LEDGER " + std::string(SHARETRAIL_BINARY_DIR) +
                      "/sharetrail " + args + " <" + in + " >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), Slurp(out), Slurp(err)};
  }

  testing::TempDir tmp_;
};

// FOIA, Wed 10 Dec 2025: Tue 13 Jan 2026 over Christmas and Scotland's 2 Jan.
TEST_F(CalendarCliTest, DuePrintsTheDateAndOneLineOfReasoning) {
  CmdResult r = Cli("calendar due --regime foia --received 2025-12-10");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "2026-01-13\nthe 20th working day following 2025-12-10; skipped 2025-12-25 Christmas "
            "Day, 2025-12-26 Boxing Day, 2026-01-01 New Year\u2019s Day, 2026-01-02 2nd "
            "January\n");
}

// SAR, Thu 30 Nov 2023: Sat 30 Dec moves past New Year's Day and Scotland's 2
// January to Wed 3 Jan 2024.
TEST_F(CalendarCliTest, DueJsonCarriesTheWholeReckoning) {
  CmdResult r = Cli("--json calendar due --regime sar --received 2023-11-30");
  ASSERT_EQ(r.code, 0) << r.err;
  Result<boost::json::value> v = ParseStrict(r.out);
  ASSERT_TRUE(v.ok()) << r.out;
  const boost::json::object& o = v->as_object();
  EXPECT_EQ(o.at("regime"), "sar");
  EXPECT_EQ(o.at("received"), "2023-11-30");
  EXPECT_EQ(o.at("start"), "2023-11-30");
  EXPECT_EQ(o.at("due"), "2024-01-03");
  EXPECT_EQ(o.at("moved_from"), "2023-12-30");
  EXPECT_EQ(o.at("paused_working_days"), 0);
  ASSERT_EQ(o.at("skipped").as_array().size(), 4u);
  EXPECT_EQ(o.at("skipped").as_array()[3].at("date"), "2024-01-02");
  EXPECT_EQ(o.at("skipped").as_array()[3].at("name"), "2nd January");
  // Fri 1 Dec (1), 4-8 (2-6), 11-15 (7-11), 18-22 (12-16), [25, 26], 27-29
  // (17-19), [Jan 1, 2], Wed 3 Jan (20).
  EXPECT_EQ(o.at("working_days"), 20);
}

// Clarification restart and a fee pause over the spring bank holiday.
TEST_F(CalendarCliTest, ClarifiedAndPause) {
  CmdResult r =
      Cli("--json calendar due --regime foia --received 2025-06-02 --clarified 2025-06-11");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"due\":\"2025-07-09\""), std::string::npos) << r.out;
  r = Cli("calendar due --regime foia --received 2025-05-16 --pause 2025-05-23:2025-05-28");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 11), "2025-06-19\n");
  EXPECT_NE(r.out.find("disregarding 3 paused working day(s)"), std::string::npos) << r.out;
}

TEST_F(CalendarCliTest, DueErrorsExitTwo) {
  CmdResult r = Cli("calendar due --regime foi --received 2025-01-01");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown regime \"foi\""), std::string::npos) << r.err;
  r = Cli("calendar due --regime foia --received 2027-12-10");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no UK bank holiday data for 2028"), std::string::npos) << r.err;
  r = Cli("calendar due --regime foia --received 2025-06-02 --pause 2025-06-10:2025-06-05");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("ends before it begins"), std::string::npos) << r.err;
  r = Cli("calendar due --regime foia --received 2025-06-02 --pause 2025-06-10");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("expected FROM:TO"), std::string::npos) << r.err;
  r = Cli("calendar due --regime foia --received 2025-06-02 --clarified 2025-05-30");
  EXPECT_EQ(r.code, 2);
  r = Cli("calendar due --regime foia --received 2025-02-29");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--received: 2025-02-29: February 2025 has 28 days"), std::string::npos)
      << r.err;
}

TEST_F(CalendarCliTest, CheckReportsRangeCountsAndDigest) {
  CmdResult r = Cli("calendar check " + std::string(SHARETRAIL_SOURCE_DIR) +
                    "/policies/calendar/bank-holidays.json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("digest")),
            "covers 2013-01-01 to 2027-12-31\nengland-and-wales: 123 events\nscotland: 138 "
            "events\nnorthern-ireland: 153 events\n");
}

TEST_F(CalendarCliTest, CheckNamesTheBadEventAndExitsTwo) {
  const std::string bad = R"({"england-and-wales":{"division":"england-and-wales","events":[)"
                          R"({"title":"X","date":"2025-13-01","notes":"","bunting":true}]},)"
                          R"("scotland":{"division":"scotland","events":[]},)"
                          R"("northern-ireland":{"division":"northern-ireland","events":[]}})";
  CmdResult r = Cli("calendar check -", bad);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("-: england-and-wales.events[0].date: "), std::string::npos) << r.err;
  r = Cli("--json calendar check -", "{}");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("missing division"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sharetrail
