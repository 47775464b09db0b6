#include "ui/html.h"

#include "policies/html_escape.h"

namespace sharetrail::ui {
namespace {

// aria-describedby for an input with an optional hint and error.
std::string DescribedBy(const Input& in) {
  std::string ids;
  if (!in.hint.empty()) ids = in.id + "-hint";
  if (!in.error.empty()) ids += (ids.empty() ? "" : " ") + in.id + "-error";
  return ids.empty() ? "" : " aria-describedby=\"" + Esc(ids) + "\"";
}

std::string GroupStart(const Input& in) {
  return std::string("<div class=\"govuk-form-group") +
         (in.error.empty() ? "" : " govuk-form-group--error") + "\">";
}

std::string HintAndError(const Input& in) {
  std::string h;
  if (!in.hint.empty()) {
    h += "<div id=\"" + Esc(in.id) + "-hint\" class=\"govuk-hint\">" + Esc(in.hint) + "</div>";
  }
  if (!in.error.empty()) {
    h += "<p id=\"" + Esc(in.id) +
         "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:"
         "</span> " +
         Esc(in.error) + "</p>";
  }
  return h;
}

std::string Label(const Input& in) {
  return "<label class=\"govuk-label\" for=\"" + Esc(in.id) + "\">" + Esc(in.label) + "</label>";
}

std::string Control(std::string_view base, const Input& in) {
  std::string cls(base);
  if (!in.error.empty()) cls += " " + std::string(base) + "--error";
  if (!in.classes.empty()) cls += " " + in.classes;
  return "class=\"" + Esc(cls) + "\" id=\"" + Esc(in.id) + "\" name=\"" + Esc(in.name) + "\"" +
         DescribedBy(in);
}

}  // namespace

std::string Esc(std::string_view text) { return policy::HtmlEscape(text); }

std::string ErrorSummary(const std::vector<FieldError>& errors) {
  if (errors.empty()) return "";
  std::string h =
      "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div "
      "role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div "
      "class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">";
  for (const auto& e : errors) {
    h += e.id.empty() ? "<li>" + Esc(e.message) + "</li>"
                      : "<li><a href=\"#" + Esc(e.id) + "\">" + Esc(e.message) + "</a></li>";
  }
  return h + "</ul></div></div></div>";
}

std::string TextInput(const Input& in) {
  std::string extra;
  if (!in.autocomplete.empty()) extra += " autocomplete=\"" + Esc(in.autocomplete) + "\"";
  if (!in.spellcheck) extra += " spellcheck=\"false\"";
  return GroupStart(in) + Label(in) + HintAndError(in) + "<input " + Control("govuk-input", in) +
         " type=\"" + Esc(in.type) + "\" value=\"" + Esc(in.value) + "\"" + extra + "></div>";
}

std::string Textarea(const Input& in, int rows) {
  return GroupStart(in) + Label(in) + HintAndError(in) + "<textarea " +
         Control("govuk-textarea", in) + " rows=\"" + std::to_string(rows) + "\"" +
         (in.spellcheck ? "" : " spellcheck=\"false\"") + ">" + Esc(in.value) + "</textarea></div>";
}

std::string Select(const Input& in, const std::vector<Option>& options) {
  std::string h = GroupStart(in) + Label(in) + HintAndError(in) + "<select " +
                  Control("govuk-select", in) + ">";
  for (const auto& o : options) {
    h += "<option value=\"" + Esc(o.value) + "\"" + (o.value == in.value ? " selected" : "") + ">" +
         Esc(o.text) + "</option>";
  }
  return h + "</select></div>";
}

std::string Checkboxes(const Input& in, const std::vector<Option>& options,
                       const std::vector<std::string>& checked, bool name_per_value) {
  std::string h = GroupStart(in) + "<fieldset class=\"govuk-fieldset\"" + DescribedBy(in) +
                  "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">" +
                  Esc(in.label) + "</legend>" + HintAndError(in) +
                  "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
                  "data-module=\"govuk-checkboxes\">";
  for (size_t i = 0; i < options.size(); ++i) {
    const Option& o = options[i];
    // The first box takes the group's id, so the error summary's link lands on it.
    std::string id = i == 0 ? in.id : in.id + "-" + std::to_string(i + 1);
    bool on = false;
    for (const auto& c : checked) on = on || c == o.value;
    h += "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"" +
         Esc(id) + "\" name=\"" + Esc(name_per_value ? in.name + "." + o.value : in.name) +
         "\" type=\"checkbox\" value=\"" + Esc(o.value) + "\"" + (on ? " checked" : "") +
         "><label class=\"govuk-label govuk-checkboxes__label\" for=\"" + Esc(id) + "\">" +
         Esc(o.text) + "</label></div>";
  }
  return h + "</div></fieldset></div>";
}

std::string Button(std::string_view text, std::string_view classes, std::string_view name,
                   std::string_view value) {
  std::string attrs;
  if (!name.empty()) attrs = " name=\"" + Esc(name) + "\" value=\"" + Esc(value) + "\"";
  return "<button type=\"submit\" class=\"govuk-button" +
         (classes.empty() ? "" : " " + Esc(classes)) + "\" data-module=\"govuk-button\"" + attrs +
         ">" + Esc(text) + "</button>";
}

std::string Hidden(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\" name=\"" + Esc(name) + "\" value=\"" + Esc(value) + "\">";
}

std::string Link(std::string_view href, std::string_view text) {
  return "<a class=\"govuk-link\" href=\"" + Esc(href) + "\">" + Esc(text) + "</a>";
}

std::string Tag(std::string_view text, std::string_view colour) {
  return "<strong class=\"govuk-tag" +
         (colour.empty() ? std::string() : " govuk-tag--" + Esc(colour)) + "\">" + Esc(text) +
         "</strong>";
}

std::string SummaryList(const std::vector<Row>& rows) {
  std::string h = "<dl class=\"govuk-summary-list\">";
  for (const auto& r : rows) {
    h += "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">" +
         Esc(r.key) + "</dt><dd class=\"govuk-summary-list__value\">" + r.value_html +
         "</dd></div>";
  }
  return h + "</dl>";
}

std::string TableHtml(const TableSpec& t) {
  auto numeric = [&t](size_t i) { return i < t.numeric.size() && t.numeric[i]; };
  // Wide tables scroll inside a focusable region, so keyboard users can
  // scroll them too (WCAG 2.1.1).
  std::string h = "<div class=\"st-table-wrap\" role=\"region\" aria-label=\"" +
                  Esc(t.caption.empty() ? "Table" : t.caption) +
                  "\" tabindex=\"0\"><table class=\"govuk-table\">";
  if (!t.caption.empty()) {
    h += "<caption class=\"govuk-table__caption govuk-table__caption--m\">" + Esc(t.caption) +
         "</caption>";
  }
  h += "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (size_t i = 0; i < t.headings.size(); ++i) {
    h += std::string("<th scope=\"col\" class=\"govuk-table__header") +
         (numeric(i) ? " govuk-table__header--numeric" : "") + "\">" + Esc(t.headings[i]) + "</th>";
  }
  h += "</tr></thead><tbody class=\"govuk-table__body\">";
  for (const auto& row : t.rows) {
    h += "<tr class=\"govuk-table__row\">";
    for (size_t i = 0; i < row.size(); ++i) {
      h += std::string("<td class=\"govuk-table__cell") +
           (numeric(i) ? " govuk-table__cell--numeric" : "") + "\">" + row[i] + "</td>";
    }
    h += "</tr>";
  }
  return h + "</tbody></table></div>";
}

std::string NotificationBanner(std::string_view title, std::string_view body_html, bool success) {
  return std::string("<div class=\"govuk-notification-banner") +
         (success ? " govuk-notification-banner--success\" role=\"alert\"" : "\" role=\"region\"") +
         " aria-labelledby=\"st-banner-title\" data-module=\"govuk-notification-banner\"><div "
         "class=\"govuk-notification-banner__header\"><h2 "
         "class=\"govuk-notification-banner__title\" id=\"st-banner-title\">" +
         Esc(title) + "</h2></div><div class=\"govuk-notification-banner__content\">" +
         std::string(body_html) + "</div></div>";
}

std::string WarningText(std::string_view text) {
  return "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
         "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
         "class=\"govuk-visually-hidden\">Warning</span> " +
         Esc(text) + "</strong></div>";
}

std::string Heading(std::string_view text, std::string_view caption) {
  std::string h;
  if (!caption.empty()) h = "<span class=\"govuk-caption-l\">" + Esc(caption) + "</span>";
  return h + "<h1 class=\"govuk-heading-l\">" + Esc(text) + "</h1>";
}

}  // namespace sharetrail::ui
