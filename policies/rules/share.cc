// A share: the record the ICO Data Sharing Code expects (purpose, data
// items, lawful basis, necessity, DPIA, who decided; urgent shares recorded
// after the event), checked against the agreement it is made under.
#include "policies/rules/onward.h"
#include "policies/rules/rules.h"
#include "policies/rules/share_rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

// Referential and record-keeping checks: malformed input, not refusals.
Status CheckShareRecord(const Proposal& p, const World& w, ShareFacts* f) {
  const json::array& items = p.body.at("items").as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string id(items[i].as_string());
    ST_ASSIGN_OR_RETURN(json::object item,
                        NeedItem(w, id, "body.items[" + std::to_string(i) + "]"));
    item["item"] = id;
    f->items.push_back(std::move(item));
  }
  ST_ASSIGN_OR_RETURN(json::object to,
                      w.Need(keys::Party(p.Body("to")), "body.to", "party", p.Body("to")));
  f->to = p.Body("to");
  f->to_kind = Str(to, "kind");
  if (f->to == p.party) return InvalidArgument("body.to: " + f->to + " cannot share with itself");
  if (!p.Body("to_team").empty() && !to.at("teams").as_object().contains(p.Body("to_team"))) {
    return InvalidArgument("body.to_team: party \"" + f->to + "\" has no team \"" +
                           p.Body("to_team") + "\"");
  }
  ST_ASSIGN_OR_RETURN(f->agreement, NeedAgreement(w, p.Body("agreement"), "body.agreement"));
  ST_ASSIGN_OR_RETURN(
      json::object decider,
      w.Need(keys::User(p.Body("decided_by")), "body.decided_by", "user", p.Body("decided_by")));
  if (Str(decider, "party") != p.party) {
    return InvalidArgument("body.decided_by: " + p.Body("decided_by") + " is not a user of " +
                           p.party);
  }
  // ICO Data Sharing Code: an urgent share may be recorded afterwards, with
  // the time it actually happened.
  const bool urgent = Flag(p.body, "urgent");
  const std::string occurred = p.Body("occurred_at");
  if (urgent && occurred.empty()) {
    return InvalidArgument(
        "body.occurred_at: required for an urgent share recorded after the event");
  }
  if (!urgent && !occurred.empty()) {
    return InvalidArgument("body.occurred_at: only an urgent share is recorded after the event");
  }
  if (!occurred.empty() && occurred > p.time) {
    return InvalidArgument("body.occurred_at: " + occurred + " is in the future");
  }
  return Status::Ok();
}

// The agreement must provide a flow from this party, for these categories,
// to this recipient, for this purpose, by this method: each seed sets out
// "the circumstances and the mechanisms" of sharing (001 "Introduction and
// background" ¶1), and each flow cites its own paragraph in the agreement
// file (e.g. 001 "Sharing inspection reports" ¶1).
void CheckContext(const Proposal& p, const ShareFacts& f, const std::string& from_kind,
                  Decision* d) {
  const Agreement& a = *f.agreement;
  if (!a.HasParty(p.party)) {
    bool from_listed = false;
    for (const Context& c : a.contexts)
      from_listed = from_listed || Admits(c.from, p.party, from_kind);
    if (!from_listed) {
      d->Refuse("share.agreement-party", a.review.cite,
                p.party + " is not a party to " + a.id + " and shares nothing under it");
      return;
    }
  }
  for (const json::object& item : f.items) {
    std::string category = Str(item, "category");
    // Several flows may carry a category (001: a concerns letter with the
    // report, or in advance where there is a risk of significant harm); the
    // share is judged against the one it fits best — recipient first, then
    // purpose, then method — so a permitted flow is never hidden by another.
    const Context* best = nullptr;
    bool recipient_ok = false;
    int best_score = -1;
    for (const Context& c : a.contexts) {
      if (!Admits(c.from, p.party, from_kind) || !Contains(c.categories, category)) continue;
      bool admits = Admits(c.to, f.to, f.to_kind);
      int score = (admits ? 4 : 0) + (Contains(c.purposes, p.Body("purpose")) ? 2 : 0) +
                  (c.methods.empty() || Contains(c.methods, p.Body("method")) ? 1 : 0);
      if (score > best_score) {
        best = &c;
        recipient_ok = admits;
        best_score = score;
      }
    }
    if (best == nullptr) {
      d->Refuse("share.context", DesignCite("§3", "each seed agreement is one policy file"),
                a.id + " provides no flow of " + category + " from " + p.party);
      continue;
    }
    std::string where = " (context " + best->id + ")";
    if (!recipient_ok) {
      std::string why = f.to + " is not a recipient " + a.id + " lists for " + category + where;
      if (best->unlisted_refuse) {
        d->Refuse("share.recipient", best->cite, why);
      } else {
        // DESIGN.md §3: "including" lists are not exhaustive.
        d->Warn("share.recipient", best->cite, why + "; the list is not exhaustive, so check it");
      }
    }
    if (!Contains(best->purposes, p.Body("purpose"))) {
      std::string why = "purpose \"" + p.Body("purpose") + "\" is not one " + a.id +
                        " allows for " + category + where;
      if (best->unlisted_refuse) {
        d->Refuse("share.purpose", best->purposes_cite, why);
      } else {
        d->Warn("share.purpose", best->purposes_cite, why);
      }
    }
    if (!best->methods.empty() && !Contains(best->methods, p.Body("method"))) {
      d->Refuse(
          "share.method", best->methods_cite,
          "method \"" + p.Body("method") + "\" is not an agreed method for " + category + where);
    }
  }
}

}  // namespace

Status CheckShare(const Proposal& p, const World& w, Decision* d) {
  ShareFacts f;
  ST_RETURN_IF_ERROR(CheckShareRecord(p, w, &f));
  d->UseAgreement(f.agreement->id, f.agreement->version);
  ST_ASSIGN_OR_RETURN(std::string from_kind, w.PartyKind(p.party));
  if (Flag(p.body, "urgent")) {
    d->Warn("share.urgent", DesignCite("§2 share", "urgent share recorded after the event"),
            "recorded after the event; it happened at " + p.Body("occurred_at"));
  }
  for (const json::object& item : f.items) {
    ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, Str(item, "item"), p.party));
    if (!holds) {
      d->Refuse("scope.party", ScopeCite(), p.party + " does not hold " + Str(item, "item"));
      return Status::Ok();
    }
    // Passing on something received is an onward disclosure (seed 001);
    // handing it back to its originator is not.
    if (Str(item, "owner") != f.to) ST_RETURN_IF_ERROR(DecideOnward(p, w, item, p.party, "", d));
  }
  CheckContext(p, f, from_kind, d);
  return CheckShareRules(p, w, f, d);
}

}  // namespace sharetrail::policy
