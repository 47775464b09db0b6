#include "policies/records.h"

#include "ledger/canonical_json.h"

namespace sharetrail::policy {

Status EachRecord(const StateView& s, std::string_view prefix,
                  const std::function<void(std::string_view id, boost::json::object)>& fn) {
  Status bad;
  ST_RETURN_IF_ERROR(s.Scan(prefix, "", [&](std::string_view key, std::string_view v) {
    auto parsed = ParseStrict(v);
    if (!parsed.ok() || !parsed->is_object()) {
      bad = Corruption("state record " + std::string(key) + " is not an object");
      return false;
    }
    fn(key.substr(prefix.size()), std::move(parsed->as_object()));
    return true;
  }));
  return bad;
}

Status PutRecord(StateWriter* s, const std::string& key, const boost::json::object& record) {
  ST_ASSIGN_OR_RETURN(std::string bytes, Canonicalize(record));
  return s->Put(key, bytes);
}

}  // namespace sharetrail::policy
