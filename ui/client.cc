#include "ui/client.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

api::HttpRequest Inner(const api::Call& c, const std::string& method,
                       const std::string& path_and_query, bool as_caller = true) {
  api::HttpRequest r;
  r.method = method;
  size_t q = path_and_query.find('?');
  r.path = path_and_query.substr(0, q);
  if (q != std::string::npos) r.query = path_and_query.substr(q + 1);
  r.remote_addr = c.req.remote_addr;
  r.tls = c.req.tls;
  if (!as_caller) return r;
  for (const char* h : {"cookie", "authorization"}) {
    std::string v = c.req.Header(h);
    if (!v.empty()) r.headers[h] = v;
  }
  if (c.who != nullptr && c.who->via_cookie) r.headers["x-csrf-token"] = c.who->csrf;
  return r;
}

Answer Call(api::Call& c, const api::HttpRequest& r) {
  Answer a;
  a.raw = c.app.Handle(r);
  a.status = a.raw.status;
  a.body = a.raw.body;
  if (a.raw.content_type.starts_with("application/json")) {
    std::error_code ec;
    a.json = json::parse(a.body, ec);
    if (ec) a.json = nullptr;
  }
  return a;
}

std::string ErrorPart(const json::value& v, const char* key) {
  if (!v.is_object()) return "";
  const json::value* e = v.as_object().if_contains("error");
  if (e == nullptr || !e->is_object()) return "";
  const json::value* m = e->as_object().if_contains(key);
  return m != nullptr && m->is_string() ? std::string(m->as_string()) : "";
}

}  // namespace

std::string Answer::Message() const { return ErrorPart(json, "message"); }
std::string Answer::Field() const { return ErrorPart(json, "field"); }

Answer ApiGet(api::Call& c, const std::string& path_and_query, const std::string& accept) {
  api::HttpRequest r = Inner(c, "GET", path_and_query);
  r.headers["accept"] = accept;
  return Call(c, r);
}

Answer ApiSend(api::Call& c, const std::string& method, const std::string& path,
               const json::value& body, bool as_caller) {
  api::HttpRequest r = Inner(c, method, path, as_caller);
  r.headers["content-type"] = "application/json";
  r.headers["accept"] = "application/json";
  r.body = json::serialize(body);
  return Call(c, r);
}

}  // namespace sharetrail::ui
