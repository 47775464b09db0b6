#include "policies/agreement.h"

#include <algorithm>

#include "policies/schema.h"

namespace sharetrail::policy {

// The rule kinds the checks read (policies/rules/); docs/policy-format.md
// describes each.
const std::vector<std::string_view> kRuleKinds = {"daily_summary",
                                                  "embargo",
                                                  "fields_limited",
                                                  "foi_inform",
                                                  "incident_consultation",
                                                  "jtai_removal",
                                                  "matters",
                                                  "no_destroy_hold",
                                                  "onward_disclosure",
                                                  "protective_marking",
                                                  "provider_first",
                                                  "purpose_limitation",
                                                  "register_disclosure",
                                                  "retention",
                                                  "standing_request",
                                                  "weekly_update"};
namespace json = boost::json;
namespace {

// Keys a document may carry for people rather than the engine.
bool IsCommentary(std::string_view key) {
  return key.ends_with("_cite") || key.ends_with("_note") || key.ends_with("_labels") ||
         key == "readings" || key == "note";
}

Status Strict(const json::object& o, const std::vector<std::string_view>& known,
              const std::string& path) {
  for (const auto& kv : o) {
    if (IsCommentary(kv.key())) continue;
    if (std::find(known.begin(), known.end(), kv.key()) == known.end()) {
      return InvalidArgument(path + "." + std::string(kv.key()) + ": unknown key");
    }
  }
  return Status::Ok();
}

Result<const json::value*> Need(const json::object& o, std::string_view key,
                                const std::string& path) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return InvalidArgument(path + "." + std::string(key) + ": required");
  return v;
}

Result<std::string> Str(const json::object& o, std::string_view key, const std::string& path,
                        Kind kind = Kind::kName) {
  ST_ASSIGN_OR_RETURN(const json::value* v, Need(o, key, path));
  ST_RETURN_IF_ERROR(ValidateValue({key, kind, true}, *v, path + "." + std::string(key)));
  return std::string(v->as_string());
}

// An array of ids (possibly empty); kind: prefixes allowed where noted.
Result<std::vector<std::string>> Ids(const json::object& o, std::string_view key,
                                     const std::string& path, bool required = true) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (v == nullptr) {
    if (required) return InvalidArgument(path + "." + std::string(key) + ": required");
    return out;
  }
  std::string at = path + "." + std::string(key);
  if (!v->is_array()) return InvalidArgument(at + ": expected an array");
  for (size_t i = 0; i < v->as_array().size(); ++i) {
    const json::value& e = v->as_array()[i];
    std::string_view s = e.is_string() ? std::string_view(e.as_string()) : std::string_view();
    std::string_view bare = s.starts_with("kind:") ? s.substr(5) : s;
    if (!IsId(bare)) {
      return InvalidArgument(at + "[" + std::to_string(i) + "]: expected an id");
    }
    out.emplace_back(s);
  }
  return out;
}

Result<Cite> ParseCite(const json::object& o, const std::string& path) {
  ST_ASSIGN_OR_RETURN(const json::value* v, Need(o, "cite", path));
  if (!v->is_object()) return InvalidArgument(path + ".cite: expected an object");
  Cite c = Cite::FromJson(v->as_object());
  if (c.seed.empty() || c.para.empty()) {
    return InvalidArgument(path + ".cite: needs \"seed\" and \"para\"");
  }
  return c;
}

Result<std::optional<int>> Months(const json::object& o, std::string_view key,
                                  const std::string& path) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<int>();
  if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 120) {
    return InvalidArgument(path + "." + std::string(key) + ": expected months 1..120 or null");
  }
  return std::optional<int>(static_cast<int>(v->as_int64()));
}

Result<Context> ParseContext(const json::value& v, const std::string& path) {
  if (!v.is_object()) return InvalidArgument(path + ": expected an object");
  const json::object& o = v.as_object();
  ST_RETURN_IF_ERROR(Strict(o,
                            {"id", "from", "to", "categories", "purposes", "methods",
                             "unlisted_recipient", "cite", "retention", "retention_extension",
                             "unmapped_recipients", "condition", "from_condition", "report_scope"},
                            path));
  Context c;
  ST_ASSIGN_OR_RETURN(c.id, Str(o, "id", path, Kind::kId));
  ST_ASSIGN_OR_RETURN(c.from, Ids(o, "from", path));
  ST_ASSIGN_OR_RETURN(c.to, Ids(o, "to", path));
  ST_ASSIGN_OR_RETURN(c.categories, Ids(o, "categories", path));
  ST_ASSIGN_OR_RETURN(c.purposes, Ids(o, "purposes", path));
  ST_ASSIGN_OR_RETURN(c.methods, Ids(o, "methods", path, false));
  ST_ASSIGN_OR_RETURN(std::string unlisted, Str(o, "unlisted_recipient", path, Kind::kId));
  if (unlisted != "refuse" && unlisted != "warn") {
    return InvalidArgument(path + ".unlisted_recipient: expected \"refuse\" or \"warn\"");
  }
  c.unlisted_refuse = unlisted == "refuse";
  ST_ASSIGN_OR_RETURN(c.cite, ParseCite(o, path));
  c.purposes_cite = c.methods_cite = c.cite;
  for (auto [key, out] :
       {std::pair{"purposes_cite", &c.purposes_cite}, std::pair{"methods_cite", &c.methods_cite}}) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr) continue;
    if (!v->is_object()) return InvalidArgument(path + "." + key + ": expected an object");
    *out = Cite::FromJson(v->as_object());
  }
  return c;
}

}  // namespace

std::vector<std::string> RuleSpec::Strings(std::string_view key) const {
  std::vector<std::string> out;
  const json::value* v = params.if_contains(key);
  if (v != nullptr && v->is_array()) {
    for (const auto& e : v->as_array()) {
      if (e.is_string()) out.emplace_back(e.as_string());
    }
  }
  return out;
}

std::string RuleSpec::String(std::string_view key) const {
  const json::value* v = params.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

Cite RuleSpec::CiteFor(std::string_view param) const {
  const json::value* v = params.if_contains(std::string(param) + "_cite");
  return v != nullptr && v->is_object() ? Cite::FromJson(v->as_object()) : cite;
}

ReviewPosition ReviewPositionOn(const Agreement& a, std::optional<Date> last_held, bool terminated,
                                Date today) {
  ReviewPosition p;
  if (terminated) {
    p.state = "terminated";
    return p;
  }
  if (!last_held) {
    if (a.review.first_months) p.due = AddMonths(a.agreed, *a.review.first_months);
  } else if (a.review.then_months && !a.review.on_request) {
    p.due = AddMonths(*last_held, *a.review.then_months);
  }
  p.state = !p.due ? "on request" : *p.due < today ? "overdue" : "due " + p.due->ToString();
  return p;
}

bool Agreement::HasParty(std::string_view party) const {
  return std::find(parties.begin(), parties.end(), party) != parties.end();
}

std::vector<const RuleSpec*> Agreement::Rules(std::string_view kind) const {
  std::vector<const RuleSpec*> out;
  for (const RuleSpec& r : rules) {
    if (r.kind == kind) out.push_back(&r);
  }
  return out;
}

std::vector<const RuleSpec*> Agreement::RulesFor(std::string_view kind,
                                                 std::string_view category) const {
  std::vector<const RuleSpec*> out;
  for (const RuleSpec* r : Rules(kind)) {
    auto cats = r->Strings("categories");
    if (!r->params.contains("categories") ||
        std::find(cats.begin(), cats.end(), category) != cats.end()) {
      out.push_back(r);
    }
  }
  return out;
}

Result<Agreement> ParseAgreement(const json::object& doc) {
  const std::string path = "agreement";
  ST_RETURN_IF_ERROR(Strict(
      doc,
      {"id", "title", "source", "agreed", "parties", "named_teams", "review", "contexts", "rules"},
      path));
  Agreement a;
  ST_ASSIGN_OR_RETURN(a.id, Str(doc, "id", path, Kind::kId));
  ST_ASSIGN_OR_RETURN(a.title, Str(doc, "title", path));
  ST_ASSIGN_OR_RETURN(const json::value* source, Need(doc, "source", path));
  if (!source->is_object()) return InvalidArgument(path + ".source: expected an object");
  ST_ASSIGN_OR_RETURN(a.seed, Str(source->as_object(), "seed", path + ".source"));
  ST_ASSIGN_OR_RETURN(std::string agreed, Str(doc, "agreed", path, Kind::kDate));
  ST_ASSIGN_OR_RETURN(a.agreed, ParseDate(agreed));
  ST_ASSIGN_OR_RETURN(a.parties, Ids(doc, "parties", path));
  if (a.parties.size() < 1) return InvalidArgument(path + ".parties: at least one party");

  ST_ASSIGN_OR_RETURN(const json::value* teams, Need(doc, "named_teams", path));
  if (!teams->is_object()) return InvalidArgument(path + ".named_teams: expected an object");
  for (const auto& kv : teams->as_object()) {
    std::string at = path + ".named_teams";
    if (!a.HasParty(kv.key())) {
      return InvalidArgument(at + "." + std::string(kv.key()) + ": not a party to the agreement");
    }
    ST_ASSIGN_OR_RETURN(a.named_teams[std::string(kv.key())],
                        Ids(teams->as_object(), kv.key(), at));
  }

  ST_ASSIGN_OR_RETURN(const json::value* review, Need(doc, "review", path));
  if (!review->is_object()) return InvalidArgument(path + ".review: expected an object");
  const json::object& r = review->as_object();
  ST_RETURN_IF_ERROR(Strict(r, {"first_months", "then_months", "then_from", "cite", "last_revised"},
                            path + ".review"));
  ST_ASSIGN_OR_RETURN(a.review.first_months, Months(r, "first_months", path + ".review"));
  ST_ASSIGN_OR_RETURN(a.review.then_months, Months(r, "then_months", path + ".review"));
  ST_ASSIGN_OR_RETURN(std::string then_from, Str(r, "then_from", path + ".review", Kind::kId));
  if (then_from != "last_review" && then_from != "on_request") {
    return InvalidArgument(path + ".review.then_from: expected \"last_review\" or \"on_request\"");
  }
  a.review.on_request = then_from == "on_request";
  ST_ASSIGN_OR_RETURN(a.review.cite, ParseCite(r, path + ".review"));

  ST_ASSIGN_OR_RETURN(const json::value* contexts, Need(doc, "contexts", path));
  if (!contexts->is_array()) return InvalidArgument(path + ".contexts: expected an array");
  for (size_t i = 0; i < contexts->as_array().size(); ++i) {
    std::string at = path + ".contexts[" + std::to_string(i) + "]";
    ST_ASSIGN_OR_RETURN(Context c, ParseContext(contexts->as_array()[i], at));
    a.contexts.push_back(std::move(c));
  }
  ST_ASSIGN_OR_RETURN(const json::value* rules, Need(doc, "rules", path));
  if (!rules->is_array()) return InvalidArgument(path + ".rules: expected an array");
  for (size_t i = 0; i < rules->as_array().size(); ++i) {
    std::string at = path + ".rules[" + std::to_string(i) + "]";
    const json::value& v = rules->as_array()[i];
    if (!v.is_object()) return InvalidArgument(at + ": expected an object");
    RuleSpec spec;
    ST_ASSIGN_OR_RETURN(spec.kind, Str(v.as_object(), "rule", at, Kind::kId));
    // A misspelt kind would load and then bind nothing: refuse it by name.
    if (std::find(kRuleKinds.begin(), kRuleKinds.end(), spec.kind) == kRuleKinds.end()) {
      std::string known;
      for (std::string_view k : kRuleKinds) known += (known.empty() ? "" : ", ") + std::string(k);
      return InvalidArgument(at + ".rule: unknown rule kind \"" + spec.kind +
                             "\" (known: " + known + ")");
    }
    ST_ASSIGN_OR_RETURN(spec.cite, ParseCite(v.as_object(), at));
    spec.params = v.as_object();
    a.rules.push_back(std::move(spec));
  }
  return a;
}

}  // namespace sharetrail::policy
