#include "policies/engine.h"

#include <boost/json/serialize.hpp>

#include "policies/events.h"
#include "policies/proposal.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

bool Holds(const std::vector<std::string>& roles, std::string_view role) {
  return Contains(roles, role);
}

// Resolves event.actor against the directory into p. Unknown users are
// malformed input; a role the user does not hold is decided as a refusal.
Status ResolveActor(const World& w, const EventKind& kind, const Event& event, Proposal* p,
                    Decision* d) {
  p->user = Str(event.actor, "user");
  std::string claimed = Str(event.actor, "role");
  if (claimed == kSystemRole) {
    // The node's own observations: only the kinds that name the system
    // role, only under a system actor's name, never a person's.
    if (!MayPropose(kind, kSystemRole)) {
      return InvalidArgument(
          "actor.role: \"system\" records only the node's own observations, not \"" + p->type +
          "\"");
    }
    if (p->user != kWitnessActor) {
      return InvalidArgument("actor.user: the system actor is \"" + std::string(kWitnessActor) +
                             "\", not \"" + p->user + "\"");
    }
    ST_ASSIGN_OR_RETURN(auto person, w.Record(keys::User(p->user)));
    if (person) {
      return InvalidArgument("actor.user: \"" + p->user +
                             "\" is a directory user and cannot act as the system");
    }
    p->role = std::string(kSystemRole);
    p->roles = {p->role};
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(auto user, w.Record(keys::User(p->user)));
  if (!user) {
    // Bootstrap: until a user holds the admin role, whoever holds the
    // ledger files registers the directory and the first administrator.
    ST_ASSIGN_OR_RETURN(bool any_admin, w.AnyAdmin());
    bool directory = p->type == "party.registered" || p->type == "user.registered" ||
                     p->type == "agreement.registered";
    if (!any_admin && directory) {
      p->role = "admin";
      p->roles = {"admin"};
      return Status::Ok();
    }
    return InvalidArgument("actor.user: unknown user \"" + p->user + "\"");
  }
  p->party = Str(*user, "party");
  p->team = Str(*user, "team");
  p->roles = List(*user, "roles");
  p->role = claimed.empty() ? (p->roles.empty() ? std::string() : p->roles.front()) : claimed;
  if (user->contains("disabled")) {
    d->Refuse("account.disabled", DesignCite("Standards: authenticate"),
              "user " + p->user + " was disabled at seq " + json::serialize(user->at("disabled")) +
                  " and can no longer act");
  } else if (!Holds(p->roles, p->role)) {
    d->Refuse("scope.role", DesignCite("Standards: authenticate, check the party scope"),
              "user " + p->user + " does not hold the role \"" + p->role + "\"");
  }
  return Status::Ok();
}

void CheckRole(const EventKind& kind, const Proposal& p, Decision* d) {
  if (d->refused() || MayPropose(kind, p.role)) return;
  if (kind.roles.empty()) {
    d->Refuse("scope.role", DesignCite("§2 roles", "auditor"),
              "auditors read the ledger; they do not record events");
    return;
  }
  std::string want;
  for (auto r : kind.roles) want += (want.empty() ? "" : " or ") + std::string(r);
  d->Refuse("scope.role", DesignCite("§2 roles"),
            "\"" + p.type + "\" needs the role " + want + "; " + p.user + " acts as " + p.role);
}

}  // namespace

Cite DesignCite(std::string para, std::string quote) {
  return Cite{"DESIGN.md", std::move(para), std::move(quote)};
}

Engine::Engine() : cache_(NewAgreementCache()) {}

Result<Decision> Engine::Evaluate(const StateView& state, const Slot& slot,
                                  const Event& event) const {
  Proposal p;
  return Judge(state, slot, event, &p);
}

Result<Decision> Engine::Judge(const StateView& state, const Slot& slot, const Event& event,
                               Proposal* out) const {
  if (event.type == kRefusedType) {
    return InvalidArgument("type: \"refused\" entries are written by the engine, not proposed");
  }
  const EventKind* kind = FindKind(event.type);
  if (kind == nullptr) {
    std::string known;
    for (const EventKind& k : AllKinds())
      known += (known.empty() ? "" : ", ") + std::string(k.schema.type);
    return InvalidArgument("type: unknown event type \"" + event.type + "\" (known: " + known +
                           ")");
  }
  ST_RETURN_IF_ERROR(Validate(kind->schema, event.body));
  Proposal& p = *out;
  p.type = event.type;
  p.body = event.body;
  p.time = std::string(slot.time);
  p.seq = slot.seq;
  ST_ASSIGN_OR_RETURN(p.today, DateOfTime(slot.time));
  World w = MakeWorld(state);
  Decision d;
  ST_RETURN_IF_ERROR(ResolveActor(w, *kind, event, &p, &d));
  CheckRole(*kind, p, &d);
  for (Check check : ChecksFor(p.type)) {
    ST_RETURN_IF_ERROR(check(p, w, &d));
  }
  return d;
}

Status Engine::Decide(const StateView& state, const Slot& slot, Event* event,
                      std::string* outcome) const {
  Proposal p;
  ST_ASSIGN_OR_RETURN(Decision d, Judge(state, slot, *event, &p));
  // The envelope's actor is the directory's account of who acted, not what
  // the caller claimed beyond the user id; the bootstrap administrator has
  // no directory entry yet, so no party or team.
  json::object actor{{"user", p.user}, {"role", p.role}};
  if (!p.party.empty()) {
    actor["party"] = p.party;
    actor["team"] = p.team;
  }
  event->actor = std::move(actor);
  json::object decision = d.ToJson();
  std::string proposed = event->type;
  if (d.refused()) {
    json::object attempt{{"type", event->type}, {"body", std::move(event->body)}};
    event->type = std::string(kRefusedType);
    event->body = json::object{{"attempt", std::move(attempt)}, {"decision", decision}};
  } else {
    event->body["decision"] = decision;
  }
  *outcome = json::serialize(json::object{{"seq", slot.seq},
                                          {"type", event->type},
                                          {"proposed", proposed},
                                          {"time", slot.time},
                                          {"decision", std::move(decision)}});
  return Status::Ok();
}

}  // namespace sharetrail::policy
