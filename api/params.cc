#include "api/params.h"

#include <charconv>

namespace sharetrail::api {

Result<std::string> UrlDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] != '%') {
      out += s[i];
    } else {
      unsigned v = 0;
      if (i + 2 >= s.size() ||
          std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16).ptr != s.data() + i + 3) {
        return InvalidArgument("query: bad percent-escape at offset " + std::to_string(i));
      }
      out += static_cast<char>(v);
      i += 2;
    }
  }
  return out;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<std::map<std::string, std::string>> ParseForm(std::string_view text) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t amp = text.find('&', start);
    if (amp == std::string_view::npos) amp = text.size();
    std::string_view pair = text.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    ST_ASSIGN_OR_RETURN(std::string name, UrlDecode(pair.substr(0, eq)));
    ST_ASSIGN_OR_RETURN(
        std::string value,
        UrlDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1)));
    if (!out.emplace(name, std::move(value)).second) {
      return InvalidArgument(name + ": given more than once");
    }
  }
  return out;
}

Result<Params> Params::Parse(std::string_view query, const std::vector<std::string>& allowed) {
  Params p;
  ST_ASSIGN_OR_RETURN(p.values_, ParseForm(query));
  for (const auto& [name, value] : p.values_) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == name;
    if (!known) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return InvalidArgument(name + ": unknown parameter (this endpoint takes: " +
                             (list.empty() ? "none" : list) + ")");
    }
  }
  return p;
}

std::string Params::Str(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string() : it->second;
}

Result<std::string> Params::Required(const std::string& name) const {
  if (Str(name).empty()) return InvalidArgument(name + ": required");
  return Str(name);
}

Result<std::optional<Date>> Params::OptDate(const std::string& name) const {
  if (!Has(name)) return std::optional<Date>();
  auto d = ParseDate(Str(name));
  if (!d.ok()) return d.status().WithContext(name + ": ");
  return std::optional<Date>(*d);
}

Result<Date> Params::DateOr(const std::string& name, Date fallback) const {
  ST_ASSIGN_OR_RETURN(std::optional<Date> d, OptDate(name));
  return d ? *d : fallback;
}

Result<std::optional<uint64_t>> Params::OptUint(const std::string& name, uint64_t max) const {
  if (!Has(name)) return std::optional<uint64_t>();
  std::string s = Str(name);
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v > max) {
    return InvalidArgument(name + ": expected an integer from 0 to " + std::to_string(max) +
                           ", got \"" + s + "\"");
  }
  return std::optional<uint64_t>(v);
}

Result<bool> Params::Bool(const std::string& name) const {
  std::string s = Str(name);
  if (!Has(name) || s == "false" || s == "0") return false;
  if (s == "true" || s == "1" || s.empty()) return true;
  return InvalidArgument(name + ": expected true or false, got \"" + s + "\"");
}

Result<policy::Page> Params::Page() const {
  policy::Page page;
  ST_ASSIGN_OR_RETURN(page.after, OptUint("after", UINT64_MAX));
  ST_ASSIGN_OR_RETURN(auto limit, OptUint("limit", 1000));
  page.limit = limit ? *limit : 100;
  if (page.limit == 0) return InvalidArgument("limit: must be at least 1");
  return page;
}

}  // namespace sharetrail::api
