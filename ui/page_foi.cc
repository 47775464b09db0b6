// Information requests (FOIA, EIR, SAR): the list of open requests by
// deadline, and one request's case page with its clock (regime, deadline
// and its basis, working days left), who must be told, its timeline, and
// the forms for its next steps.
#include "api/params.h"
#include "ui/client.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "ui/view.h"

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

api::HttpResponse List(api::Call& c) {
  Answer due = ApiGet(c, "/api/v1/foi/due?within=20");
  Answer late = ApiGet(c, "/api/v1/foi/late");
  Answer uninformed = ApiGet(c, "/api/v1/foi/uninformed");
  std::vector<Column> cols = {{"request", "Request"},
                              {"party", "Party"},
                              {"regime", "Law"},
                              {"received", "Received"},
                              {"state", "State"},
                              {"due", "Due"},
                              {"working_days_left", "Working days left"}};
  auto section = [](const Answer& a, const std::string& caption, const std::vector<Column>& cols,
                    const std::string& empty) {
    return a.ok() ? ApiTable(a.json, caption, cols, empty) : Problem(a);
  };
  Page p;
  p.title = "Information requests";
  p.nav = "foi";
  p.who = c.who;
  p.body = Heading("Information requests", c.who->party) +
           "<form method=\"get\" action=\"/foi/case\" novalidate>" +
           [&] {
             Input in("q-request", "request", "Open a request by its reference");
             in.classes = "govuk-input--width-20";
             in.spellcheck = false;
             return TextInput(in);
           }() +
           Button("Open", "govuk-button--secondary") + "</form><p class=\"govuk-body\">" +
           Link("/record/foi.received", "Record a new request") + "</p>" +
           section(late, "Late", cols, "No request is late.") +
           section(due, "Due in the next 20 working days", cols,
                   "No open request is due in the next 20 working days.") +
           section(uninformed, "Counterparties not yet told",
                   {{"request", "Request"},
                    {"received", "Received"},
                    {"inform", "Tell"},
                    {"agreement", "Agreement"},
                    {"cite", "Rule"},
                    {"breach", "Answered before telling them"}},
                   "Every counterparty has been told.");
  return Render(p);
}

// The "open by reference" form posts here with GET; a page of its own keeps
// the case page's path clean.
api::HttpResponse Find(api::Call& c) {
  std::string r = c.params.Str("request");
  return Redirect(r.empty() ? "/foi" : "/foi/" + api::UrlEncode(r));
}

api::HttpResponse Case(api::Call& c) {
  const std::string& request = c.args[0];
  Answer a = ApiGet(c, "/api/v1/foi/requests/" + api::UrlEncode(request));
  Page p;
  p.nav = "foi";
  p.who = c.who;
  p.back = "/foi";
  if (!a.ok()) {
    p.status = a.status;
    p.title = a.status == 404 ? "Request not found" : "You cannot open this request";
    p.body = Heading(p.title, request) + Problem(a);
    return Render(p);
  }
  const json::object& s = a.json.at("summary").as_object();
  auto get = [&s](const char* k) { return FieldText(s, k); };
  std::string state = get("state");
  std::string colour = state == "answered" ? "green" : state == "late" ? "red" : "blue";
  std::vector<Row> clock = {
      {"State", Tag(state, colour)},
      {"Law", get("regime")},
      {"Received", get("received")},
  };
  if (!get("due").empty()) clock.push_back({"Due", "<strong>" + get("due") + "</strong>"});
  if (!get("basis").empty()) clock.push_back({"Deadline basis", get("basis")});
  if (!get("working_days_left").empty()) {
    clock.push_back({"Working days left", get("working_days_left")});
  }
  std::string inform;
  if (const json::value* v = s.if_contains("inform"); v != nullptr && v->is_array()) {
    for (const auto& who : v->as_array()) inform += "<li>" + CellText(who) + "</li>";
  }
  if (!inform.empty()) {
    clock.push_back({"Who must be told", "<ul class=\"govuk-list\">" + inform + "</ul>"});
  }
  if (const json::value* v = s.if_contains("round_robin")) {
    clock.push_back({"Round robin", CellText(*v)});
  }
  if (const json::value* v = s.if_contains("response")) clock.push_back({"Response", CellText(*v)});
  std::string steps;
  for (const char* kind :
       {"foi.informed", "foi.clarification-requested", "foi.clarification-received", "foi.extended",
        "foi.consulted", "foi.responded", "foi.review-requested", "foi.review-decided"}) {
    steps += "<li>" + Link("/record/" + std::string(kind) + "?request=" + request, kind) + "</li>";
  }
  p.title = "Request " + request;
  p.body = Heading(p.title, "Information request") + SummaryList(clock) +
           "<h2 class=\"govuk-heading-m\">Next steps</h2><ul class=\"govuk-list\">" + steps +
           "</ul>" +
           ApiTable(a.json, "Timeline",
                    {{"seq", "Entry"},
                     {"time", "Recorded"},
                     {"type", "Event"},
                     {"actor", "Who"},
                     {"detail", "Detail"}});
  return Render(p);
}

}  // namespace

std::vector<api::Route> FoiPages() {
  return {
      {"GET", "/foi", api::Access::kUser, {}, List, "Open information requests"},
      {"GET", "/foi/case", api::Access::kUser, {"request"}, Find, "Open a request by reference"},
      {"GET", "/foi/{request}", api::Access::kUser, {}, Case, "One information request"},
  };
}

}  // namespace sharetrail::ui
