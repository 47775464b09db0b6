// Query-string parameters, validated before anything reaches a query: an
// unknown name, a repeated name, a bad date or number is a 400 that names
// the parameter.
#ifndef SHARETRAIL_API_PARAMS_H_
#define SHARETRAIL_API_PARAMS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/status.h"
#include "policies/date.h"
#include "policies/queries.h"

namespace sharetrail::api {

// Percent-decodes (and '+' as space, for forms); InvalidArgument on a bad escape.
Result<std::string> UrlDecode(std::string_view s);
// Percent-encodes everything but unreserved characters (RFC 3986 §2.3) and '/'.
std::string UrlEncode(std::string_view s);
// "a=1&b=2" (also form bodies) into a map; a name given twice is an error.
Result<std::map<std::string, std::string>> ParseForm(std::string_view text);

class Params {
 public:
  // Only names in `allowed` are accepted.
  static Result<Params> Parse(std::string_view query, const std::vector<std::string>& allowed);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Str(const std::string& name) const;
  void Set(const std::string& name, std::string value) { values_[name] = std::move(value); }

  // Each returns InvalidArgument naming the parameter on bad input.
  Result<std::string> Required(const std::string& name) const;
  Result<std::optional<Date>> OptDate(const std::string& name) const;
  Result<Date> DateOr(const std::string& name, Date fallback) const;
  Result<std::optional<uint64_t>> OptUint(const std::string& name, uint64_t max) const;
  Result<bool> Bool(const std::string& name) const;  // absent false; "true"/"false"/"1"/"0"
  Result<policy::Page> Page() const;                 // after, limit (default 100, max 1000)

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_PARAMS_H_
