#include "policies/rules/share_rules.h"

#include <algorithm>

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

int ClassificationRank(std::string_view c) {
  if (c == "official") return 1;
  if (c == "official-sensitive") return 2;
  if (c == "secret") return 3;
  if (c == "top-secret") return 4;
  return 0;
}

// 001 "Process for sharing, accessing and storing information" ¶2: versions
// shared under embargo carry the marking text; after publication the
// marking is removed. ¶1: where the agreement names teams, a named recipient
// team must be one of them, and a recipient passes the report on only from
// one of its own.
void CheckEmbargo(const Proposal& p, const ShareFacts& f, const json::object& item,
                  const RuleSpec& r, Decision* d) {
  const std::string marking = r.String("marking");
  const std::string id = Str(item, "item");
  if (UnderEmbargo(item)) {
    if (!marking.empty() && p.Body("marking") != marking) {
      d->Refuse("embargo.marking", r.CiteFor("marking"),
                id + " is under pre-publication embargo and must be shared marked '" + marking +
                    "'" +
                    (p.Body("marking").empty() ? " (no marking given)"
                                               : " (given '" + p.Body("marking") + "')"));
    }
    // ¶1 limits "dissemination of and access to" the report: a recipient's
    // staff outside its named teams may not pass it on any more than read it
    // (items.cc CheckAccess). The originator's own staff are not limited.
    auto own = f.agreement->named_teams.find(p.party);
    if (Str(item, "owner") != p.party && own != f.agreement->named_teams.end() &&
        !Contains(own->second, p.team)) {
      d->Refuse("embargo.named-teams", r.CiteFor("access_limited_to"),
                "while " + id + " is under pre-publication embargo only the named teams of " +
                    p.party + " may disseminate it; " + p.user + " is in team \"" + p.team + "\"");
    }
    auto teams = f.agreement->named_teams.find(f.to);
    if (teams != f.agreement->named_teams.end()) {
      std::string list;
      for (const auto& t : teams->second) list += (list.empty() ? "" : ", ") + t;
      if (!p.Body("to_team").empty() && !Contains(teams->second, p.Body("to_team"))) {
        d->Refuse("embargo.named-teams", r.CiteFor("access_limited_to"),
                  "while under embargo " + id + " may go only to the named teams of " + f.to +
                      " (" + list + "), not " + p.Body("to_team"));
      } else {
        d->Oblige("embargo.named-teams", "limit access to " + f.to + "'s named teams: " + list);
      }
    }
  } else if (!marking.empty() && p.Body("marking") == marking) {
    d->Warn("embargo.marking-removed", r.CiteFor("marking_removed_at"),
            item.contains("published")
                ? id + " has been published; pre-publication markings are removed at publication"
                : id + " is not a pre-publication version; it should not carry that marking");
  }
}

// 001 "Sharing inspection reports" ¶5: the party that identifies concerns
// notifies the provider before informing the other parties.
void CheckProviderFirst(const Proposal& p, const World& w, const ShareFacts& f,
                        const json::object& item, const RuleSpec& r, Decision* d, Status* s) {
  std::string provider = Str(item, "provider");
  if (provider.empty() || provider == f.to || Str(item, "owner") != p.party) return;
  auto notified = w.Exists(keys::Notified(Str(item, "item"), p.party));
  if (!notified.ok()) {
    *s = notified.status();
    return;
  }
  if (!*notified) {
    d->Refuse("provider.first", r.cite,
              p.party + " must notify the provider " + provider + " of the concerns in " +
                  Str(item, "item") + " before informing " + f.to +
                  " (record provider.notified first)");
  }
}

// 001 "Sharing inspection reports" ¶6 with the DESIGN.md §3 reading:
// marking is required whenever the correspondence carries personal or
// sensitive information.
void CheckProtectiveMarking(const Proposal& p, const json::object& item, const RuleSpec& r,
                            Decision* d) {
  bool sensitive =
      Flag(item, "personal_data") || ClassificationRank(Str(item, "classification")) >= 2;
  if (!sensitive) return;
  std::string id = Str(item, "item");
  auto needs = r.Strings("requires");
  if (Contains(needs, "classification")) {
    if (p.Body("classification").empty()) {
      d->Refuse("marking.classification", r.cite,
                id + " carries personal or sensitive information: the share must state its "
                     "Government Security Classification");
    } else if (ClassificationRank(p.Body("classification")) <
               ClassificationRank(Str(item, "classification"))) {
      d->Refuse("marking.classification", r.cite,
                "the share is marked " + p.Body("classification") + " but " + id + " is " +
                    Str(item, "classification"));
    }
  }
  if (Contains(needs, "handling_instructions") && p.Body("handling").empty()) {
    d->Refuse("marking.handling", r.cite,
              id + " carries personal or sensitive information: the share must include "
                   "handling instructions for the recipient");
  }
}

// 000 §12 and Annex A; 004 "Legal position" ¶3: only the listed fields,
// never the forbidden ones. The share's own field list wins over the item's.
void CheckFields(const Proposal& p, const json::object& item, const RuleSpec& r, Decision* d) {
  std::vector<std::string> fields = List(p.body, "fields");
  if (fields.empty()) fields = List(item, "fields");
  std::string id = Str(item, "item");
  if (fields.empty()) {
    d->Refuse("fields.undeclared", r.cite,
              id + " is limited to named fields; the share must list the fields it carries");
    return;
  }
  auto allowed = r.Strings("fields"), forbidden = r.Strings("forbidden_fields");
  for (const std::string& field : fields) {
    if (Contains(forbidden, field)) {
      d->Refuse("fields.forbidden", r.CiteFor("forbidden_fields"),
                "field \"" + field + "\" may never be shared (" + id + ")");
    } else if (!Contains(allowed, field)) {
      d->Refuse("fields.limited", r.cite,
                "field \"" + field + "\" is not one of the permitted fields for " +
                    Str(item, "category") + " (" + id + ")");
    }
  }
}

// 000 §12: the summary goes through the secure online platform, password
// protected. That is Ofsted's daily transfer to DfE (the rule's from/to);
// DfE's sharing with the SCR panel is "subject to its arrangements with the
// panel" (§11), not this channel.
void CheckDailySummary(const Proposal& p, const RuleSpec& r, Decision* d) {
  const std::string from = r.String("from"), to = r.String("to");
  if ((!from.empty() && p.party != from) || (!to.empty() && p.Body("to") != to)) return;
  if (!r.String("method").empty() && p.Body("method") != r.String("method")) {
    d->Refuse("daily-summary.method", r.cite,
              "the daily summary goes by " + r.String("method") + ", not " + p.Body("method"));
  }
  const json::value* need = r.params.if_contains("password_protected");
  if (need && need->is_bool() && need->as_bool() && !Flag(p.body, "password_protected")) {
    d->Refuse("daily-summary.password", r.cite,
              "the daily summary spreadsheet must be password protected");
  }
}

}  // namespace

Status CheckShareRules(const Proposal& p, const World& w, const ShareFacts& f, Decision* d) {
  const Agreement& a = *f.agreement;
  Status s;
  bool register_checked = false;
  for (const json::object& item : f.items) {
    std::string category = Str(item, "category");
    for (const RuleSpec* r : a.RulesFor("embargo", category)) CheckEmbargo(p, f, item, *r, d);
    for (const RuleSpec* r : a.RulesFor("provider_first", category)) {
      CheckProviderFirst(p, w, f, item, *r, d, &s);
      ST_RETURN_IF_ERROR(s);
    }
    for (const RuleSpec* r : a.Rules("protective_marking")) CheckProtectiveMarking(p, item, *r, d);
    for (const RuleSpec* r : a.RulesFor("fields_limited", category)) CheckFields(p, item, *r, d);
    for (const RuleSpec* r : a.Rules("daily_summary")) {
      if (r->String("category") == category) CheckDailySummary(p, *r, d);
    }
    // Seed 004 binds the register wherever it travels: a register extract
    // shared under any agreement must still answer a request, for
    // safeguarding, within the standing-request rules.
    ST_ASSIGN_OR_RETURN(bool is_register, IsRegisterCategory(w, category));
    if (!register_checked && is_register) {
      register_checked = true;
      ST_RETURN_IF_ERROR(CheckRegisterShare(p, w, d));
    }
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
