// Reading and writing the derived records of world.h as JSON objects:
// shared by Apply and the queries.
#ifndef SHARETRAIL_POLICIES_RECORDS_H_
#define SHARETRAIL_POLICIES_RECORDS_H_

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "ledger/state.h"

namespace sharetrail::policy {

// Visits every record under a key prefix, parsed, with the rest of its key.
Status EachRecord(const StateView& s, std::string_view prefix,
                  const std::function<void(std::string_view id, boost::json::object)>& fn);
// Writes a record in canonical JSON, so a replay writes the same bytes.
Status PutRecord(StateWriter* s, const std::string& key, const boost::json::object& record);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_RECORDS_H_
