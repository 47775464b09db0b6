// Joint work: joint targeted area inspections and the removal of what each
// inspectorate requested (001 JTAI section); letters of concern, the
// provider told first (001 "Sharing inspection reports" ¶5); matters the
// Children's Commissioner raises under s117/s119 and their answers (002).
#include <string>

#include "cli/demo_story.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

namespace {

void Jtai(Story& s) {
  const std::vector<std::string> las = {"northshire-county-council", "southborough-council"};
  const auto& days = s.working_days();
  for (int q = 0; q < 4; ++q) {
    size_t start = static_cast<size_t>(q) * 60 + 20;
    if (start + 30 >= days.size()) break;
    std::string la = las[q % 2];
    std::string insp = "jtai-" + la.substr(0, la.find('-')) + "-" + std::to_string(s.year()) +
                       "-q" + std::to_string(q + 1);
    struct Request {
      const char* user;
      const char* id;
      std::string agency;
      const char* what;
    };
    std::vector<Request> requests = {
        {"ofsted.isp.tansy", "ofsted-r1", la,
         "Case records for the sampled children (pseudonymous)"},
        {"cqc.chj.okafor", "cqc-r1", la, "Health assessment summaries for the sampled children"},
        {"hmicfrs.pvp.kestrel", "hmicfrs-r1", "west-mercia-police",
         "Police child protection referrals for the sampled children"},
        {"probation.smt.fairweather", "probation-r1", la,
         "Youth justice service records for the sampled children"}};
    Date d = days[start];
    for (const Request& r : requests) {
      s.Emit(
          d, r.user, "jtai.requested",
          {{"inspection", insp}, {"request", r.id}, {"agency", r.agency}, {"description", r.what}});
    }
    if (q == 0) {
      // HMI Prisons is not a JTAI inspectorate: refused.
      s.Emit(d, "prisons.smt.bramble", "jtai.requested",
             {{"inspection", insp},
              {"request", "prisons-r1"},
              {"agency", "west-mercia-police"},
              {"description", "Custody records for the sampled children"}});
    }
    std::string cases = "jtai-case-summary-" + insp;
    json::array subjects;
    for (int i = 0; i < 8; ++i)
      subjects.push_back(json::value(Subject(insp + "-" + std::to_string(i))));
    Date tracked = days[start + 3];
    s.Item(tracked, "ofsted.isp.tansy",
           {{"item", cases},
            {"title", "JTAI case tracking summary (" + insp + ")"},
            {"kind", "spreadsheet"},
            {"category", "jtai_case_data"},
            {"classification", "official-sensitive"},
            {"safeguarding", true},
            {"personal_data", true},
            {"inspection", insp},
            {"subjects", subjects}});
    s.Emit(tracked, "ofsted.isp.tansy", "share",
           {{"items", json::array{cases}},
            {"to", "cqc"},
            {"agreement", "inspectorates-isp"},
            {"purpose", "joint_inspection"},
            {"lawful_basis", "Inspectorates information sharing protocol, JTAI section"},
            {"necessity", "joint case tracking during the inspection"},
            {"decided_by", "ofsted.smt.marlow"},
            {"method", "secure_portal"},
            {"to_team", "childrens-health-and-justice"},
            {"classification", "official-sensitive"},
            {"handling", "JTAI portal only; removed at the end of the inspection"}});
    for (int i = 0; i < 6; ++i)
      s.Access(days[start + 4 + i], "cqc.chj.okafor", cases, "joint case tracking");
    Date ended = days[start + 15];
    s.Emit(ended, "ofsted.isp.tansy", "inspection.ended",
           {{"inspection", insp}, {"date", ended.ToString()}});
    for (size_t i = 0; i < requests.size(); ++i) {
      // The last JTAI's probation data is still on the portal: outstanding.
      if (q == 3 && i == 3) continue;
      s.Emit(days[start + 16 + i], requests[i].user, "jtai.removed",
             {{"inspection", insp}, {"request", requests[i].id}});
    }
  }
}

void ConcernsLetters(Story& s) {
  const std::vector<std::string> providers = {"brightwater-care-ltd", "oakfield-homes-ltd"};
  const auto& days = s.working_days();
  for (size_t i = 0; i * 10 + 5 < days.size(); ++i) {
    Date d = days[i * 10 + 5];
    const std::string& provider = providers[i % 2];
    std::string letter =
        "concerns-letter-" + provider.substr(0, provider.find('-')) + "-" + d.ToString();
    std::string insp = "sc-" + provider.substr(0, provider.find('-')) + "-" + d.ToString();
    s.Item(d, "ofsted.inspector.fenwick",
           {{"item", letter},
            {"title", "Letter of concerns: " + provider + " (fictional)"},
            {"kind", "letter"},
            {"category", "concerns_letter"},
            {"classification", "official-sensitive"},
            {"safeguarding", false},
            {"personal_data", true},
            {"provider", provider},
            {"inspection", insp},
            {"retention_class", "inspection_evidence_3y"}});
    json::object share{{"items", json::array{letter}},
                       {"to", "cqc"},
                       {"agreement", "inspectorates-isp"},
                       {"purpose", "regulation"},
                       {"lawful_basis", "Inspectorates information sharing protocol"},
                       {"necessity", "CQC registers the health provision at the same site"},
                       {"decided_by", "ofsted.smt.marlow"},
                       {"method", "email"},
                       {"to_team", "childrens-health-and-justice"},
                       {"classification", "official-sensitive"},
                       {"handling", "For CQC registration and inspection use only"}};
    // The first letter goes to CQC before the provider has heard: refused.
    if (i == 3) s.Emit(d, "ofsted.inspector.fenwick", "share", share);
    Date told = s.AddWorkingDays(d, 1);
    s.Emit(told, "ofsted.inspector.fenwick", "provider.notified",
           {{"provider", provider},
            {"items", json::array{letter}},
            {"inspection", insp},
            {"summary", "Concerns about night staffing levels and medication records."}});
    s.Emit(told, "ofsted.inspector.fenwick", "share", share);
    s.Access(s.AddWorkingDays(told, 1), "cqc.chj.okafor", letter, "registration review");
  }
}

void Matters(Story& s) {
  const std::vector<std::string> topics = {
      "Children placed in unregistered provision for more than 28 days.",
      "Use of restraint in secure children's homes: request for Ofsted's evidence summary.",
      "Advice requested on children's views in forthcoming residential guidance.",
      "Delays in return-home interviews for children missing from care.",
      "Access to advocacy for children in secure training centres."};
  const auto& days = s.working_days();
  for (size_t i = 0; i * 13 + 4 < days.size(); ++i) {
    Date d = days[i * 13 + 4];
    std::string section = i % 4 == 3 ? "119" : "117";
    std::string id =
        "cc-" + section + "-" + std::to_string(s.year()) + "-" + std::to_string(100 + i);
    s.Emit(d, "cc.senior.heron", "matter.raised",
           {{"matter", id},
            {"section", section},
            {"to", "ofsted"},
            {"summary", topics[i % topics.size()]}});
    // The latest few are still awaiting an answer (002 sets no deadline).
    if ((i + 1) * 13 + 4 >= days.size() - 30) continue;
    Date answered = s.AddWorkingDays(d, s.Between(8, 30));
    s.Emit(answered, "ofsted.contact.amberley", "matter.answered",
           {{"matter", id},
            {"outcome",
             "Ofsted has considered the matter and shared its findings with the Commissioner."},
            {"actions", "Findings letter sent to the Commissioner's designated contact."}});
  }
}

}  // namespace

void JointWork(Story& s) {
  Jtai(s);
  ConcernsLetters(s);
  Matters(s);
}

}  // namespace sharetrail::cli::demo
