// The questions about duties (DESIGN.md §3–§4): daily summaries, incidents,
// standing requests, reviews, JTAI removals and s117/s119 matters, asked
// in-process so the fixture's clock can reach the dates the seeds name (the
// CLI's real clock cannot).
#include <map>

#include "tests/policies/queries_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class DutiesQueriesTest : public QueriesTest {
 protected:
  std::map<std::string, json::object> ReviewRows(const std::string& on, bool due_only = false) {
    Table t = Ask([&](const Snapshot& s) { return Reviews(*engine_, s, D(on), due_only); });
    std::map<std::string, json::object> out;
    for (const auto& r : t.rows) out[CellText(r.at("agreement"))] = r.as_object();
    return out;
  }
};

// 000 §12: "the data spreadsheet will be password protected and transferred
// through the secure online platform to DfE each working day".
TEST_F(DutiesQueriesTest, DailySummariesAreOfstedsToDfeOnEachWorkingDay) {
  ASSERT_TRUE(Item("o.arc", "ni-1", "notifiable_incident_summary",
                   {{"kind", "spreadsheet"},
                    {"fields", json::array{"reference_number", "local_authority"}}})
                  .allowed());
  json::object secure{
      {"purpose", "safeguarding"}, {"method", "secure_platform"}, {"password_protected", true}};
  uint64_t sent = Share("o.arc", {"ni-1"}, "dfe", kNotifiable, secure).seq;
  // §11: DfE's secretariat passing the spreadsheet to the SCR panel is no
  // daily summary; it used to be counted as one, hiding a missed day.
  ASSERT_TRUE(Share("d.data", {"ni-1"}, "scr-experts-panel", kNotifiable, secure).allowed());
  auto daily = [&](const std::string& day) {
    return Ask([&](const Snapshot& s) { return IncidentsDaily(*engine_, s, D(day)); });
  };
  Table monday = daily("2025-03-03");
  ASSERT_EQ(Seqs(monday), std::vector<uint64_t>{sent});
  const json::object& row = monday.rows[0].as_object();
  EXPECT_EQ(row.at("from"), "ofsted");
  EXPECT_EQ(row.at("to"), "dfe");
  EXPECT_EQ(row.at("method"), "secure_platform");
  EXPECT_EQ(row.at("password_protected"), true);
  // The Annex A headings carried are the item's when the share lists none
  // (they used to show as none at all).
  EXPECT_EQ(row.at("fields"), (json::array{"reference_number", "local_authority"}));
  EXPECT_EQ(monday.summary,
            (json::object{{"date", "2025-03-03"}, {"working_day", "yes"}, {"summaries_sent", 1}}));
  Table tuesday = daily("2025-03-04");
  EXPECT_TRUE(tuesday.rows.empty());
  EXPECT_EQ(tuesday.summary.at("gap"), "no daily summary was sent on a working day (000 §12)");
  EXPECT_EQ(daily("2025-03-08").summary.at("working_day"), "no");  // a Saturday
  EXPECT_FALSE(daily("2025-03-08").summary.contains("gap"));
  EXPECT_EQ(daily("2025-05-05").summary.at("working_day"), "no");  // Early May bank holiday
}

// DESIGN.md §3: "created 29 Feb 2024 → last valid day 28 Feb 2025" (the fixture
// clock only runs forward, so the next leap day stands in for it).
TEST_F(DutiesQueriesTest, StandingRequestsLapseTheDayAfterTwelveMonths) {
  SetToday("2028-02-29");
  json::object standing{{"area", "West Mercia"},
                        {"fields", json::array{"home_name_address_telephone"}},
                        {"purpose", "safeguarding"},
                        {"standing", true}};
  json::object wm = standing, la = standing, once = standing;
  wm["request"] = "req-wm";
  la["request"] = "req-la";
  la["area"] = "Rochdale";
  once["request"] = "req-dfe";
  once["standing"] = false;
  ASSERT_TRUE(Record("wm.chief", "register.requested", wm).allowed());
  ASSERT_TRUE(Record("r.dcs", "register.requested", la).allowed());
  ASSERT_TRUE(Record("d.senior", "register.requested", once).allowed());
  auto rows = [&](const std::string& on, bool lapsed_only = false) {
    return Ask(
        [&](const Snapshot& s) { return StandingRequests(*engine_, s, D(on), lapsed_only); });
  };
  Table last_day = rows("2029-02-28");
  EXPECT_EQ(Column(last_day, "request"), (std::vector<std::string>{"req-la", "req-wm"}));
  EXPECT_EQ(Column(last_day, "last_valid_day"),
            (std::vector<std::string>{"2029-02-28", "2029-02-28"}));
  EXPECT_EQ(Column(last_day, "state"), (std::vector<std::string>{"active", "active"}));
  EXPECT_EQ(last_day.rows[1].at("party"), "west-mercia-police");
  EXPECT_EQ(last_day.rows[1].at("created"), "2028-02-29");
  EXPECT_TRUE(rows("2029-02-28", true).rows.empty());
  EXPECT_EQ(Column(rows("2029-03-01"), "state"), (std::vector<std::string>{"lapsed", "lapsed"}));

  // West Mercia reconfirms on its last valid day: twelve more months from then.
  SetToday("2029-02-28");
  ASSERT_TRUE(
      Record("wm.chief", "standing_request.reconfirmed", {{"request", "req-wm"}}).allowed());
  Table after = rows("2029-03-01");
  EXPECT_EQ(Column(after, "state"), (std::vector<std::string>{"lapsed", "active"}));
  EXPECT_EQ(after.rows[1].at("confirmed"), "2029-02-28");
  EXPECT_EQ(after.rows[1].at("last_valid_day"), "2030-02-28");
  EXPECT_EQ(Column(rows("2029-03-01", true), "request"), (std::vector<std::string>{"req-la"}));
  EXPECT_EQ(rows("2029-03-01").summary.at("as_of"), "2029-03-01");
}

// DESIGN.md §3 readings: 002 §30 six months then 12 after the last review
// recorded; 000 §3 by the 12-month anniversary, then on request; 004 once at
// 6 months, then on request.
TEST_F(DutiesQueriesTest, ReviewsAreDueAsEachSeedReads) {
  auto review = [&](const std::string& user, const std::string& agreement,
                    const std::string& date) {
    return Record(user, "agreement.reviewed",
                  {{"agreement", agreement}, {"date", date}, {"outcome", "continued"}});
  };
  auto all = ReviewRows("2025-03-03");
  EXPECT_EQ(all["cc-hmci-mou"].at("next_due"), "2014-10-01");
  EXPECT_EQ(all["cc-hmci-mou"].at("state"), "overdue");
  EXPECT_EQ(all[kNotifiable].at("next_due"), "2017-11-01");
  EXPECT_EQ(all["register-of-childrens-homes"].at("next_due"), "2013-10-01");
  EXPECT_EQ(all[kIsp].at("next_due"), "2016-05-15");
  EXPECT_EQ(all["ofsted-social-care-privacy-notice"].at("state"), "on request");
  // Due within 30 days or overdue, as of mid-September 2014.
  auto due = ReviewRows("2014-09-15", true);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due["cc-hmci-mou"].at("state"), "due 2014-10-01");
  EXPECT_EQ(due["register-of-childrens-homes"].at("state"), "overdue");

  // 002: the first review, then one held early: due 12 months after it.
  ASSERT_TRUE(review("o.siro", "cc-hmci-mou", "2014-10-01").allowed());
  EXPECT_EQ(ReviewRows("2015-09-01")["cc-hmci-mou"].at("state"), "due 2015-10-01");
  ASSERT_TRUE(review("o.siro", "cc-hmci-mou", "2015-09-20").allowed());
  auto cc = ReviewRows("2016-09-21")["cc-hmci-mou"];
  EXPECT_EQ(cc.at("last_review"), "2015-09-20");
  EXPECT_EQ(cc.at("next_due"), "2016-09-20");
  EXPECT_EQ(cc.at("state"), "overdue");
  // A party outside the MOU cannot record its review: the answer stands.
  ASSERT_TRUE(review("c.ig", "cc-hmci-mou", "2016-09-01").refused());
  EXPECT_EQ(ReviewRows("2016-09-21")["cc-hmci-mou"].at("last_review"), "2015-09-20");

  // A review recorded late, dated before the last one, does not pull the
  // next review earlier; a terminating review ends the cycle.
  ASSERT_TRUE(review("o.siro", "cc-hmci-mou", "2015-06-01").allowed());
  EXPECT_EQ(ReviewRows("2016-09-21")["cc-hmci-mou"].at("last_review"), "2015-09-20");
  ASSERT_TRUE(
      Record("o.siro", "agreement.reviewed",
             {{"agreement", "cc-hmci-mou"}, {"date", "2016-09-21"}, {"outcome", "terminated"}})
          .allowed());
  EXPECT_EQ(ReviewRows("2020-01-01")["cc-hmci-mou"].at("state"), "terminated");

  // 000: by the anniversary of signing; after that only when asked.
  EXPECT_EQ(ReviewRows("2017-10-31")[kNotifiable].at("state"), "due 2017-11-01");
  EXPECT_EQ(ReviewRows("2017-11-02")[kNotifiable].at("state"), "overdue");
  ASSERT_TRUE(review("d.ig", kNotifiable, "2017-10-20").allowed());
  EXPECT_EQ(ReviewRows("2030-01-01")[kNotifiable].at("state"), "on request");
  EXPECT_EQ(ReviewRows("2030-01-01")[kNotifiable].at("next_due"), "");
  EXPECT_FALSE(ReviewRows("2030-01-01", true).contains(kNotifiable));

  // 004: listed as due from 30 days before the six-month review, then never.
  EXPECT_FALSE(ReviewRows("2013-08-31", true).contains("register-of-childrens-homes"));
  EXPECT_TRUE(ReviewRows("2013-09-01", true).contains("register-of-childrens-homes"));
  ASSERT_TRUE(review("o.siro", "register-of-childrens-homes", "2013-10-01").allowed());
  auto reg = ReviewRows("2030-01-01")["register-of-childrens-homes"];
  EXPECT_EQ(reg.at("state"), "on request");
  EXPECT_EQ(reg.at("last_review"), "2013-10-01");
}

// 000 §14: "both parties agree to consult each other about the approach to
// the public response".
TEST_F(DutiesQueriesTest, IncidentsAreOutstandingUntilEveryPartyIsConsulted) {
  auto report = [&](const std::string& id, const std::string& kind, const std::string& agreement) {
    return Record("o.ig", "incident.reported",
                  {{"incident", id},
                   {"kind", kind},
                   {"agreement", agreement},
                   {"description", "spreadsheet emailed to the wrong address"}});
  };
  auto consult = [&](const std::string& user, const std::string& id, const std::string& with) {
    return Record(user, "incident.consulted",
                  {{"incident", id}, {"with", with}, {"approach", "joint holding line"}});
  };
  auto outstanding = [&] { return Ask([](const Snapshot& s) { return IncidentsOutstanding(s); }); };
  ASSERT_TRUE(report("inc-1", "data_loss", kNotifiable).allowed());
  ASSERT_TRUE(report("inc-2", "other", kNotifiable).allowed());
  // The ISP asks for no consultation: this used to show as awaiting all five
  // other inspectorates.
  ASSERT_TRUE(report("inc-isp-1", "data_loss", kIsp).allowed());
  Table t = outstanding();
  ASSERT_EQ(Column(t, "incident"), (std::vector<std::string>{"inc-1"}));
  EXPECT_EQ(t.rows[0].at("awaiting"), (json::array{"dfe"}));
  EXPECT_EQ(t.rows[0].at("by"), "ofsted");
  EXPECT_EQ(t.rows[0].at("reported"), "2025-03-03");
  ASSERT_TRUE(consult("d.ig", "inc-1", "dfe").allowed());
  EXPECT_TRUE(outstanding().rows.empty());

  // Were the inspectorates to agree consultation, every one must be consulted;
  // the incident reported before the amendment owes none.
  Event amend = AmendmentOf(kIsp, "consult on the public response to data loss");
  amend.body["agreement"].as_object()["rules"].as_array().push_back(
      json::object{{"rule", "incident_consultation"},
                   {"cite", json::object{{"seed", "000_1b487c77bcc4859b.txt"}, {"para", "§14"}}},
                   {"incident_kinds", json::array{"data_loss"}}});
  ASSERT_TRUE(Record(amend).allowed());
  ASSERT_TRUE(report("inc-isp-2", "data_loss", kIsp).allowed());
  for (const char* p : {"cqc", "hmicfrs"}) ASSERT_TRUE(consult("o.ig", "inc-isp-2", p).allowed());
  t = outstanding();
  ASSERT_EQ(Column(t, "incident"), (std::vector<std::string>{"inc-isp-2"}));
  EXPECT_EQ(t.rows[0].at("awaiting"), (json::array{"hmi-probation", "hmi-prisons", "hmcpsi"}));
  for (const char* p : {"hmi-probation", "hmi-prisons", "hmcpsi"}) {
    ASSERT_TRUE(consult("o.ig", "inc-isp-2", p).allowed());
  }
  EXPECT_TRUE(outstanding().rows.empty());
}

// 001 JTAI ¶4: "At the end of an inspection, each inspectorate is responsible
// for removing the information they requested from the portal".
TEST_F(DutiesQueriesTest, JtaiDataIsOutstandingOnlyAfterTheInspectionEndsAndUntilRemoved) {
  auto request = [&](const std::string& user, const std::string& inspection,
                     const std::string& id) {
    return Record(user, "jtai.requested",
                  {{"inspection", inspection},
                   {"request", id},
                   {"agency", "northshire-county-council"},
                   {"description", "case files"}});
  };
  auto outstanding = [&] { return Ask([](const Snapshot& s) { return JtaiOutstanding(s); }); };
  ASSERT_TRUE(request("o.inspector", "jtai-1", "req-o").allowed());
  ASSERT_TRUE(request("c.chj", "jtai-1", "req-c").allowed());
  ASSERT_TRUE(request("p.smt", "jtai-1", "req-p").refused());  // footnote 4
  ASSERT_TRUE(request("c.chj", "jtai-2", "req-c2").allowed());
  EXPECT_TRUE(outstanding().rows.empty()) << "nothing is due while the inspection runs";

  ASSERT_TRUE(
      Record("o.inspector", "inspection.ended", {{"inspection", "jtai-1"}, {"date", "2025-03-03"}})
          .allowed());
  Table t = outstanding();
  EXPECT_EQ(Column(t, "request"), (std::vector<std::string>{"req-c", "req-o"}));
  EXPECT_EQ(Column(t, "inspectorate"), (std::vector<std::string>{"cqc", "ofsted"}));
  EXPECT_EQ(t.rows[0].at("inspection"), "jtai-1");
  EXPECT_EQ(t.rows[0].at("agency"), "northshire-county-council");
  EXPECT_EQ(t.rows[0].at("ended"), "2025-03-03");
  // Only the requester removes its data.
  ASSERT_TRUE(
      Record("o.inspector", "jtai.removed", {{"inspection", "jtai-1"}, {"request", "req-c"}})
          .refused());
  ASSERT_TRUE(
      Record("c.chj", "jtai.removed", {{"inspection", "jtai-1"}, {"request", "req-c"}}).allowed());
  EXPECT_EQ(Column(outstanding(), "request"), (std::vector<std::string>{"req-o"}));
  ASSERT_TRUE(
      Record("o.inspector", "jtai.removed", {{"inspection", "jtai-1"}, {"request", "req-o"}})
          .allowed());
  EXPECT_TRUE(outstanding().rows.empty());
}

// 002 §11–13 and DESIGN.md §3: "s117/s119 matters have no deadline in the
// MOU: they show as open, not overdue".
TEST_F(DutiesQueriesTest, MattersAwaitingShowDaysOpenAndAreNeverOverdue) {
  auto raise = [&](const std::string& user, const std::string& id, const std::string& section) {
    return Record(user, "matter.raised",
                  {{"matter", id},
                   {"section", section},
                   {"to", "ofsted"},
                   {"summary", "children placed out of area"}});
  };
  auto matters = [&](bool awaiting, const std::string& today) {
    return Ask([&](const Snapshot& s) { return Matters(s, awaiting, D(today)); });
  };
  ASSERT_TRUE(raise("cc.contact", "m-1", "117").allowed());
  ASSERT_TRUE(raise("o.hmci", "m-x", "117").refused());  // raised by the Commissioner only
  SetToday("2025-03-10");
  ASSERT_TRUE(raise("cc.contact", "m-2", "119").allowed());
  Table t = matters(true, "2025-03-10");
  EXPECT_EQ(Column(t, "matter"), (std::vector<std::string>{"m-1", "m-2"}));
  EXPECT_EQ(Column(t, "days_open"), (std::vector<std::string>{"7", "0"}));
  EXPECT_EQ(Column(t, "section"), (std::vector<std::string>{"117", "119"}));
  EXPECT_EQ(t.rows[0].at("from"), "childrens-commissioner");
  // Two years on, still awaiting a response, never "overdue".
  t = matters(true, "2027-03-10");
  EXPECT_EQ(Column(t, "days_open"), (std::vector<std::string>{"737", "730"}));
  EXPECT_EQ(Column(t, "state"),
            (std::vector<std::string>{"awaiting response", "awaiting response"}));

  SetToday("2025-03-20");
  ASSERT_TRUE(Record("o.hmci", "matter.answered",
                     {{"matter", "m-1"}, {"outcome", "inspection brought forward"}})
                  .allowed());
  EXPECT_EQ(Column(matters(true, "2025-03-20"), "matter"), (std::vector<std::string>{"m-2"}));
  t = matters(false, "2025-04-01");
  EXPECT_EQ(Column(t, "state"), (std::vector<std::string>{"answered", "awaiting response"}));
  EXPECT_EQ(Column(t, "days_open"), (std::vector<std::string>{"17", "22"}));
}

}  // namespace
}  // namespace sharetrail::policy::testing
