#include "ui/form.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

namespace sharetrail::ui {
namespace json = boost::json;
using policy::Field;
using policy::Kind;
namespace {

std::string Get(const FormValues& v, const std::string& key) {
  auto it = v.find(key);
  return it == v.end() ? "" : it->second;
}

std::string Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

// Lines or commas separate the members of a list.
std::vector<std::string> Members(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text + "\n") {
    if (ch == '\n' || ch == ',') {
      std::string t = Trim(cur);
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  return out;
}

std::string Hint(const Field& f) {
  switch (f.kind) {
    case Kind::kId:
      return "Lower case letters, digits, dots and dashes, for example ofsted";
    case Kind::kDate:
      return "As YYYY-MM-DD, for example 2026-11-26";
    case Kind::kTime:
      return "As YYYY-MM-DDTHH:MM:SS.ffffffZ";
    case Kind::kIds:
    case Kind::kNames:
      return "One per line";
    case Kind::kDigest:
      return "The SHA-256 of the document, 64 hex digits";
    case Kind::kObject:
      return "A JSON object";
    case Kind::kCount:
      return "A whole number";
    default:
      return "";
  }
}

}  // namespace

std::string InputId(std::string_view field) { return "f-" + std::string(field); }

std::string InputIdOfApiField(const std::string& api_field) {
  std::string f = api_field.starts_with("body.") ? api_field.substr(5) : api_field;
  size_t cut = f.find_first_of(".[");
  return InputId(f.substr(0, cut));
}

std::string LabelOf(std::string_view field) {
  std::string s(field);
  for (char& c : s) c = c == '_' ? ' ' : c;
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string FieldsHtml(const policy::Schema& schema, const FormValues& values,
                       const std::vector<FieldError>& errors) {
  std::string h;
  for (const Field& f : schema.fields) {
    Input in(InputId(f.name), "f." + std::string(f.name),
             LabelOf(f.name) + (f.required ? "" : " (optional)"));
    in.value = Get(values, in.name);
    in.hint = Hint(f);
    in.spellcheck = f.kind == Kind::kText;
    for (const auto& e : errors) {
      if (e.id == in.id && in.error.empty()) in.error = e.message;
    }
    std::vector<Option> options;
    for (auto v : f.values) options.push_back({std::string(v), LabelOf(v)});
    switch (f.kind) {
      case Kind::kText:
      case Kind::kIds:
      case Kind::kNames:
      case Kind::kObject:
        h += Textarea(in, f.kind == Kind::kObject ? 6 : 3);
        break;
      case Kind::kEnum:
        options.insert(options.begin(), {"", f.required ? "Select one" : "None"});
        h += Select(in, options);
        break;
      case Kind::kBool:
        in.label = LabelOf(f.name);
        h += Checkboxes(in, {{"true", "Yes"}}, {in.value});
        break;
      case Kind::kEnums: {
        std::vector<std::string> checked;
        for (auto v : f.values) {
          if (!Get(values, in.name + "." + std::string(v)).empty()) checked.emplace_back(v);
        }
        h += Checkboxes(in, options, checked, true);
        break;
      }
      default:
        if (f.kind == Kind::kDate || f.kind == Kind::kCount) in.classes = "govuk-input--width-10";
        h += TextInput(in);
    }
  }
  return h;
}

json::object BodyOf(const policy::Schema& schema, const FormValues& values,
                    std::vector<FieldError>* errors) {
  json::object body;
  for (const Field& f : schema.fields) {
    std::string name = "f." + std::string(f.name), id = InputId(f.name);
    std::string raw = f.kind == Kind::kText || f.kind == Kind::kObject ? Get(values, name)
                                                                       : Trim(Get(values, name));
    bool given = !Trim(raw).empty();
    if (f.kind == Kind::kEnums) {
      json::array chosen;
      for (auto v : f.values) {
        if (!Get(values, name + "." + std::string(v)).empty()) chosen.emplace_back(v);
      }
      given = !chosen.empty();
      if (given) body[f.name] = std::move(chosen);
    } else if (!given) {
      // A checkbox left clear is "no" when the kind requires an answer.
      if (f.kind == Kind::kBool && f.required) body[f.name] = false;
    } else if (f.kind == Kind::kBool) {
      body[f.name] = raw == "true";
    } else if (f.kind == Kind::kCount) {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
      if (ec != std::errc() || end != raw.data() + raw.size() || n < 0) {
        errors->push_back({id, LabelOf(f.name) + " must be a whole number, like 3"});
      } else {
        body[f.name] = n;
      }
    } else if (f.kind == Kind::kIds || f.kind == Kind::kNames) {
      json::array list;
      for (const auto& m : Members(raw)) list.emplace_back(m);
      body[f.name] = std::move(list);
    } else if (f.kind == Kind::kObject) {
      std::error_code ec;
      json::value v = json::parse(raw, ec);
      if (ec || !v.is_object()) {
        errors->push_back({id, LabelOf(f.name) + " must be a JSON object, like {\"key\": 1}"});
      } else {
        body[f.name] = std::move(v);
      }
    } else {
      body[f.name] = raw;
    }
    if (!given && f.required && f.kind != Kind::kBool) {
      errors->push_back({id, "Enter " + LabelOf(f.name) + " (it is required)"});
    }
  }
  return body;
}

}  // namespace sharetrail::ui
