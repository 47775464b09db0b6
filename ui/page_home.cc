// The home dashboard: what needs the signed-in user's attention, in the
// order their role cares about. Every count comes from the same API query a
// client would call, so the dashboard and the API never disagree.
#include <algorithm>

#include "ui/client.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "ui/view.h"

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

struct Panel {
  std::string key, title, query, link, empty;
  std::vector<Column> columns;
};

// Panels by key; each role lists the keys it sees first.
std::vector<Panel> AllPanels() {
  return {
      {"foi-due",
       "Information requests due in the next 5 working days",
       "/api/v1/foi/due?within=5",
       "/foi",
       "No open request is due in the next 5 working days.",
       {{"request", "Request"},
        {"regime", "Law"},
        {"received", "Received"},
        {"due", "Due"},
        {"working_days_left", "Working days left"}}},
      {"foi-late",
       "Late information requests",
       "/api/v1/foi/late",
       "/foi",
       "No request is late.",
       {{"request", "Request"}, {"regime", "Law"}, {"received", "Received"}, {"due", "Was due"}}},
      {"foi-uninformed",
       "Counterparties to inform about a request",
       "/api/v1/foi/uninformed",
       "/foi",
       "Every counterparty has been told.",
       {{"request", "Request"}, {"inform", "Tell"}, {"agreement", "Agreement"}, {"cite", "Rule"}}},
      {"consultations",
       "Data-loss incidents awaiting consultation",
       "/api/v1/incidents/outstanding",
       "",
       "No consultation is outstanding.",
       {{"incident", "Incident"},
        {"kind", "Kind"},
        {"reported", "Reported"},
        {"awaiting", "Awaiting"}}},
      {"provider-notices",
       "Providers to notify of concerns",
       "/api/v1/provider-notices",
       "",
       "Every provider has been told of the concerns about it.",
       {{"item", "Item"}, {"provider", "Provider"}, {"since", "Registered at entry"}}},
      {"jtai",
       "JTAI data to remove",
       "/api/v1/jtai/outstanding",
       "",
       "No JTAI data is waiting to be removed.",
       {{"inspection", "Inspection"}, {"agency", "Agency"}, {"ended", "Inspection ended"}}},
      {"matters",
       "s117 and s119 matters awaiting a response",
       "/api/v1/matters?awaiting=true",
       "",
       "No matter is awaiting a response.",
       {{"matter", "Matter"},
        {"section", "Section"},
        {"from", "From"},
        {"to", "To"},
        {"days_open", "Days open"}}},
      {"holds",
       "Holds in force",
       "/api/v1/holds",
       "/holds",
       "No hold is in force.",
       {{"hold", "Hold"}, {"authority", "Authority"}, {"scope", "Scope"}, {"placed", "Placed"}}},
      {"reviews",
       "Agreement reviews due",
       "/api/v1/reviews?due=true",
       "/agreements",
       "No agreement review is due.",
       {{"agreement", "Agreement"}, {"next_due", "Due"}, {"state", "State"}}},
  };
}

std::vector<std::string> Order(const std::string& role) {
  if (role == "foi_officer") {
    return {"foi-due", "foi-late", "foi-uninformed", "holds", "reviews"};
  }
  if (role == "siro") {
    return {"reviews",          "foi-late", "holds",  "consultations",
            "provider-notices", "matters",  "foi-due"};
  }
  return {"foi-due", "foi-late", "foi-uninformed", "provider-notices", "consultations",
          "jtai",    "matters",  "holds",          "reviews"};
}

std::string PanelHtml(api::Call& c, const Panel& p, std::vector<Row>* glance) {
  Answer a = ApiGet(c, p.query);
  if (!a.ok()) return "<h2 class=\"govuk-heading-m\">" + Esc(p.title) + "</h2>" + Problem(a);
  size_t n = RowCount(a.json);
  std::string id = "panel-" + p.key;
  glance->push_back({p.title, n == 0 ? std::string("None")
                                     : "<a class=\"govuk-link\" href=\"#" + id + "\">" +
                                           std::to_string(n) + "</a>"});
  std::string more = p.link.empty()
                         ? ""
                         : "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" + Esc(p.link) +
                               "\">See all<span class=\"govuk-visually-hidden\"> (" + Esc(p.title) +
                               ")</span></a></p>";
  return "<section id=\"" + id + "\">" + ApiTable(a.json, p.title, p.columns, p.empty) + more +
         "</section>";
}

std::string RecentRefusals(api::Call& c) {
  Answer a = ApiGet(c, "/api/v1/refusals?limit=1000");
  if (!a.ok()) return Problem(a);
  // The query lists oldest first; the dashboard wants the latest five.
  json::array& rows = a.json.as_object()["rows"].as_array();
  if (rows.size() > 5) rows.erase(rows.begin(), rows.end() - 5);
  std::reverse(rows.begin(), rows.end());
  return "<section id=\"panel-refusals\">" +
         ApiTable(a.json, "Recent refusals",
                  {{"seq", "Entry"},
                   {"user", "Who"},
                   {"attempt", "Tried to"},
                   {"rule", "Rule"},
                   {"reason", "Why"}},
                  "Nothing has been refused.") +
         "</section>";
}

api::HttpResponse Home(api::Call& c) {
  std::string role = c.who->roles.empty() ? "" : c.who->roles.front();
  std::vector<Panel> panels = AllPanels();
  std::vector<Row> glance;
  std::string sections;
  for (const std::string& key : Order(role)) {
    for (const Panel& p : panels) {
      if (p.key == key) sections += PanelHtml(c, p, &glance);
    }
  }
  sections += RecentRefusals(c);
  Page page;
  page.title = "Home";
  page.nav = "home";
  page.who = c.who;
  page.body = Heading("What needs attention", c.who->party) + SummaryList(glance) +
              "<p class=\"govuk-body\">" +
              (role == "siro" || role == "auditor"
                   ? Link("/report", "This year's compliance report") + " · "
                   : std::string()) +
              Link("/record", "Record an event") + " · " +
              Link("/shared-with", "See what was shared with whom") + "</p>" + sections;
  return Render(page);
}

}  // namespace

std::vector<api::Route> HomePages() {
  return {{"GET", "/", api::Access::kUser, {}, Home, "Home dashboard"}};
}

}  // namespace sharetrail::ui
