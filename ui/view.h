// Turning API answers into page HTML: query tables, decisions, problems.
// Shared by every page so a table or a decision looks the same everywhere.
#ifndef SHARETRAIL_UI_VIEW_H_
#define SHARETRAIL_UI_VIEW_H_

#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <vector>

#include "ui/client.h"

namespace sharetrail::ui {

// A cell's value as escaped text (arrays joined with "; ").
std::string CellText(const boost::json::value& v);
// CellText of o[key], or "" if there is none.
std::string FieldText(const boost::json::object& o, const char* key);
// A cell as HTML, linked where the column names something with a page:
// item -> the item page, request -> the FOI case, seq -> the entry's proof.
std::string CellHtml(const std::string& column, const boost::json::value& v);

struct Column {
  std::string key, heading;
  // Overrides CellHtml for this column.
  std::function<std::string(const boost::json::object& row)> render = nullptr;
};

// An API table answer ({columns, rows, ...}) as a GOV.UK table; with no
// columns given, every column the answer has, headed by its name. Empty:
// a sentence saying so instead of an empty table.
std::string ApiTable(const boost::json::value& answer, const std::string& caption,
                     const std::vector<Column>& columns = {},
                     const std::string& empty = "There are none.");
size_t RowCount(const boost::json::value& answer);

// An engine decision ({outcome, findings, obligations, agreements}): the
// outcome, and each finding with its rule, seed citation and reason.
std::string DecisionHtml(const boost::json::value& decision);
// An answer that was not a success, for people: what the API said.
std::string Problem(const Answer& a);

}  // namespace sharetrail::ui

#endif  // SHARETRAIL_UI_VIEW_H_
