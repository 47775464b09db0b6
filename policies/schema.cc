#include "policies/schema.h"

#include <boost/json/serialize.hpp>
#include <set>

#include "ledger/entry.h"
#include "policies/date.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

std::string Quote(const json::value& v) {
  std::string s = json::serialize(v);
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

Status Expected(const std::string& path, std::string_view what, const json::value& got) {
  return InvalidArgument(path + ": expected " + std::string(what) + ", got " + Quote(got));
}

std::string Join(const std::vector<std::string_view>& v) {
  std::string out;
  for (auto s : v) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

Status CheckText(const json::value& v, const std::string& path, size_t max, bool one_line) {
  if (!v.is_string()) return Expected(path, "a string", v);
  std::string_view s = v.as_string();
  if (s.empty() || s.size() > max) {
    return InvalidArgument(path + ": must be 1 to " + std::to_string(max) + " characters, got " +
                           std::to_string(s.size()));
  }
  if (s.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument(path + ": must not be blank");
  }
  if (one_line && s.find_first_of("\r\n") != std::string_view::npos) {
    return InvalidArgument(path + ": must be a single line");
  }
  return Status::Ok();
}

}  // namespace

bool IsId(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  auto lower_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_digit(s[0])) return false;
  for (char c : s) {
    if (!lower_digit(c) && c != '.' && c != '_' && c != ':' && c != '-') return false;
  }
  return true;
}

Status ValidateValue(const Field& f, const json::value& v, const std::string& path) {
  switch (f.kind) {
    case Kind::kId:
      if (!v.is_string() || !IsId(v.as_string())) {
        return Expected(path, "an id ([a-z0-9][a-z0-9._:-]*, at most 128)", v);
      }
      return Status::Ok();
    case Kind::kName:
      return CheckText(v, path, 300, true);
    case Kind::kText:
      return CheckText(v, path, 4000, false);
    case Kind::kDate: {
      if (!v.is_string()) return Expected(path, "a date YYYY-MM-DD", v);
      auto d = ParseDate(v.as_string());
      return d.ok() ? Status::Ok() : InvalidArgument(path + ": " + d.status().message());
    }
    case Kind::kTime:
      if (!v.is_string() || !IsValidTime(v.as_string())) {
        return Expected(path, "a UTC time YYYY-MM-DDTHH:MM:SS.ffffffZ", v);
      }
      return Status::Ok();
    case Kind::kBool:
      return v.is_bool() ? Status::Ok() : Expected(path, "true or false", v);
    case Kind::kCount:
      if (!v.is_int64() || v.as_int64() < 0) return Expected(path, "an integer >= 0", v);
      return Status::Ok();
    case Kind::kDigest: {
      bool ok = v.is_string() && v.as_string().size() == 64;
      if (ok) {
        for (char c : v.as_string()) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
      }
      return ok ? Status::Ok() : Expected(path, "a SHA-256 digest (64 lowercase hex digits)", v);
    }
    case Kind::kEnum:
      for (auto allowed : f.values) {
        if (v.is_string() && v.as_string() == allowed) return Status::Ok();
      }
      return Expected(path, "one of " + Join(f.values), v);
    case Kind::kObject:
      return v.is_object() ? Status::Ok() : Expected(path, "an object", v);
    case Kind::kIds:
    case Kind::kNames:
    case Kind::kEnums: {
      if (!v.is_array()) return Expected(path, "an array", v);
      const json::array& a = v.as_array();
      if (a.empty() && f.kind != Kind::kNames) return InvalidArgument(path + ": must not be empty");
      if (a.size() > 1000) return InvalidArgument(path + ": more than 1000 elements");
      Field each{f.name,
                 f.kind == Kind::kIds     ? Kind::kId
                 : f.kind == Kind::kNames ? Kind::kName
                                          : Kind::kEnum,
                 true, f.values};
      std::set<std::string_view> seen;
      for (size_t i = 0; i < a.size(); ++i) {
        std::string at = path + "[" + std::to_string(i) + "]";
        ST_RETURN_IF_ERROR(ValidateValue(each, a[i], at));
        if (!seen.insert(a[i].as_string()).second) {
          return InvalidArgument(at + ": " + Quote(a[i]) + " is listed twice");
        }
      }
      return Status::Ok();
    }
  }
  return Internal("unhandled field kind");
}

Status Validate(const Schema& schema, const json::object& body, std::string_view where) {
  for (const auto& kv : body) {
    bool known = false;
    for (const Field& f : schema.fields) known = known || f.name == kv.key();
    if (!known) {
      std::vector<std::string_view> names;
      for (const Field& f : schema.fields) names.push_back(f.name);
      return InvalidArgument(std::string(where) + "." + std::string(kv.key()) +
                             ": unknown field for \"" + std::string(schema.type) +
                             "\" (known: " + Join(names) + ")");
    }
  }
  for (const Field& f : schema.fields) {
    std::string path = std::string(where) + "." + std::string(f.name);
    const json::value* v = body.if_contains(f.name);
    if (v == nullptr) {
      if (f.required)
        return InvalidArgument(path + ": required for \"" + std::string(schema.type) + "\"");
      continue;
    }
    ST_RETURN_IF_ERROR(ValidateValue(f, *v, path));
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
