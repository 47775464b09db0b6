// Seeds 001 and 003: Ofsted's routine inspections (evidence kept at least
// three years, reports published), and pre-publication reports shared with
// the other inspectorates' named teams under embargo, marked, then
// published; onward disclosure only with the originator's written consent.
#include <string>

#include "cli/demo_story.h"

namespace sharetrail::cli::demo {

namespace json = boost::json;

namespace {

constexpr const char* kMarking =
    "Pre-publication report \xe2\x80\x93 not to be shared beyond authorised reviewers";
const std::vector<std::string> kInspectors = {"ofsted.inspector.fenwick", "ofsted.inspector.gorse",
                                              "ofsted.inspector.hythe", "ofsted.inspector.ivel",
                                              "ofsted.inspector.jessop"};
const std::vector<std::string> kSettings = {
    "children's home",           "residential special school",   "secure children's home",
    "residential family centre", "independent fostering agency", "adoption support agency"};
const std::vector<std::string> kPlaces = {"northshire", "eastmere",   "westwold",     "kingsbarrow",
                                          "hollowmere", "larkhill",   "oakbridge",    "fenchester",
                                          "rookby",     "amberfield", "southborough", "tillsbury"};

// A reader in a named team of each party (001 "Process for sharing" ¶1).
struct Reviewer {
  const char* party;
  const char* team;
  const char* user;
};
const std::vector<Reviewer> kReviewers = {
    {"cqc", "childrens-health-and-justice", "cqc.chj.okafor"},
    {"cqc", "pmsic-senior-management", "cqc.pmsic.ferris"},
    {"hmicfrs", "hmi-pvp-cjji", "hmicfrs.pvp.kestrel"},
    {"hmicfrs", "head-of-pvp", "hmicfrs.head.pike"},
    {"hmi-probation", "senior-management", "probation.smt.fairweather"},
    {"hmi-prisons", "senior-management", "prisons.smt.bramble"},
    {"hmcpsi", "senior-management", "hmcpsi.smt.quince"}};

void Routine(Story& s) {
  int n = 0;
  for (Date d : s.working_days()) {
    int count = s.Between(8, 13);
    for (int i = 0; i < count; ++i) {
      ++n;
      std::string urn = "sc" + std::to_string(100000 + n * 7 % 900000);
      std::string tag = std::to_string(s.year()) + "-" + std::to_string(n);
      const std::string& inspector = s.Pick(kInspectors);
      const std::string& setting = s.Pick(kSettings);
      std::string evidence = "evidence-" + urn + "-" + tag;
      std::string report = "report-" + urn + "-" + tag;
      s.Item(d, inspector,
             {{"item", evidence},
              {"title", "Inspection evidence: " + setting + " " + urn + " (fictional)"},
              {"kind", "document"},
              {"category", "inspection_evidence"},
              {"classification", "official-sensitive"},
              {"safeguarding", s.Percent(15)},
              {"personal_data", true},
              {"retention_class", "inspection_evidence_3y"},
              {"inspection", "inspection-" + tag}});
      for (int r = s.Between(3, 9); r > 0; --r) {
        s.Access(d, inspector, evidence, "write up the inspection");
      }
      Date drafted = s.AddWorkingDays(d, s.Between(3, 8));
      s.Item(drafted, inspector,
             {{"item", report},
              {"title", "Inspection report: " + setting + " " + urn + " (fictional)"},
              {"kind", "report"},
              {"category", "inspection_report"},
              {"classification", "official"},
              {"safeguarding", false},
              {"personal_data", false},
              {"retention_class", "inspection_evidence_3y"},
              {"inspection", "inspection-" + tag},
              {"evidence_date", d.ToString()}});
      s.Access(drafted, "ofsted.smt.marlow", report, "quality assurance before publication");
      for (int r = s.Between(1, 3); r > 0; --r) {
        s.Access(drafted, inspector, report, "respond to the provider's factual accuracy comments");
      }
      Date published = s.AddWorkingDays(drafted, s.Between(10, 25));
      if (published <= s.last()) {
        s.Emit(published, inspector, "publication",
               {{"item", report},
                {"date", published.ToString()},
                {"url", "https://reports.ofsted.example/" + urn}});
      }
    }
  }
}

json::object IspShare(const std::string& item, const Reviewer& r, bool marked) {
  json::object body{
      {"items", json::array{item}},
      {"to", r.party},
      {"agreement", "inspectorates-isp"},
      {"purpose", "respond_to_queries"},
      {"lawful_basis",
       "Inspectorates information sharing protocol; Education and Inspections Act 2006 Sch 13"},
      {"necessity", "joint review of factual accuracy before publication"},
      {"decided_by", "ofsted.smt.marlow"},
      {"method", "email"},
      {"to_team", r.team},
      {"classification", "official-sensitive"},
      {"handling",
       "Named reviewers only; do not forward; delete the draft once the final report is "
       "published"}};
  if (marked) body["marking"] = kMarking;
  return body;
}

void Onward(Story& s, Date d, const std::string& report, const std::string& user) {
  s.Emit(d, user, "disclosure.onward",
         {{"item", report},
          {"to", "hmi-prisons"},
          {"ground", "written_consent"},
          {"purpose", "joint thematic on children in custody"}});
}

void Embargoed(Story& s) {
  const auto& days = s.working_days();
  for (size_t i = 0; i < 36; ++i) {
    const char* kind = i % 3 == 0 ? "ilacs" : i % 3 == 1 ? "stc" : "focused-visit";
    std::string place = kPlaces[(i / 3) % kPlaces.size()];
    std::string id = std::string("report-") + kind + "-" + place + "-" + std::to_string(s.year());
    Date d0 = days[std::min(i * 7 + 2, days.size() - 1)];
    s.Item(d0, "ofsted.policy.quill",
           {{"item", id},
            {"title", std::string(kind) + " inspection report: " + place + " (draft, fictional)"},
            {"kind", "report"},
            {"category", "inspection_report"},
            {"classification", "official-sensitive"},
            {"safeguarding", false},
            {"personal_data", false},
            {"agreement", "inspectorates-isp"},
            {"pre_publication", true},
            {"inspection", std::string(kind) + "-" + place + "-" + std::to_string(s.year())},
            {"retention_class", "inspection_evidence_3y"}});
    s.Access(d0, "ofsted.smt.marlow", id, "moderation before sharing");
    Date shared = s.AddWorkingDays(d0, 1);
    // Every sixth report goes to CQC's children's team
    // first: the onward-disclosure and FOI episodes below need CQC to hold it.
    std::vector<const Reviewer*> to;
    if (i % 6 == 0) to.push_back(&kReviewers[0]);
    for (const Reviewer& r : kReviewers) {
      bool taken = false;
      for (const Reviewer* t : to) taken = taken || std::string(t->party) == r.party;
      if (!taken && s.Percent(55)) to.push_back(&r);
    }
    if (to.empty()) to.push_back(&kReviewers[0]);
    for (size_t k = 0; k < to.size(); ++k) {
      // Now and then the first attempt goes out without the marking: refused.
      if (k == 0 && i % 9 == 0)
        s.Emit(shared, "ofsted.policy.quill", "share", IspShare(id, *to[k], false));
      s.Emit(shared, "ofsted.policy.quill", "share", IspShare(id, *to[k], true));
      Date read = s.AddWorkingDays(shared, s.Between(1, 3));
      for (int n = s.Between(1, 4); n > 0; --n)
        s.Access(read, to[k]->user, id, "factual accuracy review");
    }
    bool cqc = std::string(to[0]->party) == "cqc";
    if (i % 8 == 0 && cqc) {
      // CQC's FOI officer is in no named team: refused while embargoed.
      s.Access(s.AddWorkingDays(shared, 2), "cqc.foi.tallis", id, "FOI request mentions " + place);
    }
    if (i % 6 == 0 && i != 30 && cqc) {
      // Passed on before the originator consents: refused; then consent, then allowed.
      Onward(s, s.AddWorkingDays(shared, 3), id, to[0]->user);
      s.Emit(s.AddWorkingDays(shared, 4), "ofsted.smt.marlow", "consent.given",
             {{"item", id},
              {"to", "cqc"},
              {"reference", "OFS-CONSENT-" + std::to_string(s.year()) + "-" + std::to_string(i)},
              {"scope",
               "CQC may share the draft with HMI Prisons' senior management team for the "
               "thematic only"}});
      Onward(s, s.AddWorkingDays(shared, 5), id, to[0]->user);
    }
    // The Southborough report (i == 30) is still being finalised in November,
    // and Ofsted has not consented to its passing on.
    Date published = s.AddWorkingDays(shared, i == 30 ? 45 : s.Between(15, 25));
    if (published > s.last()) continue;
    s.Emit(published, "ofsted.policy.quill", "publication",
           {{"item", id},
            {"date", published.ToString()},
            {"url", "https://reports.ofsted.example/" + id}});
    if (cqc && i % 8 == 0) {
      s.Access(s.AddWorkingDays(published, 2), "cqc.foi.tallis", id,
               "FOI request: point to the published report");
    }
  }
}

}  // namespace

void Inspections(Story& s) {
  Routine(s);
  Embargoed(s);
}

}  // namespace sharetrail::cli::demo
