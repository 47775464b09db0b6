// Seed 000, the Ofsted–DfE MOU on notifiable incidents, end to end through
// the real binary: a local authority notifies Ofsted, Ofsted sends DfE the
// day's Annex A summary, DfE's secretariat passes it to the SCR panel and
// sends its weekly update, a wrongful disclosure is consulted on, and the
// MOU is reviewed.
#include "policies/calendar.h"
#include "tests/e2e/story_support.h"

namespace sharetrail::e2e {
namespace {

const char kMou[] = "ofsted-dfe-notifiable-incidents";
const char kNotification[] = "ni-rochdale-0117";
const char kSummary[] = "ni-summary-daily";
const char kIncident[] = "inc-wrong-la";

// Annex A headings the summary carries (a subset: a quiet day).
json::array AnnexA() {
  return {"reference_number", "local_authority", "childs_initials", "date_of_incident",
          "nature_of_notification"};
}

class NotifiableIncidentsStoryTest : public StoryTest {};

TEST_F(NotifiableIncidentsStoryTest, DailySummaryWeeklyUpdateIncidentAndReview) {
  // §6 and §12 ¶1: the local authority logs the incident on Ofsted's portal;
  // email is not the agreed way, and the attempt stays on the ledger.
  ASSERT_FALSE(Refused(Record("r.dcs", ItemLine(kNotification, "document", "rochdale-mbc",
                                                "notifiable_incident_notification"))[0]));
  json::object by_email = Record(
      "r.dcs", ShareLine("r.dcs", {kNotification}, "ofsted", kMou, "safeguarding", "email"))[0];
  EXPECT_EQ(Rules(by_email), std::vector<std::string>{"share.method"});
  json::object notified = Record("r.dcs", ShareLine("r.dcs", {kNotification}, "ofsted", kMou,
                                                    "safeguarding", "secure_portal"))[0];
  ASSERT_FALSE(Refused(notified)) << notified;

  // §12 ¶3–4 and Annex A: only the Annex A headings, password protected,
  // through the secure platform. A first try by email with a child's full
  // name is refused on every count.
  ASSERT_FALSE(Refused(
      Record("o.arc", ItemLine(kSummary, "spreadsheet", "ofsted", "notifiable_incident_summary",
                               {{"agreement", kMou}, {"fields", AnnexA()}}))[0]));
  json::object careless = Record(
      "o.arc", ShareLine("o.arc", {kSummary}, "dfe", kMou, "safeguarding", "email",
                         {{"fields", json::array{"reference_number", "childs_full_name"}}}))[0];
  EXPECT_EQ(Rules(careless),
            (std::vector<std::string>{"share.method", "fields.limited", "daily-summary.method",
                                      "daily-summary.password"}));
  json::object sent =
      Record("o.arc", ShareLine("o.arc", {kSummary}, "dfe", kMou, "safeguarding", "secure_platform",
                                {{"password_protected", true}}))[0];
  ASSERT_FALSE(Refused(sent)) << sent;
  // §11: the secretariat to the SCR panel has full access to the spreadsheet.
  json::object to_panel =
      Record("d.data", ShareLine("d.data", {kSummary}, "scr-experts-panel", kMou, "safeguarding",
                                 "secure_platform", {{"password_protected", true}}))[0];
  ASSERT_FALSE(Refused(to_panel)) << to_panel;
  // §13 ¶3: DfE's weekly update on serious case reviews.
  std::vector<json::object> weekly = Record(
      "d.data",
      ItemLine("scr-update-week", "document", "dfe", "scr_update") +
          ShareLine("d.data", {"scr-update-week"}, "ofsted", kMou, "safeguarding", "secure_email"));
  ASSERT_EQ(weekly.size(), 2u);
  ASSERT_FALSE(Refused(weekly[1])) << weekly[1];

  // §12 ¶4 "each working day": today's summary is the one Ofsted sent DfE,
  // with the headings the item declares; the panel's copy is not a second one.
  auto working = UkCalendar().IsWorkingDay(TodayUtc());
  std::string working_day = working.ok() ? (*working ? "yes" : "no") : "unknown";
  EXPECT_EQ(Json("incidents daily --date " + today_),
            (json::object{{"rows", json::array{json::object{{"seq", SeqOf(sent)},
                                                            {"time", TimeOf(sent)},
                                                            {"from", "ofsted"},
                                                            {"to", "dfe"},
                                                            {"method", "secure_platform"},
                                                            {"password_protected", true},
                                                            {"items", json::array{kSummary}},
                                                            {"fields", AnnexA()}}}},
                          {"summary", json::object{{"date", today_},
                                                   {"working_day", working_day},
                                                   {"summaries_sent", 1}}}}));
  // A working day before this ledger began shows the gap.
  EXPECT_EQ(Json("incidents daily --date 2025-03-04").at("summary"),
            (json::object{{"date", "2025-03-04"},
                          {"working_day", "yes"},
                          {"summaries_sent", 0},
                          {"gap", "no daily summary was sent on a working day (000 §12)"}}));

  // §14: a wrongful disclosure; Ofsted and DfE consult on the public response.
  json::object incident =
      RecordOne("o.arc", "incident.reported",
                {{"incident", kIncident},
                 {"kind", "wrongful_disclosure"},
                 {"agreement", kMou},
                 {"items", json::array{kSummary}},
                 {"occurred_on", today_},
                 {"description", "summary emailed to the wrong local authority"}});
  EXPECT_EQ(Obligations(incident), std::vector<std::string>{"incident.consult"});
  EXPECT_TRUE(Obligations(RecordOne("o.arc", "incident.reported",
                                    {{"incident", "inc-near-miss"},
                                     {"kind", "other"},
                                     {"agreement", kMou},
                                     {"description", "caught before sending"}}))
                  .empty());
  json::array awaiting{json::object{{"incident", kIncident},
                                    {"kind", "wrongful_disclosure"},
                                    {"agreement", kMou},
                                    {"by", "ofsted"},
                                    {"reported", today_},
                                    {"awaiting", json::array{"dfe"}}}};
  EXPECT_EQ(Rows("incidents outstanding"), awaiting);
  json::object outsider = RecordOne("c.ig", "incident.consulted",
                                    {{"incident", kIncident}, {"with", "dfe"}, {"approach", "x"}});
  EXPECT_EQ(Rules(outsider), std::vector<std::string>{"scope.party"});
  EXPECT_EQ(Rows("incidents outstanding"), awaiting);
  ASSERT_FALSE(Refused(RecordOne("d.ig", "incident.consulted",
                                 {{"incident", kIncident},
                                  {"with", "dfe"},
                                  {"approach", "joint statement; LA asked to delete"}})));
  EXPECT_EQ(Rows("incidents outstanding"), json::array{});

  // §3: reviewed at least by the 12-month anniversary of signing, then as
  // needed (DESIGN.md §3 reading).
  EXPECT_EQ(RowWhere(Rows("reviews --due --on 2017-10-15"), "agreement", kMou),
            (json::object{{"agreement", kMou},
                          {"version", 1},
                          {"agreed", "2016-11-01"},
                          {"last_review", ""},
                          {"next_due", "2017-11-01"},
                          {"state", "due 2017-11-01"},
                          {"cite", "000 §3"}}));
  json::object cqc_review =
      RecordOne("c.ig", "agreement.reviewed",
                {{"agreement", kMou}, {"date", "2017-10-30"}, {"outcome", "continued"}});
  EXPECT_EQ(Rules(cqc_review), std::vector<std::string>{"scope.party"});
  ASSERT_FALSE(
      Refused(RecordOne("d.ig", "agreement.reviewed",
                        {{"agreement", kMou}, {"date", "2017-10-30"}, {"outcome", "continued"}})));
  json::object reviewed = RowWhere(Rows("reviews --on " + today_), "agreement", kMou);
  EXPECT_EQ(reviewed.at("last_review"), "2017-10-30");
  EXPECT_EQ(reviewed.at("next_due"), "");
  EXPECT_EQ(reviewed.at("state"), "on request");
  for (const auto& r : Rows("reviews --due --on " + today_)) EXPECT_NE(r.at("agreement"), kMou);

  // §15's FOI teams ask who holds what was shared under the MOU.
  json::array under_mou = Rows(std::string("shared-with --agreement ") + kMou);
  EXPECT_EQ(Column(under_mou, "from"),
            (std::vector<std::string>{"rochdale-mbc", "ofsted", "dfe", "dfe"}));
  EXPECT_EQ(Column(under_mou, "to"),
            (std::vector<std::string>{"ofsted", "dfe", "scr-experts-panel", "ofsted"}));
  EXPECT_EQ(
      Column(Rows("shared-with --category notifiable_incident_summary --from " + today_ + " --to " +
                  today_),
             "seq"),
      (std::vector<std::string>{std::to_string(SeqOf(sent)), std::to_string(SeqOf(to_panel))}));
  EXPECT_EQ(Column(Rows("shared-with --party rochdale-mbc"), "seq"),
            std::vector<std::string>{std::to_string(SeqOf(notified))});
  EXPECT_EQ(Column(Json(std::string("provenance ") + kSummary).at("rows").as_array(), "type"),
            (std::vector<std::string>{"item.registered", "refused share", "share", "share",
                                      "incident.reported"}));
  EXPECT_EQ(Column(Rows("refusals --party rochdale-mbc"), "rule"),
            std::vector<std::string>{"share.method"});
  json::array scope = Rows("refusals --rule scope.party");
  EXPECT_EQ(Column(scope, "attempt"),
            (std::vector<std::string>{"incident.consulted", "agreement.reviewed"}));
  EXPECT_EQ(Column(scope, "user"), (std::vector<std::string>{"c.ig", "c.ig"}));

  ExpectVerifiedAndReindexStable({"incidents daily --date " + today_, "incidents outstanding",
                                  std::string("shared-with --agreement ") + kMou,
                                  std::string("provenance ") + kSummary, "refusals",
                                  "reviews --on " + today_});
}

}  // namespace
}  // namespace sharetrail::e2e
