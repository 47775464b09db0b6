// A query answer: named columns and rows of JSON values, printable as an
// aligned text table, CSV (RFC 4180) or JSON, so every list the CLI and the
// API return has one shape.
#ifndef SHARETRAIL_POLICIES_TABLE_H_
#define SHARETRAIL_POLICIES_TABLE_H_

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sharetrail::policy {

struct Table {
  std::vector<std::string> columns;
  boost::json::array rows;  // objects keyed by column
  // Set when a limit cut the list short: pass it back as `after` to go on.
  std::optional<uint64_t> next_after;
  boost::json::object summary;  // totals and the like, printed after the rows

  std::string Csv() const;
  std::string Text() const;
  boost::json::object Json() const;
};

// A cell as text: strings bare, arrays joined with ';', others as JSON.
std::string CellText(const boost::json::value& v);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_TABLE_H_
