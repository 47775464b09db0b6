// Importing a calendar (issue 6): one-off bank holidays are proclaimed at
// short notice (2022-09-19, the State Funeral, was announced ten days
// ahead), so the calendar is data on the ledger, and a new one moves every
// open request's deadline and records which moved. A calendar that cannot
// compute an open deadline is refused as malformed: never a guess.
#include <boost/json/parse.hpp>

#include "policies/calendar.h"
#include "policies/queries.h"
#include "tests/policies/rules/foi_fixture.h"

namespace sharetrail::policy::testing {
namespace {

// The shipped calendar with one more England and Wales holiday.
json::object WithHoliday(const std::string& date) {
  json::object cal = json::parse(UkCalendar().ToGovukJson()).as_object();
  json::array& events = cal["england-and-wales"].as_object()["events"].as_array();
  auto it = events.begin();
  while (it != events.end() && Str(it->as_object(), "date") < date) ++it;
  events.insert(
      it, json::object{
              {"title", "Proclaimed holiday"}, {"date", date}, {"notes", ""}, {"bunting", true}});
  return cal;
}

class CalendarImportTest : public FoiTest {
 protected:
  Recorded Import(json::object cal) {
    return Record("admin", "calendar.imported",
                  {{"calendar", std::move(cal)}, {"source", "GOV.UK bank-holidays.json"}});
  }
};

// A holiday proclaimed for Monday 24 March 2025 takes one working day out
// of both counts: due 1 April becomes 2 April. A request answered already
// and one whose clock is stopped do not move.
TEST_F(CalendarImportTest, ProclaimedHolidayMovesOpenDeadlines) {
  ASSERT_TRUE(Receive("o.foi", "o-c-1", "foia", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("d.foi", "d-c-1", "foia", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("o.foi", "o-c-2", "foia", "2025-03-03").allowed());
  ASSERT_TRUE(Respond("o.foi", "o-c-2", "2025-03-03").allowed());
  ASSERT_TRUE(Receive("o.foi", "o-c-3", "foia", "2025-03-03").allowed());
  ASSERT_TRUE(
      Step("o.foi", "foi.clarification-requested", "o-c-3", {{"date", "2025-03-03"}}).allowed());
  Recorded r = Import(WithHoliday("2025-03-24"));
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_NE(r.Findings().find("o-c-1 (ofsted): due 2025-04-01 -> 2025-04-02"), std::string::npos)
      << r.Findings();
  EXPECT_NE(r.Findings().find("d-c-1 (dfe)"), std::string::npos);
  EXPECT_EQ(r.Findings().find("o-c-2"), std::string::npos);
  EXPECT_EQ(r.Findings().find("o-c-3"), std::string::npos);
  EXPECT_EQ(Due("o-c-1"), "2025-04-02");
  EXPECT_EQ(Due("d-c-1"), "2025-04-02");
  json::object stamp = State(keys::kCalendar);
  EXPECT_EQ(stamp.at("moved").as_array().size(), 2u);
  EXPECT_EQ(Str(stamp, "first"), "2013-01-01");
  // The move is on the request's own timeline.
  auto snap = ledger_->Read();
  auto show = FoiShow(*engine_, **snap, "o-c-1");
  ASSERT_TRUE(show.ok());
  EXPECT_EQ(CellText(show->rows.back().at("type")), "calendar.imported");
  // A clarification arriving later counts with the new calendar too: from
  // Friday 21 March, 20 working days skip the 24th.
  SetToday("2025-03-21");
  ASSERT_TRUE(
      Step("o.foi", "foi.clarification-received", "o-c-3", {{"date", "2025-03-21"}}).allowed());
  // 25-28 (4), 31 Mar-4 Apr (9), 7-11 (14), 14-17 (18), [Easter], 22 (19),
  // 23 Apr (20).
  EXPECT_EQ(Due("o-c-3"), "2025-04-23");
  ExpectVerifiedAndReindexStable();
}

TEST_F(CalendarImportTest, CalendarThatCannotComputeAnOpenDeadlineIsRefused) {
  ASSERT_TRUE(Receive("o.foi", "o-c-4", "foia", "2025-03-03").allowed());
  // Only 2026 onwards: 2025 is not covered.
  json::object cal = json::parse(UkCalendar().ToGovukJson()).as_object();
  for (auto& division : cal) {
    json::array& events = division.value().as_object()["events"].as_array();
    json::array kept;
    for (auto& e : events) {
      if (Str(e.as_object(), "date") >= "2026") kept.push_back(e);
    }
    events = kept;
  }
  uint64_t size = Size();
  Recorded r = Import(cal);
  EXPECT_EQ(r.status.code(), Code::kInvalidArgument);
  EXPECT_NE(r.status.message().find("o-c-4"), std::string::npos) << r.status.ToString();
  // Malformed data names its path.
  json::object bad = WithHoliday("2025-02-29");
  Recorded b = Import(bad);
  EXPECT_NE(b.status.message().find("body.calendar.england-and-wales.events"), std::string::npos)
      << b.status.ToString();
  EXPECT_EQ(Size(), size);
  // Only an administrator imports.
  EXPECT_TRUE(Record("o.ig", "calendar.imported",
                     {{"calendar", WithHoliday("2025-03-24")}, {"source", "x"}})
                  .refused());
}

}  // namespace
}  // namespace sharetrail::policy::testing
