// Field-by-field validation of event bodies, declared as data.
//
// Every event kind has a schema (events.cc); a body that does not match is
// malformed input, refused with an error that names the field and what was
// expected, and nothing is appended. Whether a well-formed event is
// *allowed* is the rule engine's question, not this file's.
#ifndef SHARETRAIL_POLICIES_SCHEMA_H_
#define SHARETRAIL_POLICIES_SCHEMA_H_

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/status.h"

namespace sharetrail::policy {

enum class Kind {
  kId,    // [a-z0-9][a-z0-9._:-]{0,127}: parties, items, agreements, requests
  kName,  // 1..300 characters of text on one line
  kText,  // up to 4000 characters
  kDate,  // YYYY-MM-DD, a real date
  kTime,  // ledger time, YYYY-MM-DDTHH:MM:SS.ffffffZ
  kBool,
  kCount,   // integer >= 0
  kIds,     // non-empty array of distinct ids
  kNames,   // array of names
  kDigest,  // 64 lowercase hex digits (SHA-256)
  kEnum,    // one of `values`
  kEnums,   // non-empty array of distinct members of `values`
  kObject,  // any object; checked by the event's own code
};

struct Field {
  std::string_view name;
  Kind kind;
  bool required = false;
  std::vector<std::string_view> values = {};  // for kEnum / kEnums
};

struct Schema {
  std::string_view type;
  std::vector<Field> fields;
};

// Errors read "body.items[1]: expected an id ([a-z0-9][a-z0-9._:-]*), got \"Bad Id\"".
Status Validate(const Schema& schema, const boost::json::object& body,
                std::string_view where = "body");
Status ValidateValue(const Field& field, const boost::json::value& v, const std::string& path);
bool IsId(std::string_view s);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_SCHEMA_H_
