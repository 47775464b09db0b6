#include "policies/table.h"

#include <algorithm>
#include <boost/json/serialize.hpp>

namespace sharetrail::policy {
namespace json = boost::json;

std::string CellText(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v.as_array()) out += (out.empty() ? "" : ";") + CellText(e);
    return out;
  }
  return json::serialize(v);
}

namespace {

const json::value& Cell(const json::value& row, const std::string& column) {
  static const json::value kNull;
  const json::value* v = row.as_object().if_contains(column);
  return v ? *v : kNull;
}

std::string CsvField(const std::string& s) {
  // Cells that a spreadsheet would run as a formula are prefixed with a
  // quote (OWASP CSV injection guidance).
  std::string v = s;
  if (!v.empty() && std::string_view("=+-@\t\r").find(v[0]) != std::string_view::npos) {
    v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string Table::Csv() const {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + CsvField(columns[i]);
  out += "\r\n";
  for (const auto& row : rows) {
    for (size_t i = 0; i < columns.size(); ++i) {
      out += (i ? "," : "") + CsvField(CellText(Cell(row, columns[i])));
    }
    out += "\r\n";
  }
  return out;
}

std::string Table::Text() const {
  std::vector<size_t> width(columns.size());
  std::vector<std::vector<std::string>> cells;
  for (size_t i = 0; i < columns.size(); ++i) width[i] = columns[i].size();
  for (const auto& row : rows) {
    cells.emplace_back();
    for (size_t i = 0; i < columns.size(); ++i) {
      std::string c = CellText(Cell(row, columns[i]));
      std::replace(c.begin(), c.end(), '\n', ' ');
      width[i] = std::max(width[i], std::min<size_t>(c.size(), 60));
      cells.back().push_back(std::move(c));
    }
  }
  auto line = [&](const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
      std::string c = v[i].size() > 60 ? v[i].substr(0, 57) + "..." : v[i];
      out += c;
      if (i + 1 < v.size()) out += std::string(width[i] - c.size() + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = columns.empty() ? "" : line(columns);
  for (const auto& row : cells) out += line(row);
  for (const auto& kv : summary) out += std::string(kv.key()) + ": " + CellText(kv.value()) + "\n";
  if (next_after) out += "more: pass --after " + std::to_string(*next_after) + "\n";
  return out;
}

json::object Table::Json() const {
  json::object o{{"rows", rows}};
  if (!summary.empty()) o["summary"] = summary;
  if (next_after) o["next_after"] = *next_after;
  return o;
}

}  // namespace sharetrail::policy
