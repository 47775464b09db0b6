// Recording an event: pick a kind, fill in its form, see the engine's
// decision (with its rule and seed citation) before recording, record it,
// and see the decision again on the entry the ledger made. A refusal is
// recorded too, and the page says so. All of it goes through the API's
// /events/dry-run and /events.
#include <algorithm>

#include "api/params.h"
#include "ui/client.h"
#include "ui/form.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "ui/view.h"

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

// Kinds the system records itself (reads, sign-ins, credentials) are not
// offered as forms.
bool Offered(const policy::EventKind& k, const api::Principal& who) {
  static const std::vector<std::string_view> kSystem = {"read", "login.failed", "credential.set",
                                                        "token.issued", "token.revoked"};
  if (std::find(kSystem.begin(), kSystem.end(), k.schema.type) != kSystem.end()) return false;
  return std::any_of(who.roles.begin(), who.roles.end(),
                     [&k](const std::string& r) { return policy::MayPropose(k, r); });
}

// The role to act in: the user's first role that may propose the kind
// (none named if that is their first role anyway).
std::string RoleFor(const policy::EventKind& k, const api::Principal& who) {
  for (size_t i = 0; i < who.roles.size(); ++i) {
    if (policy::MayPropose(k, who.roles[i])) return i == 0 ? "" : who.roles[i];
  }
  return "";
}

api::HttpResponse Choose(api::Call& c) {
  std::string list;
  std::string group;
  for (const auto& k : policy::AllKinds()) {
    if (!Offered(k, *c.who)) continue;
    std::string type(k.schema.type);
    std::string g = type.substr(0, type.find('.'));
    if (g != group) {
      if (!group.empty()) list += "</ul>";
      list += "<h2 class=\"govuk-heading-s\">" + Esc(LabelOf(g)) + "</h2><ul class=\"govuk-list\">";
      group = g;
    }
    list += "<li>" + Link("/record/" + type, type) + "</li>";
  }
  if (!group.empty()) list += "</ul>";
  Page p;
  p.title = "Record an event";
  p.nav = "record";
  p.who = c.who;
  p.body = Heading("Record an event", c.who->party) +
           "<p class=\"govuk-body\">Choose what happened. The agreements' rules decide whether "
           "it is allowed; you will see the decision before anything is recorded.</p>" +
           list;
  return Render(p);
}

struct FormState {
  FormValues values;
  std::vector<FieldError> errors;
  std::string above;  // decision or outcome shown above the form
  bool checked = false;
};

api::HttpResponse FormPage(api::Call& c, const policy::EventKind& k, const FormState& s,
                           int status) {
  std::string type(k.schema.type);
  std::string buttons =
      s.checked
          ? "<div class=\"govuk-button-group\">" +
                Button("Record this event", "", "action", "record") +
                Button("Check again", "govuk-button--secondary", "action", "check") + "</div>"
          : "<div class=\"govuk-button-group\">" +
                Button("Check the decision", "", "action", "check") +
                Button("Record without checking", "govuk-button--secondary", "action", "record") +
                "</div>";
  Page p;
  p.title = "Record: " + type;
  p.nav = "record";
  p.who = c.who;
  p.status = status;
  p.errors = !s.errors.empty();
  p.back = "/record";
  p.body = ErrorSummary(s.errors) + Heading(type, "Record an event") + s.above +
           "<form method=\"post\" action=\"/record/" + Esc(type) + "\" novalidate>" + Csrf(*c.who) +
           FieldsHtml(k.schema, s.values, s.errors) + buttons + "</form>";
  return Render(p);
}

const policy::EventKind* KindOf(api::Call& c) {
  const policy::EventKind* k = policy::FindKind(c.args[0]);
  return k != nullptr && Offered(*k, *c.who) ? k : nullptr;
}

api::HttpResponse NoKind(api::Call& c) {
  return ErrorPage(c.req, 404, "Page not found",
                   "There is no event kind \"" + c.args[0] + "\" you can record.");
}

api::HttpResponse Blank(api::Call& c) {
  const policy::EventKind* k = KindOf(c);
  if (k == nullptr) return NoKind(c);
  FormState s;
  // Links from other pages pre-fill the thing they are about.
  for (const char* name : {"item", "request", "hold", "to", "agreement", "items"}) {
    if (c.params.Has(name)) s.values[std::string("f.") + name] = c.params.Str(name);
  }
  return FormPage(c, *k, s, 200);
}

api::HttpResponse Submit(api::Call& c) {
  const policy::EventKind* k = KindOf(c);
  if (k == nullptr) return NoKind(c);
  auto form = api::ParseForm(c.req.body);
  FormState s;
  if (!form.ok()) {
    s.errors.push_back({"", "The form could not be read: " + form.status().message()});
    return FormPage(c, *k, s, 400);
  }
  s.values = *form;
  json::object body = BodyOf(k->schema, s.values, &s.errors);
  if (!s.errors.empty()) return FormPage(c, *k, s, 400);
  bool record = s.values["action"] == "record";
  json::object proposal{{"type", k->schema.type}, {"body", body}};
  if (std::string role = RoleFor(*k, *c.who); !role.empty()) proposal["role"] = role;
  Answer a = ApiSend(c, "POST", record ? "/api/v1/events" : "/api/v1/events/dry-run", proposal);
  if (a.status == 400 || a.status == 404 || a.status == 409) {
    std::string field = a.Field();
    s.errors.push_back({field.empty() ? "" : InputIdOfApiField(field), a.Message()});
    return FormPage(c, *k, s, 400);
  }
  if (!record) {
    if (!a.ok()) {
      s.above = Problem(a);
      return FormPage(c, *k, s, a.status);
    }
    s.checked = true;
    s.above = DecisionHtml(a.json.at("decision")) +
              "<p class=\"govuk-body\">Nothing is recorded yet. Record the event, or change "
              "it and check again.</p>";
    return FormPage(c, *k, s, 200);
  }
  Page p;
  p.nav = "record";
  p.who = c.who;
  p.back = "/record";
  if (a.status == 201) {
    std::string seq = CellText(a.json.at("seq"));
    p.title = "Event recorded";
    p.body = NotificationBanner("Success",
                                "<h3 class=\"govuk-notification-banner__heading\">" +
                                    Esc(std::string(k->schema.type)) + " recorded as entry " +
                                    Link("/entries/" + seq, seq) + "</h3>",
                                true) +
             Heading("Event recorded") + DecisionHtml(a.json.at("decision")) +
             "<p class=\"govuk-body\">" +
             Link("/record/" + std::string(k->schema.type), "Record another") + "</p>";
  } else {
    p.title = a.status == 422 ? "Refused" : "Not recorded";
    p.status = a.status;
    p.body = Heading(p.title, std::string(k->schema.type)) + Problem(a) +
             "<p class=\"govuk-body\">" +
             Link("/record/" + std::string(k->schema.type), "Start again") + "</p>";
  }
  return Render(p);
}

}  // namespace

std::vector<api::Route> RecordPages() {
  return {
      {"GET", "/record", api::Access::kUser, {}, Choose, "Choose an event kind to record"},
      {"GET",
       "/record/{type}",
       api::Access::kUser,
       {"item", "request", "hold", "to", "agreement", "items"},
       Blank,
       "The form for one event kind"},
      {"POST", "/record/{type}", api::Access::kUser, {}, Submit, "Check or record an event"},
  };
}

}  // namespace sharetrail::ui
