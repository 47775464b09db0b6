// The page around every page: the GOV.UK template's skip link, a generic
// header (this is not a GOV.UK service, so no crown), the service
// navigation for the signed-in user, the main column and the footer.
//
// Invariants: no inline script or style (the CSP forbids both); every form
// that changes anything carries the session's CSRF token (Csrf below).
#ifndef SHARETRAIL_UI_LAYOUT_H_
#define SHARETRAIL_UI_LAYOUT_H_

#include <string>

#include "api/app.h"
#include "api/http.h"

namespace sharetrail::ui {

struct Page {
  std::string title;  // the h1's text; the <title> adds the service name
  std::string nav;    // the navigation entry to mark current: "home", "record", ...
  std::string body;   // HTML of the main column
  const api::Principal* who = nullptr;
  int status = 200;
  bool errors = false;  // the title gets "Error: " (GOV.UK error-page pattern)
  std::string back;     // a back link above the main column, if set
};

api::HttpResponse Render(const Page& page);
// The error page sharetraild shows for page routes (api::PageError).
api::HttpResponse ErrorPage(const api::HttpRequest& req, int status, const std::string& title,
                            const std::string& message);
// The hidden CSRF field of the signed-in user's forms.
std::string Csrf(const api::Principal& who);
// A 303 to a local path.
api::HttpResponse Redirect(const std::string& to);

}  // namespace sharetrail::ui

#endif  // SHARETRAIL_UI_LAYOUT_H_
