// sharetraild's request handling, CivetWeb-free: authentication, CSRF,
// dispatch through the route table, the access log. One App per process,
// shared by every request thread.
//
// Invariants:
//   - one Ledger, opened with the policy engine as its state machine, takes
//     every append; Append returns only once the entry is durable, so an
//     answer never acknowledges an event that a crash could lose;
//   - who a request acts as comes only from a session cookie or a bearer
//     token, never from the request body; the user's party, team, roles and
//     whether they are disabled are read from the ledger on every request;
//   - a cookie-authenticated POST/PUT/PATCH/DELETE must carry the session's
//     CSRF token (X-CSRF-Token header, or a csrf form field);
//   - every answer carries the security headers (CSP without inline
//     script, nosniff, frame-ancestors 'none'), pages and JSON alike;
//   - refusals (scope, embargo, role) are decided by the engine and so are
//     recorded on the ledger; the API adds no allow/deny rules of its own
//     beyond authentication.
#ifndef SHARETRAIL_API_APP_H_
#define SHARETRAIL_API_APP_H_

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/access_log.h"
#include "api/http.h"
#include "api/params.h"
#include "api/rate_limit.h"
#include "api/sessions.h"
#include "api/witness_submitter.h"
#include "ledger/ledger.h"
#include "ledger/vault.h"
#include "ledger/witness.h"
#include "policies/credentials.h"
#include "policies/engine.h"
#include "policies/shred.h"

namespace sharetrail::api {

// The value of one cookie from a Cookie header ("" if absent): whole names
// only, so "xst_session=" never matches "st_session".
std::string CookieValue(const std::string& header, std::string_view name);

struct Principal {
  std::string user, party, team;
  std::vector<std::string> roles;
  bool via_cookie = false;
  std::string csrf;  // the session's, when via_cookie
  bool Auditor() const;
};

class App;
struct Route;
std::vector<Route> AllRoutes();

// One request as a route handler sees it.
struct Call {
  App& app;
  const HttpRequest& req;
  const Principal* who;  // null on public routes without credentials
  Params params;
  std::vector<std::string> args;  // the path segments its {name} parts matched
};

enum class Access { kPublic, kUser };

// Who answers a request: the JSON API, or a web page (ui/). A page that
// needs a user sends the browser to the sign-in page instead of answering
// 401, and errors before the handler runs are rendered by
// AppOptions::page_error.
enum class Kind { kApi, kPage };

struct Route {
  std::string method, path;  // "{name}" matches one segment; a last "{*}" the rest
  Access access;
  std::vector<std::string> params;  // query parameters accepted
  std::function<HttpResponse(Call&)> handle;
  std::string summary;
  Kind kind = Kind::kApi;
  // A handler that needs little stack (a snapshot, a few node reads, a
  // small answer: proofs, tiles, the checkpoint, health): it runs on the
  // CivetWeb worker's own thread, skipping the hand-off to the handler
  // pool (api/handler_pool.h) that costs a proof GET half its rate.
  bool shallow = false;
};

// An error page: status, a short title and what went wrong, for people.
using PageError = std::function<HttpResponse(const HttpRequest&, int status,
                                             const std::string& title, const std::string& message)>;

struct AppOptions {
  int64_t session_ttl_seconds = 8 * 3600;
  int max_login_failures = 5;
  int64_t login_window_seconds = 15 * 60;
  std::FILE* access_log = stderr;
  // Renders errors for page routes and for unknown paths outside /api/;
  // unset, every error is JSON.
  PageError page_error;
  // Witnessing (docs/operator.md "Witnessing"): the logs this node
  // witnesses ("log <origin> <vkey>" lines; its key is <ledger>/witness.key),
  // and the policy naming the witnesses this node submits its checkpoints
  // to. Either may be empty.
  std::string witness_config, witness_policy;
  SubmitterOptions submitter;
  // add-checkpoint requests per remote address per minute.
  int add_checkpoint_per_minute = 600;
};

class App {
 public:
  // Serves `routes` (AllRoutes() plus, in sharetraild, the web pages').
  static Result<std::unique_ptr<App>> Open(const std::string& ledger_dir, const AppOptions& options,
                                           std::vector<Route> routes = AllRoutes());
  HttpResponse Handle(const HttpRequest& req);
  // Whether req goes to a shallow route (Route::shallow): HttpOptions::shallow.
  bool Shallow(const HttpRequest& req) const;

  Ledger& ledger() { return *ledger_; }
  const policy::Engine& engine() const { return *engine_; }
  policy::CredentialStore& credentials() { return *credentials_; }
  SessionTable& sessions() { return sessions_; }
  LoginLimiter& limiter() { return limiter_; }
  const std::vector<Route>& routes() const { return routes_; }
  Date Today() const;
  // The last verify this server ran (POST /api/v1/verify), null if none.
  boost::json::value LastVerify();
  void SetLastVerify(boost::json::value report);
  // Held while a verify runs: one at a time, each is a full pass.
  std::mutex& verify_running() { return verify_running_; }

  // The directory's account of a user (party, team, roles), or NotFound;
  // PermissionDenied if the user is disabled.
  Result<Principal> LoadUser(const std::string& user);
  // Proposes an event acting as `who` (in `role` if given) and waits until
  // it is durable. The outcome JSON is that of the engine.
  Result<AppendResult> Propose(const Principal& who, const std::string& type,
                               boost::json::object body, const std::string& role = "");

  // Payloads kept outside the chain (ledger/vault.h), written and read
  // only through routes_items.cc's payload routes.
  Vault& vault() { return *vault_; }
  // Finishes lawful disposals (policies/shred.h): destroys the key of each
  // payload whose last copy is now disposed of and records that as `who`.
  // One pass at a time, so two disposals never record one shred twice.
  Result<std::vector<policy::Shredded>> ShredPending(const Principal& who, const std::string& role);

  // The witness this node runs for other parties' logs (null if none).
  Witness* witness() { return witness_.get(); }
  LoginLimiter& witness_limiter() { return witness_limiter_; }
  // Submits this node's checkpoints to its policy's witnesses (null if none).
  WitnessSubmitter* submitter() { return submitter_.get(); }
  // The latest checkpoint note with every cosignature held for it.
  Result<std::string> PublishedCheckpoint();

 private:
  App(const AppOptions& options);
  // Who the request acts as: none (no credentials), a principal, or an
  // error answer (bad token, expired session, missing CSRF token).
  Result<std::optional<Principal>> Authenticate(const HttpRequest& req, HttpResponse* denied);
  HttpResponse Dispatch(const HttpRequest& req, std::string* user);
  // A credential that names a user but may no longer act for them (a
  // revoked token, a disabled account's token or session): recorded as
  // login.failed, at most as often as the sign-in limit lets failures
  // through for that user and address, so a client retrying in a loop
  // cannot grow the ledger.
  void RecordRefusedCredential(const std::string& user, const std::string& addr, const char* why);
  // The answer to a request a page route could not take: sign-in redirect
  // or an error page.
  HttpResponse PageDenied(const HttpRequest& req, const HttpResponse& denied);

  AppOptions options_;
  std::shared_ptr<policy::Engine> engine_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<Vault> vault_;
  std::mutex shred_mu_;
  std::unique_ptr<policy::CredentialStore> credentials_;
  SessionTable sessions_;
  LoginLimiter limiter_;
  AccessLog log_;
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> route_segments_;
  std::mutex verify_mu_, verify_running_;
  boost::json::value last_verify_;  // routes_[i].path split at '/'
  std::unique_ptr<Witness> witness_;
  LoginLimiter witness_limiter_;
  // Last, so it stops (joining its threads) before the ledger closes.
  std::unique_ptr<WitnessSubmitter> submitter_;
};

// The route tables (routes_*.cc); AllRoutes is their union.
std::vector<Route> SessionRoutes();
std::vector<Route> ProofRoutes();
std::vector<Route> EventRoutes();
std::vector<Route> QueryRoutes();
std::vector<Route> ItemRoutes();
std::vector<Route> AccountRoutes();
std::vector<Route> VerifyRoutes();
std::vector<Route> FoiCaseRoutes();
std::vector<Route> TlogRoutes();
std::vector<Route> WitnessRoutes();

// Failed sign-ins (routes_session.cc), shared with the password change,
// whose current password is a sign-in by another door: limited per
// LoginKey by App::limiter() and recorded as login.failed when the name is
// a user's, so the attempt is part of the evidence.
std::string LoginKey(const std::string& user, const std::string& addr);
void RecordLoginFailure(App& app, const std::string& user, const std::string& addr,
                        const char* why);
HttpResponse TooManyAttempts(const std::string& user, int64_t wait);

// The standard answer to an engine refusal: 403 for reads (scope), 422 for
// proposed events; the outcome (with its decision) is included.
HttpResponse Refused(int status, const std::string& outcome_json);

// Proposes, as the caller, an event that gates the request (an access, a
// read of another party's data, an account change): the engine decides and
// the ledger records it either way. An answer (403 with the recorded
// refusal, or the error) if the request may not go ahead; else nothing, and
// `out` (if given) holds the append result.
std::optional<HttpResponse> Gate(Call& c, const std::string& type, boost::json::object body,
                                 AppendResult* out = nullptr);

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_APP_H_
