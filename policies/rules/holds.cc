// Holds, retention triggers and the disposition path: deletion requested,
// approved by an authorised approver, disposed. Every step re-checks the
// blockers in disposal.h, so a hold placed after a request was made still
// stops the disposal.
#include <algorithm>

#include "policies/events.h"
#include "policies/rules/disposal.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

// The request and its item, with the actor's party checked against the
// requester's: each party disposes of its own copy.
Result<std::pair<json::object, json::object>> RequestAndItem(const Proposal& p, const World& w,
                                                             Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req,
                      w.Need(keys::DeletionRequest(p.Body("request")), "body.request",
                             "deletion request", p.Body("request")));
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, Str(req, "item"), "body.request"));
  item["item"] = Str(req, "item");
  if (Str(req, "party") != p.party) {
    d->Refuse("scope.party", ScopeCite(),
              "deletion request " + p.Body("request") + " is " + Str(req, "party") + "'s");
  } else {
    // Another request may already have disposed of the copy: a second
    // disposal of it would be a record of nothing.
    ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, Str(req, "item"), p.party));
    if (!holds) {
      d->Refuse("scope.party", ScopeCite(),
                p.party + " no longer holds a copy of " + Str(req, "item"));
    }
  }
  return std::make_pair(std::move(req), std::move(item));
}

}  // namespace

// DESIGN.md §3: a hold (legal, inquiry, litigation) beats retention expiry;
// 000 §13 for the IICSA hold. Placing one is a governance act.
Status CheckHoldPlaced(const Proposal& p, const World& w, Decision*) {
  ST_RETURN_IF_ERROR(MustBeNew(w, keys::Hold(p.Body("hold")), "body.hold", p.Body("hold")));
  const std::string scope = p.Body("scope"), target = p.Body("target");
  if (scope == "safeguarding") {
    if (!target.empty()) return InvalidArgument("body.target: a safeguarding hold has no target");
    return Status::Ok();
  }
  if (target.empty()) return InvalidArgument("body.target: required for a " + scope + " hold");
  if (scope == "item") return NeedItem(w, target, "body.target").status();
  if (scope == "party") return w.Need(keys::Party(target), "body.target", "party", target).status();
  if (!Contains(std::vector<std::string>(kCategories.begin(), kCategories.end()), target)) {
    return InvalidArgument("body.target: unknown category \"" + target + "\"");
  }
  return Status::Ok();
}

// DESIGN.md §3 rules table: lifting a hold needs an authorised actor and a
// reason, and does not delete anything by itself.
Status CheckHoldLifted(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object h,
                      w.Need(keys::Hold(p.Body("hold")), "body.hold", "hold", p.Body("hold")));
  if (h.contains("lifted")) {
    return InvalidArgument("body.hold: \"" + p.Body("hold") + "\" was lifted on " +
                           Str(h.at("lifted").as_object(), "date"));
  }
  if (Str(h, "by") != p.party) {
    d->Refuse(
        "scope.party", ScopeCite(),
        "hold " + p.Body("hold") + " was placed by " + Str(h, "by") + "; only it can lift it");
    return Status::Ok();
  }
  if (Str(h, "authority") == "iicsa") {
    ST_ASSIGN_OR_RETURN(auto all, w.Agreements());
    for (const auto& a : all) {
      for (const RuleSpec* r : a->Rules("no_destroy_hold")) {
        if (r->String("on_lift") != "retention_review_due") continue;
        d->UseAgreement(a->id, a->version);
        d->Oblige("hold.retention-review",
                  "review " + a->id +
                      " for the retention of its data before anything is deleted (" +
                      r->CiteFor("on_lift").Short() + ")");
      }
    }
  }
  d->Oblige("hold.lift-deletes-nothing",
            "lifting the hold deletes nothing; disposal needs a deletion request and approval");
  return Status::Ok();
}

// Seed 003 "How long we keep personal data": registration data for the life
// of the registration, investigation data while it runs; the event that
// ends them starts the clock, recorded by the item's owner. Which events
// exist is the agreements' to say: a name no registered class runs from
// starts nothing, so it is malformed, not recorded.
Status CheckRetentionTrigger(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(std::vector<std::string> triggers, RetentionTriggers(w));
  if (std::find(triggers.begin(), triggers.end(), p.Body("trigger")) == triggers.end()) {
    std::string known;
    for (const std::string& t : triggers) known += (known.empty() ? "" : ", ") + t;
    return InvalidArgument(
        "body.trigger: no registered agreement has a retention class that runs "
        "from \"" +
        p.Body("trigger") + "\" (they run from: " + (known.empty() ? "none" : known) + ")");
  }
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  ST_ASSIGN_OR_RETURN(Date date, ParseDate(p.Body("date")));
  if (p.today < date) return InvalidArgument("body.date: " + date.ToString() + " is in the future");
  ST_RETURN_IF_ERROR(MustBeNew(w, keys::Trigger(p.Body("item"), p.Body("trigger")), "body.trigger",
                               p.Body("trigger")));
  if (Str(item, "owner") != p.party) {
    d->Refuse("scope.party", ScopeCite(),
              "only the owner (" + Str(item, "owner") + ") records when " + p.Body("item") +
                  "'s retention starts");
  }
  return Status::Ok();
}

Status CheckDeletionRequested(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(
      MustBeNew(w, keys::DeletionRequest(p.Body("request")), "body.request", p.Body("request")));
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  item["item"] = p.Body("item");
  ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, p.Body("item"), p.party));
  if (!holds) {
    d->Refuse("scope.party", ScopeCite(), p.party + " holds no copy of " + p.Body("item"));
    return Status::Ok();
  }
  return CheckDisposalBlockers(w, item, p.party, p.today, d);
}

// A disposition review, as records managers expect: someone with authority
// other than the requester approves, and the blockers are checked again.
Status CheckDispositionApproved(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(auto ri, RequestAndItem(p, w, d));
  auto& [req, item] = ri;
  if (Str(req, "state") != "pending") {
    return InvalidArgument("body.request: \"" + p.Body("request") + "\" is " + Str(req, "state") +
                           ", not awaiting approval");
  }
  if (Str(req, "user") == p.user) {
    d->Refuse("disposition.separation",
              DesignCite("Standards: what a careful engineer would expect",
                         "approved by an authorised approver"),
              p.user + " made the request and cannot also approve it");
  }
  return CheckDisposalBlockers(w, item, p.party, p.today, d);
}

Status CheckDisposed(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(auto ri, RequestAndItem(p, w, d));
  auto& [req, item] = ri;
  if (Str(req, "state") == "disposed") {
    return InvalidArgument("body.request: \"" + p.Body("request") + "\" was already carried out");
  }
  if (Str(req, "state") != "approved") {
    d->Refuse("disposition.unapproved",
              DesignCite("§3 rules table", "no disposal before the retention class's minimum"),
              "deletion request " + p.Body("request") + " is " + Str(req, "state") +
                  "; disposal needs an approved disposition");
  }
  return CheckDisposalBlockers(w, item, p.party, p.today, d);
}

// DESIGN.md §1: a payload that must be kept is stored encrypted under a
// per-item key; the entry carries only the digest, which must match.
Status CheckPayloadStored(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  if (item.contains("payload")) {
    return InvalidArgument("body.item: the vault already holds a payload for " + p.Body("item"));
  }
  if (p.Body("digest") != Str(item, "digest")) {
    return InvalidArgument("body.digest: the payload's SHA-256 is not the digest registered for " +
                           p.Body("item"));
  }
  ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, p.Body("item"), p.party));
  if (!holds)
    d->Refuse("scope.party", ScopeCite(), p.party + " holds no copy of " + p.Body("item"));
  return Status::Ok();
}

// Crypto-shredding completes a disposal: allowed once the last copy on this
// ledger has been disposed of, never while anyone still holds one.
Status CheckPayloadShredded(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object item, NeedItem(w, p.Body("item"), "body.item"));
  const json::value* payload = item.if_contains("payload");
  if (payload == nullptr || payload->as_object().contains("shredded")) {
    return InvalidArgument("body.item: no payload of " + p.Body("item") + " is held to shred");
  }
  ST_ASSIGN_OR_RETURN(json::object req,
                      w.Need(keys::DeletionRequest(p.Body("request")), "body.request",
                             "deletion request", p.Body("request")));
  if (Str(req, "state") != "disposed" || Str(req, "item") != p.Body("item")) {
    return InvalidArgument("body.request: " + p.Body("request") +
                           " is not a completed disposal of " + p.Body("item"));
  }
  bool any_holder = false;
  ST_RETURN_IF_ERROR(
      w.state().Scan(keys::Held(p.Body("item"), ""), "", [&](std::string_view, std::string_view) {
        any_holder = true;
        return false;
      }));
  if (any_holder) {
    d->Refuse("vault.copies-remain",
              DesignCite("§1", "lawful disposal destroys the key (crypto-shredding)"),
              "another party still holds " + p.Body("item") + "; its payload is kept");
  }
  return Status::Ok();
}

// A disposition review may decline a request: the copy is kept, and the
// decision is on the record like an approval.
Status CheckDispositionDeclined(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(auto ri, RequestAndItem(p, w, d));
  const json::object& req = ri.first;
  if (Str(req, "state") != "pending" && Str(req, "state") != "approved") {
    return InvalidArgument("body.request: \"" + p.Body("request") + "\" is " + Str(req, "state") +
                           "; only a pending or approved request can be declined");
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
