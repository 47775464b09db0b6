// Account administration while the server holds the ledger: passwords and
// API tokens. Registering and disabling users are ordinary events (POST
// /api/v1/events with user.registered / user.disabled). As in the CLI, the
// ledger records each change (ids only) and the engine decides who may make
// it; the secret goes to the credential store only once that is recorded.
#include <boost/json/parse.hpp>

#include "api/app.h"
#include "api/response.h"
#include "ledger/canonical_json.h"
#include "policies/schema.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

// The JSON object body of a request, with only the given string fields.
Result<json::object> StringFields(const HttpRequest& req,
                                  std::initializer_list<std::string_view> allowed) {
  if (req.body.empty()) return json::object();
  ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(req.body));
  if (!v.is_object()) return InvalidArgument("body: expected a JSON object");
  for (const auto& kv : v.as_object()) {
    bool known = false;
    for (auto a : allowed) known = known || kv.key() == a;
    if (!known) return InvalidArgument("body." + std::string(kv.key()) + ": unknown field");
    if (!kv.value().is_string())
      return InvalidArgument("body." + std::string(kv.key()) + ": expected a string");
  }
  return std::move(v.as_object());
}

// Proposes the account event; an answer if it was not allowed.
std::optional<HttpResponse> Decide(Call& c, const std::string& type, json::object body,
                                   AppendResult* out) {
  return Gate(c, type, std::move(body), out);
}

HttpResponse SetPassword(Call& c) {
  const std::string& user = c.args[0];
  if (!policy::IsId(user))
    return Error(400, "invalid_argument", "user: expected a user id", "user");
  auto body = StringFields(c.req, {"password", "current"});
  if (!body.ok()) return FromStatus(body.status());
  std::string password = policy::Str(*body, "password");
  Status rules = policy::CredentialStore::CheckPasswordRules(password);
  if (!rules.ok())
    return Error(400, "invalid_argument", "body." + rules.message(), "body.password");
  // Changing one's own password needs the current one: a stolen session
  // must not be enough to take the account over, nor to guess the password
  // without limit, so a wrong one counts and is recorded as a failed
  // sign-in would be.
  if (user == c.who->user) {
    std::string key = LoginKey(user, c.req.remote_addr);
    if (int64_t wait = c.app.limiter().RetryAfter(key); wait > 0)
      return TooManyAttempts(user, wait);
    auto ok = c.app.credentials().CheckPassword(user, policy::Str(*body, "current"));
    if (!ok.ok()) return FromStatus(ok.status());
    if (!*ok) {
      c.app.limiter().Fail(key);
      RecordLoginFailure(c.app, user, c.req.remote_addr, "wrong current password");
      return Error(403, "invalid_credentials", "body.current: the current password is wrong",
                   "body.current");
    }
    c.app.limiter().Succeed(key);
  }
  AppendResult recorded;
  if (auto denied = Decide(c, "credential.set", {{"user", user}}, &recorded)) return *denied;
  Status s = c.app.credentials().SetPassword(user, password);
  if (!s.ok()) return FromStatus(s);
  return Json(200, json::object{{"user", user}, {"seq", recorded.seq}});
}

HttpResponse IssueToken(Call& c) {
  const std::string& user = c.args[0];
  if (!policy::IsId(user))
    return Error(400, "invalid_argument", "user: expected a user id", "user");
  auto token = policy::CredentialStore::NewToken();
  if (!token.ok()) return FromStatus(token.status());
  AppendResult recorded;
  if (auto denied = Decide(c, "token.issued", {{"user", user}, {"token", token->id}}, &recorded))
    return *denied;
  Status s = c.app.credentials().SaveToken(user, *token);
  if (!s.ok()) return FromStatus(s);
  return Json(
      201, json::object{
               {"id", token->id}, {"token", token->bearer}, {"user", user}, {"seq", recorded.seq}});
}

HttpResponse RevokeToken(Call& c) {
  const std::string& id = c.args[0];
  if (!policy::IsId(id))
    return Error(400, "invalid_argument", "token: expected a token id", "token");
  auto body = StringFields(c.req, {"reason"});
  if (!body.ok()) return FromStatus(body.status());
  json::object event{{"token", id}};
  if (body->contains("reason")) event["reason"] = body->at("reason");
  AppendResult recorded;
  if (auto denied = Decide(c, "token.revoked", std::move(event), &recorded)) return *denied;
  Status s = c.app.credentials().RevokeToken(id);
  if (!s.ok()) return FromStatus(s);
  return Json(200, json::object{{"id", id}, {"revoked", true}, {"seq", recorded.seq}});
}

}  // namespace

std::vector<Route> AccountRoutes() {
  return {
      {"POST",
       "/api/v1/users/{user}/password",
       Access::kUser,
       {},
       SetPassword,
       "Set a password (one's own with the current one, or any as an admin)"},
      {"POST",
       "/api/v1/users/{user}/tokens",
       Access::kUser,
       {},
       IssueToken,
       "Issue an API token (admin); the token is shown once"},
      {"DELETE",
       "/api/v1/tokens/{token}",
       Access::kUser,
       {},
       RevokeToken,
       "Revoke an API token (admin)"},
  };
}

}  // namespace sharetrail::api
