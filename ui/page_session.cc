// Sign in and sign out. The sign-in form posts here, and this page signs in
// through the API (POST /api/v1/session), which checks the password, limits
// failures and records them on the ledger; the session cookie it sets is
// passed on to the browser.
//
// The sign-in form has its own CSRF token, a random value in a short-lived
// cookie and a hidden field that must match, so another site cannot sign a
// browser in as someone else (login CSRF).
#include <boost/json/object.hpp>

#include "api/params.h"
#include "api/sessions.h"
#include "ledger/keys.h"
#include "ui/client.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "ui/ui.h"

namespace sharetrail::ui {
namespace json = boost::json;
namespace {

constexpr char kSigninCookie[] = "st_signin";

// Only a local path: an open redirect would let a link send a signed-in
// user anywhere.
std::string LocalPath(const std::string& next) {
  if (next.empty() || !next.starts_with("/") || next.starts_with("//") ||
      next.find('\\') != std::string::npos) {
    return "/";
  }
  return next;
}

struct Form {
  std::string user, next, banner;
  std::vector<FieldError> errors;
};

api::HttpResponse SignInPage(const Form& f, int status) {
  auto token = api::NewToken();
  if (!token.ok()) {
    return ErrorPage({}, 500, "Sorry, there is a problem", "The server could not make a token.");
  }
  auto error_for = [&f](const std::string& id) {
    for (const auto& e : f.errors) {
      if (e.id == id) return e.message;
    }
    return std::string();
  };
  Input user{"user", "user", "User name"};
  user.value = f.user;
  user.hint = "For example, ofsted.ig.hale";
  user.error = error_for("user");
  user.classes = "govuk-input--width-20";
  user.autocomplete = "username";
  user.spellcheck = false;
  Input password{"password", "password", "Password"};
  password.error = error_for("password");
  password.type = "password";
  password.classes = "govuk-input--width-20";
  password.autocomplete = "current-password";
  password.spellcheck = false;
  Page p;
  p.title = "Sign in";
  p.status = status;
  p.errors = !f.errors.empty();
  p.body = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + f.banner +
           ErrorSummary(f.errors) + Heading("Sign in") +
           "<p class=\"govuk-body\">Use the account your information governance team gave you. "
           "Failed attempts are recorded on the ledger.</p>"
           "<form method=\"post\" action=\"/sign-in\" novalidate>" +
           Hidden("signin", *token) + Hidden("next", f.next) + TextInput(user) +
           TextInput(password) + Button("Sign in") + "</form></div></div>";
  api::HttpResponse r = Render(p);
  r.headers.emplace_back("Set-Cookie", std::string(kSigninCookie) + "=" + *token +
                                           "; Path=/sign-in; HttpOnly; SameSite=Strict; "
                                           "Max-Age=3600");
  return r;
}

api::HttpResponse Show(api::Call& c) {
  if (c.who != nullptr) return Redirect(LocalPath(c.params.Str("next")));
  Form f;
  f.next = LocalPath(c.params.Str("next"));
  if (c.params.Has("signed_out")) {
    f.banner = NotificationBanner("Success",
                                  "<p class=\"govuk-notification-banner__heading\">"
                                  "You have signed out.</p>",
                                  true);
  }
  return SignInPage(f, 200);
}

api::HttpResponse SignIn(api::Call& c) {
  Form f;
  auto form = api::ParseForm(c.req.body);
  if (!form.ok()) {
    f.errors.push_back({"user", "The form could not be read: " + form.status().message()});
    return SignInPage(f, 400);
  }
  f.user = (*form)["user"];
  f.next = LocalPath((*form)["next"]);
  std::string expected = api::CookieValue(c.req.Header("cookie"), kSigninCookie);
  if (expected.empty() || !ConstantTimeEqual(expected, (*form)["signin"])) {
    f.errors.push_back({"user", "The sign-in form had expired. Enter your details again"});
    return SignInPage(f, 403);
  }
  if (f.user.empty()) f.errors.push_back({"user", "Enter your user name"});
  if ((*form)["password"].empty()) f.errors.push_back({"password", "Enter your password"});
  if (!f.errors.empty()) return SignInPage(f, 400);

  // Through the API with no cookie: a stale session cookie must not stand
  // in the way of signing in again.
  Answer a = ApiSend(c, "POST", "/api/v1/session",
                     json::object{{"user", f.user}, {"password", (*form)["password"]}}, false);
  if (a.status == 201) {
    api::HttpResponse r = Redirect(f.next);
    r.headers.emplace_back("Set-Cookie", std::string(kSigninCookie) +
                                             "=; Path=/sign-in; HttpOnly; SameSite=Strict; "
                                             "Max-Age=0");
    for (const auto& [name, value] : a.raw.headers) {
      if (name == "Set-Cookie") r.headers.emplace_back(name, value);
    }
    return r;
  }
  std::string message = "Enter a correct user name and password";
  if (a.status == 400 && !a.json.is_null()) {
    // The API names the field it could not take (a user name that is not an id).
    message = "Enter a user name like ofsted.ig.hale (lower case letters, digits, dots)";
  } else if (a.status == 429 && !a.Message().empty()) {
    message = a.Message();
  } else if (a.status != 401) {
    message = "Sorry, the service could not sign you in. Try again later";
  }
  f.errors.push_back({"user", message});
  return SignInPage(f, a.status == 429 ? 429 : 401);
}

api::HttpResponse SignOut(api::Call& c) {
  (void)ApiSend(c, "DELETE", "/api/v1/session", json::object{});
  api::HttpResponse r = Redirect("/sign-in?signed_out=1");
  r.headers.emplace_back("Set-Cookie", "st_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

}  // namespace

std::vector<api::Route> SessionPages() {
  return {
      {"GET", "/sign-in", api::Access::kPublic, {"next", "signed_out"}, Show, "Sign-in page"},
      {"POST", "/sign-in", api::Access::kPublic, {}, SignIn, "Sign in from the form"},
      {"POST", "/sign-out", api::Access::kUser, {}, SignOut, "Sign out"},
  };
}

}  // namespace sharetrail::ui
