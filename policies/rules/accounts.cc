// Checks on accounts and on reads scoped to a party. Credentials themselves
// never reach the ledger (policies/credentials.h); these entries carry ids.
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Cite AccountsCite() { return DesignCite("Standards: authenticate, check the party scope"); }

Result<json::object> NeedUser(const World& w, const Proposal& p) {
  return w.Need(keys::User(p.Body("user")), "body.user", "user", p.Body("user"));
}

}  // namespace

// A user sees the lists of their own party; only an auditor reads another's.
Status CheckRead(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(
      w.Need(keys::Party(p.Body("party")), "body.party", "party", p.Body("party")).status());
  if (p.role != "auditor" && p.Body("party") != p.party) {
    d->Refuse("scope.party", ScopeCite(),
              p.user + " of " + p.party + " cannot read " + p.Body("resource") + " of " +
                  p.Body("party"));
  }
  return Status::Ok();
}

Status CheckUserDisabled(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object user, NeedUser(w, p));
  if (user.contains("disabled")) {
    return InvalidArgument("body.user: \"" + p.Body("user") + "\" is already disabled");
  }
  // An administrator locking themselves out would leave no one to undo it.
  if (p.Body("user") == p.user) {
    d->Refuse("account.self-disable", AccountsCite(), p.user + " cannot disable their own account");
  }
  return Status::Ok();
}

// A password is set by the user themselves or by an administrator.
Status CheckCredentialSet(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(NeedUser(w, p).status());
  if (p.Body("user") != p.user && p.role != "admin") {
    d->Refuse("account.credential", AccountsCite(),
              p.user + " acts as " + p.role + " and cannot set the password of " + p.Body("user"));
  }
  return Status::Ok();
}

Status CheckTokenIssued(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object user, NeedUser(w, p));
  ST_RETURN_IF_ERROR(MustBeNew(w, keys::Token(p.Body("token")), "body.token", p.Body("token")));
  if (user.contains("disabled")) {
    d->Refuse("account.disabled", AccountsCite(),
              "user " + p.Body("user") + " is disabled; no token may be issued to them");
  }
  return Status::Ok();
}

Status CheckTokenRevoked(const Proposal& p, const World& w, Decision*) {
  ST_ASSIGN_OR_RETURN(json::object tok,
                      w.Need(keys::Token(p.Body("token")), "body.token", "token", p.Body("token")));
  if (tok.contains("revoked")) {
    return InvalidArgument("body.token: \"" + p.Body("token") + "\" is already revoked");
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
