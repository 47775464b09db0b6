// HTML for the web pages: escaping, and the GOV.UK Design System
// components the pages use, written as the Design System's markup
// (govuk-frontend 6) so its CSS and JavaScript apply unchanged.
//
// Invariant: every piece of text that reaches a page goes through Esc (the
// functions below escape their text arguments themselves); arguments named
// *_html are already-built HTML and are inserted as they are.
#ifndef SHARETRAIL_UI_HTML_H_
#define SHARETRAIL_UI_HTML_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sharetrail::ui {

// Escapes & < > " ' so text is safe in element content and quoted attributes.
std::string Esc(std::string_view text);

// One problem with what was entered: the id of the input it belongs to
// (the error summary links to it) and the message, in GOV.UK's wording
// style ("Enter ...", "Select ...").
struct FieldError {
  std::string id, message;
};

// The error summary at the top of a page whose form has problems.
std::string ErrorSummary(const std::vector<FieldError>& errors);

struct Input {
  Input(std::string id_, std::string name_, std::string label_)
      : id(std::move(id_)), name(std::move(name_)), label(std::move(label_)) {}
  std::string id, name, label, value, hint, error;
  std::string type = "text";
  std::string classes;       // e.g. "govuk-input--width-20"
  std::string autocomplete;  // e.g. "username"
  bool spellcheck = true;
};
std::string TextInput(const Input& in);
std::string Textarea(const Input& in, int rows = 4);

struct Option {
  std::string value, text;
};
std::string Select(const Input& in, const std::vector<Option>& options);
// A fieldset of checkboxes named in.name (or in.name + "." + value, when
// name_per_value); `checked` holds the ticked values.
std::string Checkboxes(const Input& in, const std::vector<Option>& options,
                       const std::vector<std::string>& checked, bool name_per_value = false);

std::string Button(std::string_view text, std::string_view classes = "", std::string_view name = "",
                   std::string_view value = "");
std::string Hidden(std::string_view name, std::string_view value);
std::string Link(std::string_view href, std::string_view text);
// colour: "", "green", "red", "yellow", "grey", "blue", "orange", ...
std::string Tag(std::string_view text, std::string_view colour = "");

struct Row {
  std::string key, value_html;
};
std::string SummaryList(const std::vector<Row>& rows);

// A table; cells are HTML. `numeric` marks columns aligned right.
struct TableSpec {
  std::string caption;
  std::vector<std::string> headings;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;
};
std::string TableHtml(const TableSpec& t);

std::string NotificationBanner(std::string_view title, std::string_view body_html,
                               bool success = false);
std::string WarningText(std::string_view text);
std::string Heading(std::string_view text, std::string_view caption = "");

}  // namespace sharetrail::ui

#endif  // SHARETRAIL_UI_HTML_H_
