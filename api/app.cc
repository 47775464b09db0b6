#include "api/app.h"

#include <boost/json/parse.hpp>
#include <chrono>
#include <ctime>

#include "api/response.h"
#include "ledger/files.h"
#include "policies/world.h"

namespace sharetrail::api {
namespace json = boost::json;
namespace {

int64_t NowSeconds() { return static_cast<int64_t>(std::time(nullptr)); }

// The path's segments, as views into it (a request's path outlives its
// dispatch): matching a request against every route allocates nothing
// until a route matches.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& want, const std::vector<std::string_view>& segs,
           std::vector<std::string>* args) {
  const bool rest = !want.empty() && want.back() == "{*}";
  if (rest ? segs.size() < want.size() : want.size() != segs.size()) return false;
  const size_t fixed = rest ? want.size() - 1 : want.size();
  for (size_t i = 0; i < fixed; ++i) {
    if (want[i].starts_with("{") ? segs[i].empty() : want[i] != segs[i]) return false;
  }
  args->clear();
  for (size_t i = 0; i < fixed; ++i) {
    if (want[i].starts_with("{")) args->emplace_back(segs[i]);
  }
  if (rest) {
    std::string tail(segs[fixed]);
    for (size_t j = fixed + 1; j < segs.size(); ++j) (tail += '/') += segs[j];
    args->push_back(std::move(tail));
  }
  return true;
}

bool StateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Scripts, styles, fonts and images only from this server, no inline
// script (the pages need none: ui/assets/init.js starts govuk-frontend), no
// framing, forms post only here.
constexpr char kCsp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

// A handler may set a stricter policy of its own (the printable report,
// which has inline styles and no script at all).
void AddSecurityHeaders(HttpResponse* r) {
  bool own = false;
  for (const auto& [k, v] : r->headers) own = own || k == "Content-Security-Policy";
  if (!own) r->headers.emplace_back("Content-Security-Policy", kCsp);
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("X-Frame-Options", "DENY");
  r->headers.emplace_back("Referrer-Policy", "same-origin");
}

// The actor of an event proposed as `who`, in `role` if given.
json::object ActorOf(const Principal& who, const std::string& role) {
  json::object actor{{"user", who.user}};
  if (!role.empty()) actor["role"] = role;
  return actor;
}

}  // namespace

std::string CookieValue(const std::string& header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return "";
}

// The API acts in a user's first role, as the engine does when none is named.
bool Principal::Auditor() const { return !roles.empty() && roles.front() == "auditor"; }

HttpResponse Refused(int status, const std::string& outcome_json) {
  json::object outcome = json::parse(outcome_json).as_object();
  std::string message = "refused";
  for (const auto& f : outcome.at("decision").at("findings").as_array()) {
    if (f.at("severity") == "refuse") {
      message =
          std::string(f.at("rule").as_string()) + ": " + std::string(f.at("reason").as_string());
      break;
    }
  }
  json::object error{{"code", status == 403 ? "forbidden" : "refused"},
                     {"message", message},
                     {"recorded_seq", outcome.at("seq")}};
  return Json(status, json::object{{"error", std::move(error)}, {"outcome", std::move(outcome)}});
}

std::optional<HttpResponse> Gate(Call& c, const std::string& type, json::object body,
                                 AppendResult* out) {
  auto r = c.app.Propose(*c.who, type, std::move(body));
  if (!r.ok()) return FromStatus(r.status());
  if (json::parse(r->outcome).at("type") == "refused") return Refused(403, r->outcome);
  if (out != nullptr) *out = std::move(r).value();
  return std::nullopt;
}

App::App(const AppOptions& options)
    : options_(options),
      engine_(std::make_shared<policy::Engine>()),
      sessions_(options.session_ttl_seconds, NowSeconds),
      limiter_(options.max_login_failures, options.login_window_seconds, NowSeconds),
      log_(options.access_log),
      witness_limiter_(options.add_checkpoint_per_minute, 60, NowSeconds) {}

Result<std::unique_ptr<App>> App::Open(const std::string& ledger_dir, const AppOptions& options,
                                       std::vector<Route> routes) {
  std::unique_ptr<App> app(new App(options));
  LedgerOptions lo;
  lo.state_machine = app->engine_;
  ST_ASSIGN_OR_RETURN(app->ledger_, Ledger::Open(ledger_dir, lo));
  ST_ASSIGN_OR_RETURN(app->vault_, Vault::Open(ledger_dir));
  ST_ASSIGN_OR_RETURN(app->credentials_, policy::CredentialStore::Open(ledger_dir));
  app->routes_ = std::move(routes);
  for (const Route& r : app->routes_) {
    std::vector<std::string> segs;
    for (std::string_view v : Segments(r.path)) segs.emplace_back(v);
    app->route_segments_.push_back(std::move(segs));
  }
  if (!options.witness_config.empty()) {
    ST_ASSIGN_OR_RETURN(std::string text, ReadFile(options.witness_config));
    auto logs = ParseWitnessConfig(text);
    if (!logs.ok()) return logs.status().WithContext(options.witness_config + ": ");
    ST_ASSIGN_OR_RETURN(Cosigner key, LoadWitnessKey(ledger_dir));
    ST_ASSIGN_OR_RETURN(app->witness_,
                        Witness::Open(ledger_dir + "/witness", std::move(key), std::move(*logs)));
  }
  if (!options.witness_policy.empty()) {
    ST_ASSIGN_OR_RETURN(WitnessPolicy policy, WitnessPolicy::Load(options.witness_policy));
    ST_ASSIGN_OR_RETURN(app->submitter_, WitnessSubmitter::Start(*app->ledger_, std::move(policy),
                                                                 options.submitter));
  }
  return app;
}

json::value App::LastVerify() {
  std::lock_guard<std::mutex> lock(verify_mu_);
  return last_verify_;
}

void App::SetLastVerify(json::value report) {
  std::lock_guard<std::mutex> lock(verify_mu_);
  last_verify_ = std::move(report);
}

Date App::Today() const { return CivilFromDays(NowSeconds() / 86400); }

Result<Principal> App::LoadUser(const std::string& user) {
  ST_ASSIGN_OR_RETURN(auto snap, ledger_->Read());
  policy::World w = engine_->MakeWorld(*snap);
  ST_ASSIGN_OR_RETURN(auto rec, w.Record(policy::keys::User(user)));
  if (!rec) return NotFound("user: unknown user \"" + user + "\"");
  if (rec->contains("disabled")) return PermissionDenied("user " + user + " is disabled");
  Principal p;
  p.user = user;
  p.party = policy::Str(*rec, "party");
  p.team = policy::Str(*rec, "team");
  p.roles = policy::List(*rec, "roles");
  return p;
}

Result<AppendResult> App::Propose(const Principal& who, const std::string& type, json::object body,
                                  const std::string& role) {
  // Append validates the event's shape before the writer sees it.
  auto r = ledger_->Append(Event{ActorOf(who, role), type, std::move(body)});
  if (r.ok() && submitter_) submitter_->Notify();
  return r;
}

Result<std::vector<policy::Shredded>> App::ShredPending(const Principal& who,
                                                        const std::string& role) {
  std::lock_guard<std::mutex> lock(shred_mu_);
  auto r = policy::ShredPending(*ledger_, *vault_, ActorOf(who, role));
  if (r.ok() && !r->empty() && submitter_) submitter_->Notify();
  return r;
}

Result<std::string> App::PublishedCheckpoint() {
  if (submitter_) return submitter_->Published();
  return ledger_->SignedCheckpoint();
}

Result<std::optional<Principal>> App::Authenticate(const HttpRequest& req, HttpResponse* denied) {
  std::string auth = req.Header("authorization");
  if (!auth.empty()) {
    if (!auth.starts_with("Bearer ")) {
      *denied = Error(401, "unauthenticated", "Authorization: expected \"Bearer <token>\"",
                      "Authorization");
      return std::optional<Principal>();
    }
    ST_ASSIGN_OR_RETURN(auto owner, credentials_->FindToken(auth.substr(7)));
    std::optional<Principal> p;
    if (owner) {
      ST_ASSIGN_OR_RETURN(auto snap, ledger_->Read());
      ST_ASSIGN_OR_RETURN(auto tok,
                          engine_->MakeWorld(*snap).Record(policy::keys::Token(owner->id)));
      auto user = LoadUser(owner->user);
      if (tok && !tok->contains("revoked") && !owner->revoked && user.ok()) {
        p = *user;
      } else {
        RecordRefusedCredential(owner->user, req.remote_addr,
                                user.ok() ? "revoked token" : "account disabled (token)");
      }
    }
    if (!p)
      *denied =
          Error(401, "invalid_token", "the bearer token is unknown, revoked or its user disabled");
    return p;
  }
  std::string sid = CookieValue(req.Header("cookie"), "st_session");
  if (sid.empty()) return std::optional<Principal>();
  auto session = sessions_.Find(sid);
  auto user = session ? LoadUser(session->user) : Result<Principal>(NotFound("no session"));
  if (!user.ok()) {
    if (session && user.status().code() == Code::kPermissionDenied) {
      RecordRefusedCredential(session->user, req.remote_addr, "account disabled (session)");
    }
    *denied = Error(401, "session_expired", "the session has expired or was ended; log in again");
    return std::optional<Principal>();
  }
  user->via_cookie = true;
  user->csrf = session->csrf;
  if (StateChanging(req.method) && req.path != "/api/v1/session") {
    std::string given = req.Header("x-csrf-token");
    if (given.empty() &&
        req.Header("content-type").starts_with("application/x-www-form-urlencoded")) {
      auto form = ParseForm(req.body);
      if (form.ok() && form->count("csrf")) given = form->at("csrf");
    }
    if (given != session->csrf) {
      *denied = Error(403, "csrf_failed",
                      "a cookie-authenticated " + req.method +
                          " needs the session's CSRF token in X-CSRF-Token",
                      "X-CSRF-Token");
      return std::optional<Principal>();
    }
  }
  return std::optional<Principal>(std::move(user).value());
}

void App::RecordRefusedCredential(const std::string& user, const std::string& addr,
                                  const char* why) {
  std::string key = LoginKey(user, addr);
  if (limiter_.RetryAfter(key) > 0) return;  // already limited: the ledger has five
  limiter_.Fail(key);
  RecordLoginFailure(*this, user, addr, why);
}

HttpResponse App::Dispatch(const HttpRequest& req, std::string* user) {
  if (req.body_too_large)
    return Error(413, "body_too_large", "the request body is over the server's limit");
  std::vector<std::string_view> segs = Segments(req.path);
  std::vector<std::string> args;
  const Route* found = nullptr;
  bool path_known = false;
  Kind path_kind = Kind::kApi;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if (!Match(route_segments_[i], segs, &args)) continue;
    if (!path_known) path_kind = r.kind;
    path_known = true;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      found = &r;
      break;
    }
  }
  // Who answers an error: the route the path matched (405), else pages
  // for paths outside /api/.
  bool page = options_.page_error && (found != nullptr ? found->kind == Kind::kPage
                                      : path_known     ? path_kind == Kind::kPage
                                                       : !req.path.starts_with("/api/"));
  if (found == nullptr) {
    HttpResponse r =
        path_known ? Error(405, "method_not_allowed", req.method + " is not allowed on " + req.path)
                   : Error(404, "not_found", "no endpoint " + req.path);
    return page ? PageDenied(req, r) : r;
  }
  HttpResponse denied{0, "", "", {}};
  auto who = Authenticate(req, &denied);
  if (!who.ok()) return FromStatus(who.status());
  // A stale cookie, or a form without the session's CSRF token, does not
  // stop a public page (the sign-in page above all): it is served as to
  // someone not signed in.
  if (page && denied.status != 0 && found->access == Access::kPublic) {
    denied.status = 0;
    *who = std::nullopt;
  }
  if (denied.status != 0) return page ? PageDenied(req, denied) : denied;
  if (*who) *user = (*who)->user;
  if (found->access == Access::kUser && !*who && page) {
    return PageDenied(req, Error(401, "unauthenticated", "sign in to see this page"));
  }
  if (found->access == Access::kUser && !*who) {
    HttpResponse r =
        Error(401, "unauthenticated", "log in (POST /api/v1/session) or send a bearer token");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  auto params = Params::Parse(req.query, found->params);
  if (!params.ok()) return FromStatus(params.status());
  Call call{*this, req, *who ? &**who : nullptr, std::move(params).value(), std::move(args)};
  return found->handle(call);
}

HttpResponse App::PageDenied(const HttpRequest& req, const HttpResponse& denied) {
  if (denied.status == 401 && req.method == "GET") {
    std::string next = req.path + (req.query.empty() ? "" : "?" + req.query);
    HttpResponse r{303, "text/plain", "sign in first\n", {}};
    r.headers.emplace_back("Location", "/sign-in?next=" + UrlEncode(next));
    // An ended or expired session's cookie goes with it.
    r.headers.emplace_back("Set-Cookie",
                           "st_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return r;
  }
  json::value v = json::parse(denied.body);
  std::string message(v.at("error").at("message").as_string());
  switch (denied.status) {
    case 401:
      return options_.page_error(req, 401, "Your session has ended",
                                 "Sign in again, then repeat what you were doing.");
    case 403:
      return options_.page_error(req, 403, "You cannot do that", message);
    case 404:
      return options_.page_error(req, 404, "Page not found",
                                 "If you typed the web address, check it is correct.");
    default:
      return options_.page_error(req, denied.status, "Sorry, there is a problem", message);
  }
}

bool App::Shallow(const HttpRequest& req) const {
  if (req.method != "GET" && req.method != "HEAD") return false;
  std::vector<std::string_view> segs = Segments(req.path);
  std::vector<std::string> args;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method == "GET" && Match(route_segments_[i], segs, &args)) {
      return routes_[i].shallow;
    }
  }
  return false;
}

HttpResponse App::Handle(const HttpRequest& req) {
  auto start = std::chrono::steady_clock::now();
  std::string user;
  HttpResponse resp = Dispatch(req, &user);
  AddSecurityHeaders(&resp);
  std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  log_.Write(
      {req.method, req.path, user, req.remote_addr, resp.status, resp.body.size(), took.count()});
  return resp;
}

}  // namespace sharetrail::api
