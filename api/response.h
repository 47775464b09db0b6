// JSON answers and the error shape every endpoint shares:
//   {"error":{"code":"stable_code","message":"what, where, why","field":"body.x"}}
// Codes are stable identifiers clients may switch on; messages are for people.
#ifndef SHARETRAIL_API_RESPONSE_H_
#define SHARETRAIL_API_RESPONSE_H_

#include <boost/json/value.hpp>
#include <string>

#include "api/http.h"
#include "ledger/status.h"
#include "policies/table.h"

namespace sharetrail::api {

HttpResponse Json(int status, const boost::json::value& v);
HttpResponse Error(int status, std::string_view code, std::string_view message,
                   std::string_view field = "");
// A library Status as an answer: invalid_argument 400, not_found 404,
// out_of_range 400, failed_precondition 409, permission_denied 403, else 500
// (whose message is not shown: it may name server paths).
HttpResponse FromStatus(const Status& s);
// The field a message names first ("body.items[1]: ..." -> "body.items[1]").
std::string FieldOf(std::string_view message);
// A table as JSON: {columns, rows, summary?, next_after?}.
boost::json::object TableJson(const policy::Table& t);
// A table as JSON or, if the client
// accepts text/csv, as RFC 4180 CSV.
HttpResponse TableResponse(const policy::Table& t, const HttpRequest& req);

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_RESPONSE_H_
