// Sign-in and sign-out: POST /api/v1/session (JSON, or a form post from the
// web UI), GET to see who is signed in, DELETE to sign out.
#include <boost/json/serialize.hpp>
#include <ctime>

#include "api/app.h"
#include "api/response.h"
#include "ledger/canonical_json.h"
#include "policies/schema.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

struct Login {
  std::string user, password, next;
  bool form = false;
};

Result<Login> ParseLogin(const HttpRequest& req) {
  Login l;
  std::string type = req.Header("content-type");
  if (type.starts_with("application/x-www-form-urlencoded")) {
    l.form = true;
    ST_ASSIGN_OR_RETURN(auto form, ParseForm(req.body));
    l.user = form["user"];
    l.password = form["password"];
    l.next = form["next"];
  } else {
    ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(req.body));
    if (!v.is_object()) return InvalidArgument("body: expected a JSON object {user, password}");
    for (const auto& kv : v.as_object()) {
      if (kv.key() != "user" && kv.key() != "password") {
        return InvalidArgument("body." + std::string(kv.key()) + ": unknown field");
      }
      if (!kv.value().is_string())
        return InvalidArgument("body." + std::string(kv.key()) + ": expected a string");
    }
    l.user = policy::Str(v.as_object(), "user");
    l.password = policy::Str(v.as_object(), "password");
  }
  if (!policy::IsId(l.user)) return InvalidArgument("user: expected a user id");
  if (l.password.empty()) return InvalidArgument("password: required");
  // Only a local path: an open redirect would let a link send a signed-in
  // user anywhere.
  if (l.next.empty() || !l.next.starts_with("/") || l.next.starts_with("//")) l.next = "/";
  return l;
}

json::object Whoami(const Principal& p, const std::string& csrf) {
  json::array roles;
  for (const auto& r : p.roles) roles.emplace_back(r);
  json::object o{{"user", p.user}, {"party", p.party}, {"team", p.team}, {"roles", roles}};
  if (!csrf.empty()) o["csrf"] = csrf;
  return o;
}

}  // namespace

// Names that are no user are not written to the immutable log (they are
// the attacker's text); the access log has them.
void RecordLoginFailure(App& app, const std::string& user, const std::string& addr,
                        const char* why) {
  auto p = app.LoadUser(user);
  Principal who;
  if (p.ok()) {
    who = *p;
  } else if (p.status().code() == Code::kPermissionDenied) {
    who.user = user;  // disabled: the engine records the attempt as refused
  } else {
    return;
  }
  (void)app.Propose(who, "login.failed", {{"address", addr}, {"reason", why}});
}

std::string LoginKey(const std::string& user, const std::string& addr) { return user + "|" + addr; }

HttpResponse TooManyAttempts(const std::string& user, int64_t wait) {
  HttpResponse r = Error(429, "too_many_attempts",
                         "too many failed sign-ins for " + user +
                             " from this address; try again in " + std::to_string(wait) + " s");
  r.headers.emplace_back("Retry-After", std::to_string(wait));
  return r;
}

namespace {

HttpResponse Create(Call& c) {
  auto login = ParseLogin(c.req);
  if (!login.ok()) return FromStatus(login.status());
  std::string key = LoginKey(login->user, c.req.remote_addr);
  if (int64_t wait = c.app.limiter().RetryAfter(key); wait > 0) {
    return TooManyAttempts(login->user, wait);
  }
  auto user = c.app.LoadUser(login->user);
  bool ok = false;
  const char* why = "unknown user";
  if (user.ok()) {
    auto checked = c.app.credentials().CheckPassword(login->user, login->password);
    if (!checked.ok()) return FromStatus(checked.status());
    ok = *checked;
    why = "wrong password";
  } else if (user.status().code() == Code::kPermissionDenied) {
    why = "account disabled";
  } else if (user.status().code() != Code::kNotFound) {
    return FromStatus(user.status());
  }
  if (!ok) {
    c.app.limiter().Fail(key);
    RecordLoginFailure(c.app, login->user, c.req.remote_addr, why);
    // One message for every cause, so the answer does not tell which
    // user names exist.
    return Error(401, "invalid_credentials", "user name or password is wrong");
  }
  c.app.limiter().Succeed(key);
  auto session = c.app.sessions().Create(login->user);
  if (!session.ok()) return FromStatus(session.status());
  std::string cookie =
      "st_session=" + session->id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
      std::to_string(session->expires - std::time(nullptr)) + (c.req.tls ? "; Secure" : "");
  HttpResponse r = login->form
                       ? HttpResponse{303, "text/plain", "signed in\n", {{"Location", login->next}}}
                       : Json(201, Whoami(*user, session->csrf));
  r.headers.emplace_back("Set-Cookie", cookie);
  return r;
}

HttpResponse Show(Call& c) { return Json(200, Whoami(*c.who, c.who->csrf)); }

HttpResponse End(Call& c) {
  std::string sid = CookieValue(c.req.Header("cookie"), "st_session");
  if (!sid.empty()) c.app.sessions().Remove(sid);
  HttpResponse r = Json(200, json::object{{"signed_out", true}});
  r.headers.emplace_back("Set-Cookie", "st_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

}  // namespace

std::vector<Route> SessionRoutes() {
  return {
      {"POST",
       "/api/v1/session",
       Access::kPublic,
       {},
       Create,
       "Sign in (JSON or form); sets the session cookie"},
      {"GET", "/api/v1/session", Access::kUser, {}, Show, "Who is signed in, with the CSRF token"},
      {"DELETE", "/api/v1/session", Access::kUser, {}, End, "Sign out"},
  };
}

}  // namespace sharetrail::api
