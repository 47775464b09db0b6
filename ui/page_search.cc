// Shared with whom: the shares made or received, filtered by party,
// agreement, item, category and period, as a table or a CSV download. The
// filters are the API's /shared-with parameters, passed on as they are, so
// the page shows exactly what the API answers (and is scoped the same way).
#include "api/params.h"
#include "policies/events.h"
#include "ui/client.h"
#include "ui/form.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "ui/view.h"

namespace sharetrail::ui {
namespace {

const std::vector<std::string> kFilters = {"party", "agreement", "item", "category", "from", "to"};

std::string Query(const api::Call& c, bool with_after) {
  std::string q;
  for (const auto& name : kFilters) {
    std::string v = c.params.Str(name);
    if (!v.empty()) q += (q.empty() ? "" : "&") + name + "=" + api::UrlEncode(v);
  }
  if (with_after && c.params.Has("after")) {
    q += (q.empty() ? "" : "&") + std::string("after=") + api::UrlEncode(c.params.Str("after"));
  }
  return q;
}

// Every matching share, page after page of the API's CSV (each page's
// header row dropped but the first), up to kMaxCsvPages pages of 1000.
constexpr int kMaxCsvPages = 200;

api::HttpResponse Download(api::Call& c) {
  std::string q = Query(c, false), csv, after;
  for (int page = 0; page < kMaxCsvPages; ++page) {
    std::string target = "/api/v1/shared-with?limit=1000" + (q.empty() ? "" : "&" + q) +
                         (after.empty() ? "" : "&after=" + after);
    Answer a = ApiGet(c, target, "text/csv");
    if (!a.ok()) {
      return ErrorPage(c.req, a.status, "The download failed", a.Message());
    }
    std::string body = a.body;
    if (page > 0) body.erase(0, body.find('\n') + 1);
    csv += body;
    after.clear();
    for (const auto& [name, value] : a.raw.headers) {
      if (name == "X-Next-After") after = value;
    }
    if (after.empty()) break;
  }
  return api::HttpResponse{200,
                           "text/csv; charset=utf-8",
                           std::move(csv),
                           {{"Content-Disposition", "attachment; filename=\"shared-with.csv\""}}};
}

api::HttpResponse Search(api::Call& c) {
  std::string q = Query(c, true);
  if (c.params.Str("format") == "csv") return Download(c);
  Answer a = ApiGet(c, "/api/v1/shared-with?limit=100" + (q.empty() ? "" : "&" + q));
  std::vector<FieldError> errors;
  std::string results;
  if (a.ok()) {
    std::vector<Column> columns = {{"seq", "Entry"},
                                   {"time", "Recorded"},
                                   {"from", "From"},
                                   {"to", "To"},
                                   {"agreement", "Agreement"},
                                   {"purpose", "Purpose"},
                                   {"items", "Items",
                                    [](const boost::json::object& row) {
                                      std::string h;
                                      for (const auto& i : row.at("items").as_array()) {
                                        h += (h.empty() ? "" : "<br>") + CellHtml("item", i);
                                      }
                                      return h;
                                    }},
                                   {"categories", "Categories"}};
    // Issue 12: on a ledger with peers, whether the other side's own node
    // bears the share out (the API adds the column only then).
    for (const auto& col : a.json.at("columns").as_array()) {
      if (col == "receipt") columns.push_back({"receipt", "Receipt"});
    }
    results = ApiTable(a.json, "Shares", columns, "No shares match these filters.");
    if (const auto* next = a.json.as_object().if_contains("next_after")) {
      std::string more = Query(c, false);
      results +=
          "<nav class=\"govuk-pagination\" aria-label=\"Results pages\"><div "
          "class=\"govuk-pagination__next\"><a class=\"govuk-link "
          "govuk-pagination__link\" href=\"/shared-with?" +
          Esc(more + (more.empty() ? "" : "&") + "after=" + CellText(*next)) +
          "\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next "
          "page</span></a></div></nav>";
    }
    results += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/shared-with?" +
               Esc(q + (q.empty() ? "" : "&") + "format=csv") +
               "\" download>Download these shares as CSV</a></p>";
  } else {
    std::string field = a.Field();
    errors.push_back({field.empty() ? "" : "q-" + field, a.Message()});
  }
  auto input = [&](const std::string& name, const std::string& label, const std::string& hint) {
    Input in("q-" + name, name, label);
    in.value = c.params.Str(name);
    in.hint = hint;
    in.spellcheck = false;
    in.classes = "govuk-input--width-20";
    for (const auto& e : errors) {
      if (e.id == in.id) in.error = e.message;
    }
    return in;
  };
  std::vector<Option> categories{{"", "Any"}};
  for (auto cat : policy::kCategories) categories.push_back({std::string(cat), LabelOf(cat)});
  Input from = input("from", "From (optional)", "YYYY-MM-DD");
  Input to = input("to", "To (optional)", "YYYY-MM-DD");
  from.classes = to.classes = "govuk-input--width-10";
  Page p;
  p.title = "Shared with whom";
  p.nav = "shared";
  p.who = c.who;
  p.errors = !errors.empty();
  p.status = errors.empty() ? 200 : a.status;
  p.body = ErrorSummary(errors) + Heading("Shared with whom", c.who->party) +
           "<form method=\"get\" action=\"/shared-with\" novalidate><div "
           "class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">" +
           TextInput(
               input("party", "Party (optional)",
                     c.who->Auditor() ? "Any party" : "Your own party unless you are an auditor")) +
           TextInput(input("agreement", "Agreement (optional)", "For example, inspectorates-isp")) +
           TextInput(input("item", "Item (optional)", "An item reference")) +
           "</div><div class=\"govuk-grid-column-one-half\">" +
           Select(input("category", "Category", ""), categories) + TextInput(from) + TextInput(to) +
           "</div></div>" + Button("Search") + "</form>" + results;
  return Render(p);
}

}  // namespace

std::vector<api::Route> SearchPages() {
  return {{"GET",
           "/shared-with",
           api::Access::kUser,
           {"party", "agreement", "item", "category", "from", "to", "after", "format"},
           Search,
           "Shared with whom: search and CSV download"}};
}

}  // namespace sharetrail::ui
