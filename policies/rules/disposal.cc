#include "policies/rules/disposal.h"

#include <set>

#include "ledger/canonical_json.h"
#include "policies/foi.h"
#include "policies/index.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

// Every hold record, active or lifted, each with its id as "hold".
Result<std::vector<json::object>> AllHolds(const World& w) {
  std::vector<json::object> out;
  Status bad;
  ST_RETURN_IF_ERROR(w.state().Scan("hold/", "", [&](std::string_view key, std::string_view v) {
    auto parsed = ParseStrict(v);
    if (!parsed.ok() || !parsed->is_object()) {
      bad = Corruption("state record " + std::string(key) + " is not an object");
      return false;
    }
    json::object h = std::move(parsed->as_object());
    h["hold"] = std::string(key.substr(5));
    out.push_back(std::move(h));
    return true;
  }));
  ST_RETURN_IF_ERROR(bad);
  return out;
}

Result<bool> Covers(const World& w, const json::object& hold, const json::object& item) {
  const std::string scope = Str(hold, "scope"), target = Str(hold, "target");
  if (scope == "safeguarding") return Flag(item, "safeguarding");
  if (scope == "item") return target == Str(item, "item");
  if (scope == "category") return target == Str(item, "category");
  if (scope == "party") return w.Exists(keys::Held(Str(item, "item"), target));
  return false;
}

// The agreements the item travels under: its own, and those it was shared
// under.
Result<std::vector<std::string>> AgreementsOf(const World& w, const json::object& item) {
  std::vector<std::string> out;
  if (!Str(item, "agreement").empty()) out.push_back(Str(item, "agreement"));
  Status bad;
  ST_RETURN_IF_ERROR(w.state().Scan("held/" + Str(item, "item") + "/", "",
                                    [&](std::string_view, std::string_view v) {
                                      auto parsed = ParseStrict(v);
                                      if (parsed.ok() && parsed->is_object()) {
                                        std::string a = Str(parsed->as_object(), "agreement");
                                        if (!a.empty() && !Contains(out, a)) out.push_back(a);
                                      }
                                      return true;
                                    }));
  return out;
}

// The seed rule behind an IICSA hold: the no_destroy_hold rule of an
// agreement the item travels under, else of any agreement (000 §13).
Result<Cite> IicsaCite(const World& w, const std::vector<std::string>& under) {
  ST_ASSIGN_OR_RETURN(auto all, w.Agreements());
  std::optional<Cite> any;
  for (const auto& a : all) {
    for (const RuleSpec* r : a->Rules("no_destroy_hold")) {
      if (Contains(under, a->id)) return r->cite;
      if (!any) any = r->cite;
    }
  }
  return any ? *any
             : DesignCite(
                   "§3 rules table",
                   "Nothing flagged safeguarding may be deleted or destroyed while the IICSA "
                   "hold stands");
}

}  // namespace

Result<std::vector<json::object>> HoldsCovering(const World& w, const json::object& item) {
  ST_ASSIGN_OR_RETURN(std::vector<json::object> all, AllHolds(w));
  std::vector<json::object> out;
  for (json::object& h : all) {
    if (h.contains("lifted")) continue;
    ST_ASSIGN_OR_RETURN(bool covers, Covers(w, h, item));
    if (covers) out.push_back(std::move(h));
  }
  return out;
}

namespace {

// Every class of every registered agreement's retention rules, in order,
// with the rule it comes from.
struct RetentionClass {
  const RuleSpec* rule;
  const json::object* spec;
};
Result<std::vector<RetentionClass>> RetentionClasses(const World& w) {
  std::vector<RetentionClass> out;
  ST_ASSIGN_OR_RETURN(auto all, w.Agreements());
  for (const auto& a : all) {
    for (const RuleSpec* rule : a->Rules("retention")) {
      const json::value* classes = rule->params.if_contains("classes");
      if (classes == nullptr || !classes->is_array()) continue;
      for (const auto& c : classes->as_array()) {
        if (c.is_object()) out.push_back({rule, &c.as_object()});
      }
    }
  }
  return out;
}

}  // namespace

Result<Retention> RetentionOf(const World& w, const json::object& item) {
  Retention r;
  r.klass = Str(item, "retention_class");
  if (r.klass.empty()) {
    r.why = "it has no retention class, so its minimum cannot be computed";
    r.cite = DesignCite("§3 rules table", "no disposal before the retention class's minimum");
    return r;
  }
  ST_ASSIGN_OR_RETURN(auto classes, RetentionClasses(w));
  for (const RetentionClass& c : classes) {
    const json::object& co = *c.spec;
    if (Str(co, "class") != r.klass) continue;
    r.defined = true;
    r.cite = co.contains("cite") && co.at("cite").is_object()
                 ? Cite::FromJson(co.at("cite").as_object())
                 : c.rule->cite;
    const std::string from = Str(co, "runs_from");
    std::string start;
    if (from == "evidence_date") {
      start = Str(item, "evidence_date");
      if (start.empty())
        r.why = "no evidence date is recorded on it, so its minimum has not started";
    } else {
      ST_ASSIGN_OR_RETURN(auto trig, w.Record(keys::Trigger(Str(item, "item"), from)));
      if (trig) start = Str(*trig, "date");
      if (start.empty()) r.why = "its retention runs from " + from + ", which is not yet recorded";
    }
    if (start.empty()) return r;
    const json::value* years = co.if_contains("min_years");
    int months = years && years->is_int64() ? static_cast<int>(years->as_int64()) * 12 : 0;
    ST_ASSIGN_OR_RETURN(Date d, ParseDate(start));
    r.until = AddMonths(d, months);
    return r;
  }
  r.why = "its retention class \"" + r.klass + "\" is not in any registered agreement";
  r.cite = DesignCite("§3 rules table", "no disposal before the retention class's minimum");
  return r;
}

Result<std::vector<std::string>> RetentionTriggers(const World& w) {
  std::set<std::string> names;
  ST_ASSIGN_OR_RETURN(auto classes, RetentionClasses(w));
  for (const RetentionClass& c : classes) {
    std::string from = Str(*c.spec, "runs_from");
    if (!from.empty() && from != "evidence_date") names.insert(from);
  }
  return std::vector<std::string>(names.begin(), names.end());
}

Result<bool> RetentionClassKnown(const World& w, std::string_view klass) {
  json::object probe{{"item", "probe"}, {"retention_class", std::string(klass)}};
  ST_ASSIGN_OR_RETURN(Retention r, RetentionOf(w, probe));
  return r.defined;
}

Status CheckOpenRequests(const World& w, const json::object& item, Date today, Decision* d) {
  const std::string id = Str(item, "item");
  std::vector<std::pair<std::string, bool>> touching;  // request, via category
  ST_ASSIGN_OR_RETURN(auto by_item, IndexValues(w.state(), "foi.item", id));
  ST_ASSIGN_OR_RETURN(auto by_category,
                      IndexValues(w.state(), "foi.category", Str(item, "category")));
  for (std::string& r : by_item) touching.emplace_back(std::move(r), false);
  for (std::string& r : by_category) touching.emplace_back(std::move(r), true);
  if (touching.empty()) return Status::Ok();
  ST_ASSIGN_OR_RETURN(auto cal, w.Holidays());
  for (const auto& [request, via_category] : touching) {
    ST_ASSIGN_OR_RETURN(json::object rec, w.Need(keys::Foi(request), "foi", "request", request));
    // A request for a category touches the items of it the receiving party
    // holds; those items are then held at every party.
    if (via_category) {
      ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, id, Str(rec, "party")));
      if (!holds) continue;
    }
    ST_ASSIGN_OR_RETURN(std::optional<Date> until, OpenUntil(*cal, rec));
    if (until && today > *until) continue;
    d->Refuse("hold.open-request", OpenRequestCite(Str(rec, "regime")),
              id + " is touched by " + Str(rec, "regime") + " request " + request +
                  " received by " + Str(rec, "party") + " on " + Str(rec, "received") + " (" +
                  Str(rec, "state") +
                  (until ? ", open to challenge until " + until->ToString() : std::string()) +
                  "): requested information may not be destroyed while the request is open");
  }
  return Status::Ok();
}

Status CheckDisposalBlockers(const World& w, const json::object& item, std::string_view party,
                             Date today, Decision* d) {
  const std::string id = Str(item, "item");
  ST_RETURN_IF_ERROR(CheckOpenRequests(w, item, today, d));
  ST_ASSIGN_OR_RETURN(std::vector<std::string> under, AgreementsOf(w, item));
  ST_ASSIGN_OR_RETURN(std::vector<json::object> holds, HoldsCovering(w, item));
  for (const json::object& h : holds) {
    const bool iicsa = Str(h, "authority") == "iicsa";
    Cite cite;
    if (iicsa) {
      ST_ASSIGN_OR_RETURN(cite, IicsaCite(w, under));
    } else {
      cite = DesignCite("§3 rules table",
                        "A hold (legal, inquiry, litigation) always beats "
                        "retention expiry");
    }
    d->Refuse(iicsa ? "hold.iicsa" : "hold.no-destroy", cite,
              id + " is held by " + Str(h, "hold") + " (" + Str(h, "authority") + ", placed " +
                  Str(h, "placed") + " by " + Str(h, "by") + "): nothing it covers may be " +
                  "deleted or destroyed while it stands");
  }
  // 000 §13: "At the end of the inquiry, this MoU will be reviewed to
  // consider the retention of the data" — before anything is deleted.
  ST_ASSIGN_OR_RETURN(std::vector<json::object> all, AllHolds(w));
  for (const json::object& h : all) {
    if (!h.contains("lifted") || Str(h, "authority") != "iicsa") continue;
    ST_ASSIGN_OR_RETURN(bool covered, Covers(w, h, item));
    if (!covered) continue;
    for (const std::string& aid : under) {
      ST_ASSIGN_OR_RETURN(auto a, w.FindAgreement(aid));
      if (!a) continue;
      for (const RuleSpec* r : a->Rules("no_destroy_hold")) {
        if (r->String("on_lift") != "retention_review_due") continue;
        ST_ASSIGN_OR_RETURN(auto review, w.Record(keys::Review(aid)));
        std::string lifted = Str(h.at("lifted").as_object(), "date");
        if (review && Str(*review, "date") >= lifted) continue;
        d->Refuse("hold.retention-review", r->CiteFor("on_lift"),
                  "the IICSA hold " + Str(h, "hold") + " was lifted on " + lifted + "; " + aid +
                      " must be reviewed for retention before anything under it is deleted");
      }
    }
  }
  ST_ASSIGN_OR_RETURN(Retention r, RetentionOf(w, item));
  if (!r.until) {
    d->Refuse("retention.unknown", r.cite, id + " may not be disposed of yet: " + r.why);
  } else if (today < *r.until) {
    d->Refuse("retention.minimum", r.cite,
              id + " is kept until " + r.until->ToString() + " under retention class " + r.klass);
  }
  (void)party;
  return Status::Ok();
}

}  // namespace sharetrail::policy
