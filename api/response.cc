#include "api/response.h"

#include <boost/json/serialize.hpp>

#include "ledger/utf8.h"

namespace sharetrail::api {
namespace json = boost::json;

HttpResponse Json(int status, const json::value& v) {
  return HttpResponse{status, "application/json", json::serialize(v) + "\n", {}};
}

std::string FieldOf(std::string_view message) {
  size_t colon = message.find(": ");
  if (colon == std::string_view::npos || colon == 0) return "";
  std::string_view head = message.substr(0, colon);
  if (head.find(' ') != std::string_view::npos) return "";
  return std::string(head);
}

HttpResponse Error(int status, std::string_view code, std::string_view message,
                   std::string_view field) {
  // Messages and fields can echo the request's bytes (its method, path or
  // parameters), which need not be UTF-8; the answer must be JSON.
  json::object e{{"code", code}, {"message", ScrubUtf8(message)}};
  if (!field.empty()) e["field"] = ScrubUtf8(field);
  return Json(status, json::object{{"error", std::move(e)}});
}

HttpResponse FromStatus(const Status& s) {
  switch (s.code()) {
    case Code::kInvalidArgument:
      return Error(400, "invalid_argument", s.message(), FieldOf(s.message()));
    case Code::kOutOfRange:
      return Error(400, "out_of_range", s.message(), FieldOf(s.message()));
    case Code::kNotFound:
      return Error(404, "not_found", s.message(), FieldOf(s.message()));
    case Code::kFailedPrecondition:
      return Error(409, "conflict", s.message(), FieldOf(s.message()));
    case Code::kPermissionDenied:
      return Error(403, "forbidden", s.message());
    // The ledger cannot take writes: its storage failed (a full
    // filesystem), or it refuses them after a failed commit until the
    // server is restarted. The client may retry later; reads still answer.
    case Code::kUnavailable:
    case Code::kIOError:
      return Error(503, "unavailable", s.message());
    default:
      return Error(500, "internal", "the server failed to answer; its log says why");
  }
}

HttpResponse TableResponse(const policy::Table& t, const HttpRequest& req) {
  if (req.Header("accept").find("text/csv") != std::string::npos) {
    HttpResponse r{200, "text/csv; charset=utf-8", t.Csv(), {}};
    if (t.next_after) r.headers.emplace_back("X-Next-After", std::to_string(*t.next_after));
    return r;
  }
  return Json(200, TableJson(t));
}

json::object TableJson(const policy::Table& t) {
  json::object o = t.Json();
  json::array columns;
  for (const auto& c : t.columns) columns.emplace_back(c);
  o["columns"] = std::move(columns);
  return o;
}

}  // namespace sharetrail::api
