// Seed 000: local authorities notify Ofsted of serious incidents; Ofsted's
// ARC team summarises each working day's notifications under the Annex A
// headings and sends the password-protected spreadsheet to DfE through the
// secure platform (§12); DfE sends a weekly SCR update back (§13); data
// loss or wrongful disclosure is followed by a consultation (§14).
#include <string>

#include "cli/demo_story.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

namespace {

constexpr const char* kAgreement = "ofsted-dfe-notifiable-incidents";

const std::vector<std::string> kAnalysts = {"ofsted.arc.hollis", "ofsted.arc.penrose",
                                            "ofsted.arc.quayle", "ofsted.arc.tumble"};
const std::vector<std::string> kAuthorities = {"Northshire", "Southborough", "Rochdale",
                                               "Eastmere",   "Westwold",     "Kingsbarrow"};
const std::vector<std::string> kNatures = {
    "serious injury",          "allegation against staff",
    "child missing from care", "serious incident at a setting",
    "death of a child",        "sexual exploitation concern"};

json::array AnnexA() {
  return {"reference_number",
          "local_authority",
          "childs_initials",
          "gender",
          "age",
          "date_of_incident",
          "date_notification_was_received",
          "nature_of_notification",
          "legal_status_of_child",
          "child_protection_plan_at_time_or_previously",
          "involvement_of_agencies",
          "scr_status"};
}

json::object Share(const std::string& item, json::object extra) {
  json::object body{{"items", json::array{item}},
                    {"to", "dfe"},
                    {"agreement", kAgreement},
                    {"purpose", "safeguarding"},
                    {"lawful_basis", "MOU Ofsted-DfE s12 and Annex A; Education Act 2002 s175"},
                    {"necessity", "DfE monitors serious incidents and supports the SCR panel"},
                    {"decided_by", "ofsted.ig.vance"},
                    {"method", "secure_platform"},
                    {"to_team", "scr-secretariat"},
                    {"classification", "official-sensitive"},
                    {"password_protected", true},
                    {"fields", AnnexA()},
                    {"handling", "Secure platform only; spreadsheet password sent separately"}};
  for (auto& kv : extra) body[kv.key()] = kv.value();
  return body;
}

// The n-th working day of the year, clamped to the year.
Date NthWorkingDay(const Story& s, size_t n) {
  const auto& days = s.working_days();
  return days[std::min(n, days.size() - 1)];
}

void Consultations(Story& s) {
  Date lost = NthWorkingDay(s, 60), lost_summary = NthWorkingDay(s, 59);
  s.Emit(lost, "dfe.ig.carrow", "incident.reported",
         {{"incident", "dfe-inc-" + std::to_string(s.year()) + "-007"},
          {"kind", "data_loss"},
          {"agreement", kAgreement},
          {"items", json::array{"annex-a-summary-" + lost_summary.ToString()}},
          {"occurred_on", lost.ToString()},
          {"description",
           "An encrypted DfE laptop holding a copy of the previous day's summary was left on a "
           "train; recovered the next day by the operator's lost property office."}});
  s.Emit(NthWorkingDay(s, 61), "dfe.ig.carrow", "incident.consulted",
         {{"incident", "dfe-inc-" + std::to_string(s.year()) + "-007"},
          {"with", "ofsted"},
          {"approach",
           "Agreed holding line: device encrypted and recovered, no evidence of access; no "
           "proactive statement; ICO notified as a precaution."}});
  Date misdirected = NthWorkingDay(s, 141);
  s.Emit(misdirected, "ofsted.ig.vance", "incident.reported",
         {{"incident", "ofsted-inc-" + std::to_string(s.year()) + "-019"},
          {"kind", "wrongful_disclosure"},
          {"agreement", kAgreement},
          {"items", json::array{"annex-a-summary-" + NthWorkingDay(s, 140).ToString()}},
          {"occurred_on", NthWorkingDay(s, 140).ToString()},
          {"description",
           "The platform notification for the day's summary went to a retired DfE mailbox."}});
  s.Emit(NthWorkingDay(s, 143), "ofsted.ig.vance", "incident.consulted",
         {{"incident", "ofsted-inc-" + std::to_string(s.year()) + "-019"},
          {"with", "dfe"},
          {"approach", "Mailbox closed and confirmed unread; no public statement needed."}});
  // Still awaiting DfE's view on the public response: the one open incident.
  Date open = NthWorkingDay(s, 220);
  s.Emit(open, "ofsted.ig.vance", "incident.reported",
         {{"incident", "ofsted-inc-" + std::to_string(s.year()) + "-042"},
          {"kind", "wrongful_disclosure"},
          {"agreement", kAgreement},
          {"items", json::array{"annex-a-summary-" + NthWorkingDay(s, 219).ToString()}},
          {"occurred_on", NthWorkingDay(s, 219).ToString()},
          {"description",
           "A summary was attached to a reply to a local authority instead of the DfE "
           "platform upload; the authority has confirmed deletion."}});
}

}  // namespace

void Incidents(Story& s) {
  int ref = 4100 + static_cast<int>(s.Below(500));
  const auto& days = s.working_days();
  for (size_t day = 0; day < days.size(); ++day) {
    Date d = days[day];
    int k = s.Between(10, 22);
    json::array subjects;
    int first_ref = ref + 1;
    for (int j = 0; j < k; ++j) {
      ++ref;
      std::string id = "notification-" + d.ToString() + "-" + std::to_string(ref);
      const std::string& analyst = s.Pick(kAnalysts);
      std::string subject = Subject("sin-" + std::to_string(ref));
      subjects.push_back(json::value(subject));
      s.Item(d, analyst,
             {{"item", id},
              {"title", "Notifiable incident notification SIN-" + std::to_string(ref) + " from " +
                            s.Pick(kAuthorities) + " (" + s.Pick(kNatures) + ")"},
              {"kind", "document"},
              {"category", "notifiable_incident_notification"},
              {"classification", "official-sensitive"},
              {"safeguarding", true},
              {"personal_data", true},
              {"agreement", kAgreement},
              {"subjects", json::array{subject}}});
      s.Access(d, s.Pick(kAnalysts), id, "analyse for the daily Annex A summary");
      if (s.Percent(50)) s.Access(d, s.Pick(kAnalysts), id, "second check before the summary goes");
    }
    std::string sid = "annex-a-summary-" + d.ToString();
    s.Item(d, kAnalysts[day % 2],
           {{"item", sid},
            {"title", "Annex A daily summary " + d.ToString() + " (" + std::to_string(k) +
                          " notifications: SIN-" + std::to_string(first_ref) + " to SIN-" +
                          std::to_string(ref) + ")"},
            {"kind", "spreadsheet"},
            {"category", "notifiable_incident_summary"},
            {"classification", "official-sensitive"},
            {"safeguarding", true},
            {"personal_data", true},
            {"agreement", kAgreement},
            {"fields", AnnexA()},
            {"subjects", subjects}});
    if (day == 70) {
      // An analyst's working copy still carried a column not in Annex A.
      json::array fields = AnnexA();
      fields.push_back("home_address");
      s.Emit(d, kAnalysts[day % 2], "share", Share(sid, {{"fields", fields}}));
    }
    if (day == 180) {
      // Platform outage: plain email, no password. Refused.
      s.Emit(d, kAnalysts[day % 2], "share",
             Share(sid, {{"method", "email"}, {"password_protected", false}}));
    }
    s.Emit(d, kAnalysts[day % 2], "share", Share(sid, {}));
    s.Access(d, "dfe.scr.lumley", sid, "serious case review tracking");
    if (s.Percent(60)) s.Access(d, "dfe.data.brandt", sid, "weekly safeguarding statistics");
    if (Weekday(d) == 5) {
      std::string uid = "scr-update-" + d.ToString();
      s.Item(d, "dfe.scr.lumley",
             {{"item", uid},
              {"title", "Weekly SCR update, week ending " + d.ToString()},
              {"kind", "spreadsheet"},
              {"category", "scr_update"},
              {"classification", "official-sensitive"},
              {"safeguarding", true},
              {"personal_data", true},
              {"agreement", kAgreement}});
      s.Emit(d, "dfe.scr.lumley", "share",
             {{"items", json::array{uid}},
              {"to", "ofsted"},
              {"agreement", kAgreement},
              {"purpose", "safeguarding"},
              {"lawful_basis", "MOU Ofsted-DfE s13"},
              {"necessity", "Ofsted tracks SCR decisions against its notifications"},
              {"decided_by", "dfe.ig.carrow"},
              {"method", "secure_email"},
              {"to_team", "arc"},
              {"classification", "official-sensitive"}});
      s.Access(d, s.Pick(kAnalysts), uid, "update notification records");
    }
  }
  Consultations(s);
}

}  // namespace sharetrail::cli::demo
