// Holds, retention and disposal (000 §13; 003 "How long we keep personal
// data") and the agreements' reviews (000 §3, 001, 002 §30, 004).
#include <string>

#include "cli/demo_story.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

namespace {

void Reviews(Story& s) {
  const auto& days = s.working_days();
  std::string y = std::to_string(s.year());
  auto review = [&](size_t day, const char* user, const char* agreement, const char* notes) {
    Date d = days[day];
    json::object body{{"agreement", agreement}, {"date", d.ToString()}, {"outcome", "continued"}};
    if (notes != nullptr) body["notes"] = notes;
    s.Emit(d, user, "agreement.reviewed", std::move(body));
  };
  review(60, "ofsted.siro.holt", "inspectorates-isp",
         "Annual review by the six inspectorates; named team list confirmed.");
  // DfE is not a party to the inspectorates' protocol: refused.
  review(60, "dfe.siro.ashdown", "inspectorates-isp", nullptr);
  review(90, "cc.ig.finch", "cc-hmci-mou", nullptr);
  review(120, "ofsted.siro.holt", "register-of-childrens-homes",
         "Reviewed at the request of a signatory (the Commissioner).");
  // The Ofsted-DfE MOU is not reviewed this year: the overdue one.
}

// Inspection evidence with personal data, kept at least three years from
// its evidence date (003 "How long we keep personal data").
void Evidence(Story& s, Date d, const char* user, const std::string& item, const std::string& title,
              Date evidence) {
  s.Item(d, user,
         {{"item", item},
          {"title", title},
          {"kind", "document"},
          {"category", "inspection_evidence"},
          {"classification", "official-sensitive"},
          {"safeguarding", false},
          {"personal_data", true},
          {"retention_class", "inspection_evidence_3y"},
          {"evidence_date", evidence.ToString()}});
}

void Disposals(Story& s) {
  const auto& days = s.working_days();
  int n = 0;
  for (size_t i = 5; i < days.size(); i += 3) {
    Date d = days[i];
    ++n;
    std::string tag = std::to_string(s.year()) + "-" + std::to_string(n);
    int years_back = s.Between(4, 7);
    Date evidence{s.year() - years_back, s.Between(1, 12), s.Between(1, 28)};
    std::string item = "evidence-archive-" + evidence.ToString() + "-" + std::to_string(n);
    Evidence(s, d, "ofsted.inspector.fenwick", item,
             "Archived inspection evidence from " + evidence.ToString(), evidence);
    std::string request = "del-" + tag;
    s.Emit(d, "ofsted.inspector.fenwick", "deletion.requested",
           {{"request", request},
            {"item", item},
            {"reason", "Records review: past the 3-year minimum for inspection evidence."}});
    Date approved = s.AddWorkingDays(d, s.Between(1, 4));
    s.Emit(approved, "ofsted.ig.vance", "disposition.approved",
           {{"request", request}, {"note", "Checked: no hold, no open request, minimum passed."}});
    s.Emit(s.AddWorkingDays(approved, 1), "ofsted.inspector.fenwick", "disposed",
           {{"request", request}, {"method", "destroyed"}});
  }
}

// Old notifications are past the 3-year minimum but relate to safeguarding:
// the IICSA hold keeps them, and each refused request is on the record.
void HeldBack(Story& s) {
  const auto& days = s.working_days();
  for (size_t i = 0; i < 12; ++i) {
    Date d = days[10 + i * 20];
    int ref = 1000 + static_cast<int>(i) * 37;
    Date evidence{s.year() - 7, 1 + static_cast<int>(i), 14};
    std::string item =
        "notification-" + std::to_string(evidence.year) + "-archived-" + std::to_string(ref);
    s.Item(
        d, "ofsted.arc.hollis",
        {{"item", item},
         {"title", "Notifiable incident notification SIN-" + std::to_string(ref) + " (archived)"},
         {"kind", "document"},
         {"category", "notifiable_incident_notification"},
         {"classification", "official-sensitive"},
         {"safeguarding", true},
         {"personal_data", true},
         {"agreement", "ofsted-dfe-notifiable-incidents"},
         {"retention_class", "inspection_evidence_3y"},
         {"evidence_date", evidence.ToString()},
         {"subjects", json::array{Subject("sin-" + std::to_string(ref))}}});
    s.Emit(d, "ofsted.arc.hollis", "deletion.requested",
           {{"request", "del-held-" + std::to_string(s.year()) + "-" + std::to_string(i + 1)},
            {"item", item},
            {"reason", "Records review: older than the 3-year minimum for inspection evidence."}});
  }
  // Evidence from last year: the minimum has not passed. Refused.
  Date d = days[30];
  std::string item = "evidence-early-" + std::to_string(s.year() - 1);
  Evidence(s, d, "ofsted.inspector.gorse", item, "Inspection evidence from last year",
           Date{s.year() - 1, 6, 30});
  s.Emit(d, "ofsted.inspector.gorse", "deletion.requested",
         {{"request", "del-early-" + std::to_string(s.year())},
          {"item", item},
          {"reason", "Clearing a shared drive."}});
}

}  // namespace

void Governance(Story& s) {
  s.Emit(s.working_days()[0], "ofsted.siro.holt", "hold.placed",
         {{"hold", "iicsa-no-destroy"},
          {"scope", "safeguarding"},
          {"authority", "iicsa"},
          {"reason",
           "The Inquiry's no-destroy notice: nothing relating to safeguarding concerns may be "
           "deleted or destroyed while the Inquiry is in progress."},
          {"reference", "IICSA letter to departments, June 2015"}});
  Reviews(s);
  Disposals(s);
  HeldBack(s);
}

}  // namespace sharetrail::cli::demo
