// Seed 000 §15 end to end through the real binary: the same FOI request
// reaches DfE and Ofsted (a round robin) about a summary Ofsted shared with
// DfE. "Each department will keep the other informed of any FOI requests
// that relate to any of the information shared under this agreement": DfE
// informs Ofsted and answers; Ofsted answers first and the breach is on the
// record; the request holds the summary against deletion at both; the
// figures for the year follow. Dates are in 2025 (the events carry their
// own dates), so every deadline here is counted by hand: received Monday 3
// March 2025, due Tuesday 1 April (20 working days, St Patrick's Day on 17
// March not counted).
#include "policies/calendar.h"
#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

const char kMou[] = "ofsted-dfe-notifiable-incidents";
const char kSummary[] = "ni-summary-0303";

class FoiStoryTest : public StoryTest {
 protected:
  void SetUp() override {
    StoryTest::SetUp();
    std::string users;
    for (auto [user, party] : {std::pair{"o.foi", "ofsted"}, std::pair{"d.foi", "dfe"}}) {
      users += Line("user.registered", {{"user", user},
                                        {"party", party},
                                        {"team", "foi"},
                                        {"roles", json::array{"foi_officer"}}});
    }
    for (const json::object& o : Record("admin", users)) ASSERT_FALSE(Refused(o)) << o;
    ASSERT_FALSE(Refused(Record(
        "o.arc", ItemLine(kSummary, "spreadsheet", "ofsted", "notifiable_incident_summary",
                          {{"agreement", kMou},
                           {"fields", json::array{"reference_number", "local_authority"}}}))[0]));
    ASSERT_FALSE(
        Refused(Record("o.arc", ShareLine("o.arc", {kSummary}, "dfe", kMou, "safeguarding",
                                          "secure_platform", {{"password_protected", true}}))[0]));
  }
  std::string WriteText(const std::string& name, const std::string& text) {
    std::string path = tmp_.Sub(name);
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(FoiStoryTest, RoundRobinInformedAnsweredHeldAndCounted) {
  std::string to_dfe = WriteText("dfe.txt",
                                 "Please provide all notifiable incident summaries\n"
                                 "sent in March 2025.");
  std::string to_ofsted = WriteText("ofsted.txt",
                                    "please provide all NOTIFIABLE incident "
                                    "summaries sent in march 2025.  ");
  json::value d =
      Json(std::string("foi receive d-foi-1 --regime foia --received 2025-03-03 ") +
           "--requester wdtk-5521 --item " + kSummary + " --text-file " + to_dfe + " --as d.foi");
  EXPECT_EQ(Obligations(d.as_object()), (std::vector<std::string>{"foi.respond", "foi.inform"}));
  std::string respond =
      std::string(d.at("decision").at("obligations").at(0).at("text").as_string());
  EXPECT_NE(respond.find("respond by 2025-04-01"), std::string::npos) << respond;
  std::string inform = std::string(d.at("decision").at("obligations").at(1).at("text").as_string());
  EXPECT_NE(inform.find("inform ofsted"), std::string::npos) << inform;
  EXPECT_NE(inform.find("000 §15"), std::string::npos) << inform;
  Json(std::string("foi receive o-foi-1 --regime foia --received 2025-03-04 ") +
       "--requester wdtk-5521 --item " + kSummary + " --text-file " + to_ofsted + " --as o.foi");

  // Both must tell the other; DfE does.
  EXPECT_EQ(Column(Rows("foi uninformed"), "inform"), (std::vector<std::string>{"ofsted", "dfe"}));
  Json(
      "foi inform d-foi-1 --party ofsted --note \"by secure email to Ofsted's FOI team\" "
      "--as d.foi");
  EXPECT_EQ(Column(Rows("foi uninformed"), "request"), std::vector<std::string>{"o-foi-1"});

  // On 24 March, 20 working days ahead reaches both; by 2 April DfE's
  // request (due 1 April) is late and Ofsted's (due 2 April) due today.
  EXPECT_EQ(Column(Rows("foi due --within 20 --on 2025-03-24"), "request"),
            (std::vector<std::string>{"d-foi-1", "o-foi-1"}));
  EXPECT_EQ(Column(Rows("foi late --on 2025-04-02"), "request"),
            std::vector<std::string>{"d-foi-1"});

  // Ofsted answers without having told DfE: allowed, and a breach of §15.
  json::value o = Json(
      "foi respond o-foi-1 --date 2025-03-20 --outcome refused "
      "--exemption \"s31(1)(a)\" --as o.foi");
  EXPECT_EQ(o.at("decision").at("outcome"), "warn") << o;
  EXPECT_EQ(Rules(o.as_object()), std::vector<std::string>{"foi.inform-before-response"});
  EXPECT_EQ(Column(Rows("foi uninformed"), "breach"),
            std::vector<std::string>{"answered before informing"});

  // DfE's view: its own timeline with proofs, and Ofsted's side of the
  // round robin.
  json::value show = Json("foi show d-foi-1");
  EXPECT_EQ(Column(show.at("rows").as_array(), "type"),
            (std::vector<std::string>{"foi.received", "foi.informed"}));
  EXPECT_EQ(show.at("summary").at("due"), "2025-04-01");
  EXPECT_EQ(show.at("summary").at("proofs_verified"), "2/2");
  std::string rr = json::serialize(show.at("summary").at("round_robin"));
  EXPECT_NE(rr.find("o-foi-1 at ofsted: answered"), std::string::npos) << rr;

  // The open request holds DfE's copy and Ofsted's (FOIA s77).
  json::value may = Json(std::string("may-delete ") + kSummary + " --by dfe --on 2025-03-25");
  EXPECT_NE(json::serialize(may).find("hold.open-request"), std::string::npos) << may;

  // DfE answers late, on 2 April.
  json::value late = Json("foi respond d-foi-1 --date 2025-04-02 --outcome disclosed --as d.foi");
  EXPECT_EQ(Rules(late.as_object()), std::vector<std::string>{"foi.late"});
  json::array stats = Rows("foi stats --year 2025");
  EXPECT_EQ(Column(stats, "party"), (std::vector<std::string>{"dfe", "ofsted"}));
  EXPECT_EQ(Column(stats, "late"), (std::vector<std::string>{"1", "0"}));
  EXPECT_EQ(Column(stats, "informed_first"), (std::vector<std::string>{"1", "0"}));

  // Bad input is refused with the field at fault and records nothing.
  CmdResult bad = Cli("foi respond d-foi-1 --outcome refused --as d.foi");
  EXPECT_EQ(bad.code, 2) << bad.out << bad.err;
  EXPECT_NE(bad.err.find("answered on 2025-04-02"), std::string::npos) << bad.err;

  // A holiday proclaimed for the working day before the review's deadline
  // moves it when the new calendar is imported; the move is in the decision.
  Json(std::string("foi review d-foi-1 --requested ") + today_ + " --as d.foi");
  std::string before = std::string(Json("foi show d-foi-1").at("summary").at("due").as_string());
  Date day = AddDays(*ParseDate(before), -1);
  while (!*UkCalendar().IsWorkingDay(day)) day = AddDays(day, -1);
  json::object cal = json::parse(Slurp(std::string(SHARETRAIL_SOURCE_DIR) +
                                       "/policies/calendar/bank-holidays.json"))
                         .as_object();
  json::array& events = cal["england-and-wales"].as_object()["events"].as_array();
  auto at = events.begin();
  while (at != events.end() && at->at("date").as_string() < day.ToString().c_str()) ++at;
  events.insert(at, json::object{{"title", "Proclaimed holiday"},
                                 {"date", day.ToString()},
                                 {"notes", ""},
                                 {"bunting", true}});
  std::string path = WriteText("bank-holidays.json", json::serialize(cal));
  json::value imported =
      Json("calendar import " + path + " --source \"test proclamation\" --as admin");
  EXPECT_NE(json::serialize(imported).find("d-foi-1 (dfe): due " + before), std::string::npos)
      << imported;
  EXPECT_NE(Json("foi show d-foi-1").at("summary").at("due"), before.c_str());

  ExpectVerifiedAndReindexStable({"foi show d-foi-1", "foi uninformed", "foi stats --year 2025",
                                  "foi due --within 30 --on 2025-03-05"});
}

}  // namespace
}  // namespace sharetrail::e2e
