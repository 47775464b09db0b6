#include "ui/view.h"

#include <boost/json/serialize.hpp>

#include "ui/html.h"

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

const char* Colour(const std::string& outcome) {
  if (outcome == "refuse") return "red";
  if (outcome == "warn") return "orange";
  return "green";
}

}  // namespace

std::string CellText(const json::value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return Esc(v.as_string());
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v.as_array()) out += (out.empty() ? "" : "; ") + CellText(e);
    return out;
  }
  if (v.is_bool()) return v.as_bool() ? "yes" : "no";
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  return Esc(json::serialize(v));
}

std::string FieldText(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v == nullptr ? "" : CellText(*v);
}

std::string CellHtml(const std::string& column, const json::value& v) {
  if (v.is_string() && !v.as_string().empty()) {
    std::string s(v.as_string());
    if (column == "item") return Link("/items/" + s, s);
    if (column == "request") return Link("/foi/" + s, s);
  }
  if (column == "seq" && (v.is_int64() || v.is_uint64())) {
    std::string s = CellText(v);
    return Link("/entries/" + s, s);
  }
  return CellText(v);
}

size_t RowCount(const json::value& answer) {
  if (!answer.is_object()) return 0;
  const json::value* rows = answer.as_object().if_contains("rows");
  return rows != nullptr && rows->is_array() ? rows->as_array().size() : 0;
}

std::string ApiTable(const json::value& answer, const std::string& caption,
                     const std::vector<Column>& columns, const std::string& empty) {
  if (RowCount(answer) == 0) {
    return (caption.empty() ? "" : "<h2 class=\"govuk-heading-m\">" + Esc(caption) + "</h2>") +
           "<p class=\"govuk-body\">" + Esc(empty) + "</p>";
  }
  std::vector<Column> cols = columns;
  if (cols.empty()) {
    for (const auto& c : answer.at("columns").as_array()) {
      cols.push_back({std::string(c.as_string()), std::string(c.as_string())});
    }
  }
  TableSpec t;
  t.caption = caption;
  for (const auto& c : cols) t.headings.push_back(c.heading);
  for (const auto& r : answer.at("rows").as_array()) {
    const json::object& row = r.as_object();
    std::vector<std::string> cells;
    for (const auto& c : cols) {
      if (c.render) {
        cells.push_back(c.render(row));
      } else {
        const json::value* v = row.if_contains(c.key);
        cells.push_back(v == nullptr ? "" : CellHtml(c.key, *v));
      }
    }
    t.rows.push_back(std::move(cells));
  }
  return TableHtml(t);
}

std::string DecisionHtml(const json::value& decision) {
  if (!decision.is_object()) return "";
  const json::object& d = decision.as_object();
  std::string outcome = Str(d, "outcome");
  const char* words = outcome == "refuse" ? "Refused"
                      : outcome == "warn" ? "Allowed, with a warning"
                                          : "Allowed";
  std::string h = "<div class=\"st-decision st-decision--" + Esc(outcome) +
                  "\"><h2 class=\"govuk-heading-m\">Decision: " + Tag(words, Colour(outcome)) +
                  "</h2>";
  const json::value* findings = d.if_contains("findings");
  if (findings != nullptr && findings->is_array() && !findings->as_array().empty()) {
    TableSpec t;
    t.caption = "Rules applied";
    t.headings = {"Outcome", "Rule", "Agreement paragraph", "Reason"};
    for (const auto& f : findings->as_array()) {
      const json::object& fo = f.as_object();
      std::string cite;
      if (const json::value* c = fo.if_contains("cite"); c != nullptr && c->is_object()) {
        cite = Esc(Str(c->as_object(), "seed")) + " " + Esc(Str(c->as_object(), "para"));
        std::string quote = Str(c->as_object(), "quote");
        if (!quote.empty()) cite += "<br><q class=\"govuk-body-s\">" + Esc(quote) + "</q>";
      }
      t.rows.push_back({Tag(Str(fo, "severity"), Colour(Str(fo, "severity"))),
                        "<code class=\"st-mono\">" + Esc(Str(fo, "rule")) + "</code>", cite,
                        Esc(Str(fo, "reason"))});
    }
    h += TableHtml(t);
  } else {
    h += "<p class=\"govuk-body\">No rule stands in the way.</p>";
  }
  const json::value* obligations = d.if_contains("obligations");
  if (obligations != nullptr && obligations->is_array() && !obligations->as_array().empty()) {
    h += "<h3 class=\"govuk-heading-s\">What you must now do</h3><ul class=\"govuk-list "
         "govuk-list--bullet\">";
    for (const auto& o : obligations->as_array()) {
      h += "<li>" + Esc(Str(o.as_object(), "text")) + " <span class=\"govuk-body-s\">(" +
           Esc(Str(o.as_object(), "rule")) + ")</span></li>";
    }
    h += "</ul>";
  }
  return h + "</div>";
}

std::string Problem(const Answer& a) {
  std::string message = a.Message();
  if (message.empty()) message = "the server answered " + std::to_string(a.status);
  std::string h = ErrorSummary({{"", message}});
  if (a.json.is_object()) {
    if (const json::value* o = a.json.as_object().if_contains("outcome")) {
      if (o->is_object() && o->as_object().contains("decision")) {
        h += DecisionHtml(o->as_object().at("decision"));
        if (const json::value* seq = o->as_object().if_contains("seq"); seq && !seq->is_null()) {
          h += "<p class=\"govuk-body\">The refusal is recorded on the ledger as entry " +
               CellHtml("seq", *seq) + ".</p>";
        }
      }
    }
  }
  return h;
}

}  // namespace sharetrail::ui
