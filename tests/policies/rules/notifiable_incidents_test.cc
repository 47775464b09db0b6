// Seed 000, the Ofsted–DfE MOU on notifiable incidents (agreement
// ofsted-dfe-notifiable-incidents): the daily summary carries only the
// Annex A headings, goes by the secure platform password protected, and a
// data loss or wrongful disclosure obliges the parties to consult each other.
#include "tests/policies/rules/rules_fixture.h"

namespace sharetrail::policy::testing {
namespace {

constexpr char kSeed[] = "000_1b487c77bcc4859b.txt";
constexpr char kMou[] = "ofsted-dfe-notifiable-incidents";

// Annex A, "Information on notifiable incidents that Ofsted will share with
// the DfE daily", heading by heading. Spelled out here rather than read from
// the agreement file so that the file is checked against the seed.
json::array AnnexA() {
  return {"reference_number",
          "local_authority",
          "childs_initials",
          "gender",
          "ethnicity",
          "nationality",
          "date_of_birth",
          "date_of_incident",
          "age",
          "date_notification_was_received",
          "local_authority_contact",
          "nature_of_notification",
          "death_of_child",
          "death_whether_natural_causes",
          "main_cause",
          "legal_status_of_child",
          "child_protection_plan_at_time_or_previously",
          "any_prior_disability",
          "where_child_was_living",
          "involvement_of_agencies",
          "other_settings_attended_and_name",
          "incident_at_other_setting",
          "unique_reference_numbers",
          "case_information",
          "child_protection_database_reference",
          "cie_date",
          "scr_status",
          "date_of_scr_panel",
          "scr_decision_date",
          "scr_report_received_date",
          "report_author",
          "date_scr_to_be_published",
          "linked_cases"};
}

class NotifiableIncidentsTest : public RulesTest {
 protected:
  void SetUp() override {
    RulesTest::SetUp();
    ASSERT_TRUE(Item("o.arc", "nis-2025-03-03", "notifiable_incident_summary",
                     {{"kind", "spreadsheet"}, {"agreement", kMou}, {"safeguarding", true}})
                    .allowed());
  }

  // The daily summary as §12 describes it: Ofsted's ARC team to DfE through
  // the secure platform, password protected, carrying the given fields.
  json::object Summary(json::array fields) {
    json::object body{{"items", json::array{"nis-2025-03-03"}},
                      {"to", "dfe"},
                      {"agreement", kMou},
                      {"purpose", "safeguarding"},
                      {"lawful_basis", "EIA 2006 s118(3) and Sch 13 para 8"},
                      {"necessity", "DfE's child protection policy and intervention (§5)"},
                      {"decided_by", "o.arc"},
                      {"method", "secure_platform"},
                      {"password_protected", true}};
    if (!fields.empty()) body["fields"] = std::move(fields);
    return body;
  }
};

// 000 §12 and Annex A: "a summarised data spreadsheet will be transferred to
// the DfE, to guard against unnecessary transfer of personal data. The
// information headings for the spreadsheet can be found in Annex A."
TEST_F(NotifiableIncidentsTest, FieldsLimitedToAnnexAHeadings) {
  Recorded ok = Record("o.arc", "share", Summary(AnnexA()));
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  EXPECT_EQ(ok.outcome(), "allow") << ok.Findings();

  Recorded r =
      Record("o.arc", "share", Summary({"reference_number", "child_full_name", "childs_initials"}));
  ExpectRefusedOnLedger(r, "share", "fields.limited", kSeed);
  EXPECT_NE(Reason(r, "fields.limited").find("\"child_full_name\""), std::string::npos)
      << r.Findings();
  EXPECT_EQ(EntryAt(r.seq).at("body").at("attempt").at("body").at("fields").at(1),
            "child_full_name");
}

// 000 Annex A: the limit can only be checked if the share (or the item)
// says what it carries.
TEST_F(NotifiableIncidentsTest, FieldsUndeclaredIsRefused) {
  Recorded r = Record("o.arc", "share", Summary({}));
  ExpectRefusedOnLedger(r, "share", "fields.undeclared", kSeed);

  // The item's own field list stands in when the share gives none.
  ASSERT_TRUE(Item("o.arc", "nis-2025-03-04", "notifiable_incident_summary",
                   {{"kind", "spreadsheet"}, {"agreement", kMou}, {"fields", AnnexA()}})
                  .allowed());
  json::object body = Summary({});
  body["items"] = json::array{"nis-2025-03-04"};
  Recorded ok = Record("o.arc", "share", body);
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
}

// 000 §12: "the data spreadsheet will be password protected and transferred
// through the secure online platform to DfE each working day."
TEST_F(NotifiableIncidentsTest, DailySummaryMethod) {
  json::object body = Summary(AnnexA());
  body["method"] = "secure_email";
  Recorded r = Record("o.arc", "share", body);
  ExpectRefusedOnLedger(r, "share", "daily-summary.method", kSeed);
  EXPECT_NE(Reason(r, "daily-summary.method").find("secure_platform"), std::string::npos);

  EXPECT_TRUE(Record("o.arc", "share", Summary(AnnexA())).allowed());
}

// 000 §12, as above: password protected.
TEST_F(NotifiableIncidentsTest, DailySummaryPassword) {
  json::object body = Summary(AnnexA());
  body["password_protected"] = false;
  ExpectRefusedOnLedger(Record("o.arc", "share", body), "share", "daily-summary.password", kSeed);
  body.erase("password_protected");
  Recorded r = Record("o.arc", "share", body);
  ExpectRefusedOnLedger(r, "share", "daily-summary.password", kSeed);
  EXPECT_FALSE(r.Has("daily-summary.method")) << r.Findings();

  EXPECT_TRUE(Record("o.arc", "share", Summary(AnnexA())).allowed());
}

// 000 §11: the SCR secretariat "has full access to the notification data
// spreadsheet, which it can share subject to its arrangements with the
// panel". The §12 channel binds Ofsted's daily transfer to DfE, not that.
TEST_F(NotifiableIncidentsTest, DailySummaryChannelIsOfstedToDfeOnly) {
  ASSERT_TRUE(Record("o.arc", "share", Summary(AnnexA())).allowed());
  json::object body = Summary(AnnexA());
  body["to"] = "scr-experts-panel";
  body["decided_by"] = "d.data";
  body["method"] = "secure_email";
  body.erase("password_protected");
  Recorded r = Record("d.data", "share", body);
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_FALSE(r.Has("daily-summary.method")) << r.Findings();
  EXPECT_FALSE(r.Has("daily-summary.password")) << r.Findings();
}

// 000 §14: "In the event of any data loss or wrongful disclosure, both
// parties agree to consult each other about the approach to the public
// response".
TEST_F(NotifiableIncidentsTest, IncidentConsultObligation) {
  Recorded r =
      Record("o.ig", "incident.reported",
             {{"incident", "inc-1"},
              {"kind", "data_loss"},
              {"agreement", kMou},
              {"items", json::array{"nis-2025-03-03"}},
              {"description", "a copy of the daily summary was emailed to a wrong address"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  std::string duty = Obligation(r, "incident.consult");
  EXPECT_NE(duty.find("consult dfe"), std::string::npos) << r.Findings();
  EXPECT_NE(duty.find("000 §14"), std::string::npos) << duty;

  // Only data loss and wrongful disclosure carry the duty.
  r = Record("o.ig", "incident.reported",
             {{"incident", "inc-2"},
              {"kind", "other"},
              {"agreement", kMou},
              {"description", "the platform was unavailable for a day"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(Obligation(r, "incident.consult"), "");
}

// 000 §14: the consultation is between "both parties", so only they record
// it and only with each other.
TEST_F(NotifiableIncidentsTest, IncidentConsulted) {
  ASSERT_TRUE(Record("o.ig", "incident.reported",
                     {{"incident", "inc-1"},
                      {"kind", "wrongful_disclosure"},
                      {"agreement", kMou},
                      {"description", "a summary row was sent to the wrong local authority"}})
                  .allowed());

  // A party that is not to be consulted is malformed input: nothing appended.
  uint64_t before = Size();
  Recorded bad = Record("o.ig", "incident.consulted",
                        {{"incident", "inc-1"}, {"with", "cqc"}, {"approach", "joint statement"}});
  EXPECT_FALSE(bad.status.ok());
  EXPECT_NE(bad.status.message().find("body.with"), std::string::npos) << bad.status.message();
  EXPECT_EQ(Size(), before);

  // A third party recording the consultation is refused, and that is recorded.
  Recorded r = Record("c.ig", "incident.consulted",
                      {{"incident", "inc-1"}, {"with", "dfe"}, {"approach", "joint statement"}});
  ExpectRefusedOnLedger(r, "incident.consulted", "scope.party", kSeed);

  Recorded ok = Record("o.ig", "incident.consulted",
                       {{"incident", "inc-1"}, {"with", "dfe"}, {"approach", "joint statement"}});
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  ok = Record("d.ig", "incident.consulted",
              {{"incident", "inc-1"}, {"with", "dfe"}, {"approach", "agreed the line to take"}});
  EXPECT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
}

}  // namespace
}  // namespace sharetrail::policy::testing
