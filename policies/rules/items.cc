// Checks on items: registration, access under embargo, publication, and the
// onward-disclosure rule of seed 001 with the originator's written consent.
#include "policies/rules/disposal.h"
#include "policies/rules/onward.h"
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

// The citation for what only the originator may do (publish, consent): the
// onward-disclosure rule of 001 "Process for sharing, accessing and storing
// information" ¶3 ("will not be published, disclosed or shared onwards by
// the inspectorate receiving that information ... the originating
// inspectorate has consented in writing"). It is the rule binding the first
// of `parties` that received the item, else the one of the agreement the
// item was registered under, so the same act cites the same paragraph
// whoever happens to hold a copy.
Result<Cite> OriginatorCite(const World& w, const json::object& item,
                            std::initializer_list<std::string_view> parties, Cite fallback) {
  for (std::string_view party : parties) {
    ST_ASSIGN_OR_RETURN(OnwardRule rule, FindOnwardRule(w, item, party));
    if (rule.spec) return rule.spec->cite;
  }
  ST_ASSIGN_OR_RETURN(auto a, w.FindAgreement(Str(item, "agreement")));
  if (a) {
    auto rules = a->RulesFor("onward_disclosure", Str(item, "category"));
    if (!rules.empty()) return rules.front()->cite;
  }
  return fallback;
}

}  // namespace

Status CheckItemRegistered(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(bool exists, w.Exists(keys::Item(p.Body("item"))));
  if (exists) return InvalidArgument("body.item: \"" + p.Body("item") + "\" is already registered");
  ST_RETURN_IF_ERROR(
      w.Need(keys::Party(p.Body("owner")), "body.owner", "party", p.Body("owner")).status());
  if (!p.Body("provider").empty()) {
    ST_RETURN_IF_ERROR(
        w.Need(keys::Party(p.Body("provider")), "body.provider", "party", p.Body("provider"))
            .status());
  }
  if (!p.Body("retention_class").empty()) {
    ST_ASSIGN_OR_RETURN(bool known, RetentionClassKnown(w, p.Body("retention_class")));
    if (!known) {
      return InvalidArgument("body.retention_class: \"" + p.Body("retention_class") +
                             "\" is not a class any registered agreement defines");
    }
  }
  if (!p.Body("agreement").empty()) {
    ST_ASSIGN_OR_RETURN(auto a, NeedAgreement(w, p.Body("agreement"), "body.agreement"));
    d->UseAgreement(a->id, a->version);
    if (Flag(p.body, "pre_publication")) {
      for (const RuleSpec* r : a->RulesFor("embargo", p.Body("category"))) {
        std::string marking = r->String("marking");
        if (!marking.empty()) d->Oblige("embargo.marking", "mark every copy '" + marking + "'");
      }
    }
  }
  if (p.Body("owner") != p.party) {
    d->Refuse("scope.party", DesignCite("§2 items", "items ... with owner"),
              p.user + " of " + p.party + " cannot register an item owned by " + p.Body("owner"));
  }
  return Status::Ok();
}

// 001 "Process for sharing, accessing and storing information" ¶1: while
// under embargo, access is limited to the named teams of each party. The
// originator's own handling before sharing is its internal process (the
// same paragraph: "each inspectorate may use their own internal
// mechanisms"), so the limit binds the parties it was shared with.
Status CheckAccess(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  // An auditor reads everything (read-only); the read is recorded like any
  // other, and under embargo the record says the limit was passed by audit.
  if (p.role == "auditor") {
    if (UnderEmbargo(item)) {
      d->Warn("embargo.audit-read", ScopeCite(),
              p.user + " (auditor) read " + p.Body("item") + " while it is under embargo");
    }
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(auto held, w.Record(keys::Held(p.Body("item"), p.party)));
  if (!held) {
    d->Refuse("scope.party", ScopeCite(), p.party + " does not hold " + p.Body("item"));
    return Status::Ok();
  }
  if (!UnderEmbargo(item) || Str(*held, "via") == "owner") return Status::Ok();
  ST_ASSIGN_OR_RETURN(auto a, w.FindAgreement(Str(*held, "agreement")));
  if (!a) return Status::Ok();
  for (const RuleSpec* r : a->RulesFor("embargo", Str(item, "category"))) {
    d->UseAgreement(a->id, a->version);
    auto it = a->named_teams.find(p.party);
    if (it == a->named_teams.end()) continue;  // the agreement names no teams for this party
    if (!Contains(it->second, p.team)) {
      d->Refuse("embargo.named-teams", r->CiteFor("access_limited_to"),
                "while " + p.Body("item") +
                    " is under pre-publication embargo only the named teams of " + p.party +
                    " may see it; " + p.user + " is in team \"" + p.team + "\"");
    }
  }
  return Status::Ok();
}

// 001 "Process for sharing, accessing and storing information" ¶2:
// publication ends the embargo and "Pre-publication markings will be removed
// at the point of publication"; ¶3: the receiving inspectorate does not
// publish, so only the originator records a publication.
Status CheckPublication(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  if (item.contains("published")) {
    return InvalidArgument("body.item: \"" + p.Body("item") + "\" was already published on " +
                           Str(item, "published"));
  }
  // 001 "Process for sharing, accessing and storing information" ¶1: the
  // embargo lasts "until they are published"; a publication dated after
  // today has not happened and must not lift it now.
  ST_ASSIGN_OR_RETURN(Date date, ParseDate(p.Body("date")));
  if (p.today < date) {
    return InvalidArgument("body.date: " + date.ToString() + " is in the future (today is " +
                           p.today.ToString() + ")");
  }
  if (Str(item, "owner") != p.party) {
    ST_ASSIGN_OR_RETURN(
        Cite cite, OriginatorCite(w, item, {p.party},
                                  DesignCite("§3 rules table", "marking removed at publication")));
    d->Refuse("publication.originator", cite,
              "only the originator (" + Str(item, "owner") + ") publishes " + p.Body("item"));
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(auto a, w.FindAgreement(Str(item, "agreement")));
  if (a) {
    for (const RuleSpec* r : a->RulesFor("embargo", Str(item, "category"))) {
      d->UseAgreement(a->id, a->version);
      if (!r->String("marking").empty()) {
        d->Oblige("embargo.marking-removed", "remove the marking '" + r->String("marking") + "' (" +
                                                 r->CiteFor("marking_removed_at").Short() + ")");
      }
    }
  }
  return Status::Ok();
}

// Consent to onward disclosure is the originator's to give and withdraw
// (001 "Process for sharing…" ¶3: "the originating inspectorate has consented
// in writing").
Status CheckConsent(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  ST_RETURN_IF_ERROR(w.Need(keys::Party(p.Body("to")), "body.to", "party", p.Body("to")).status());
  if (p.type == "consent.withdrawn") {
    ST_ASSIGN_OR_RETURN(bool given, w.Exists(keys::Consent(p.Body("item"), p.Body("to"))));
    if (!given) {
      return InvalidArgument("body.to: no consent in force for " + p.Body("to") + " on " +
                             p.Body("item"));
    }
  }
  if (Str(item, "owner") != p.party) {
    ST_ASSIGN_OR_RETURN(
        Cite cite,
        OriginatorCite(w, item, {p.Body("to"), p.party},
                       DesignCite("§3 rules table", "the originator consented in writing")));
    d->Refuse("onward.consent-by-originator", cite,
              "only the originator (" + Str(item, "owner") + ") can give or withdraw consent for " +
                  p.Body("item"));
  }
  return Status::Ok();
}

// 001 "Process for sharing, accessing and storing information" ¶3: the
// receiving inspectorate discloses onwards only on a ground that holds. A
// legal obligation must be named ("for example, under a court order"); an
// FOI request alone is none (DESIGN.md §3).
Status CheckOnwardDisclosure(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  std::string ground = p.Body("ground");
  if (ground == "legal_obligation" &&
      (p.Body("obligation_kind").empty() || p.Body("obligation_reference").empty())) {
    return InvalidArgument(
        "body.obligation_reference: a legal obligation needs obligation_kind and "
        "obligation_reference (e.g. the court order number)");
  }
  ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, p.Body("item"), p.party));
  if (!holds) {
    d->Refuse("scope.party", ScopeCite(), p.party + " does not hold " + p.Body("item"));
    return Status::Ok();
  }
  return DecideOnward(p, w, item, p.party, ground, d);
}

}  // namespace sharetrail::policy
