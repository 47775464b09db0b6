// The pages read and write only through the JSON API, called in-process:
// the same authentication, party scope, access recording and refusals as
// any API client, and no second copy of those rules in ui/.
//
// Invariant: a call acts with the browser's own credentials (its session
// cookie, and the session's CSRF token on writes), never as anyone else.
#ifndef SHARETRAIL_UI_CLIENT_H_
#define SHARETRAIL_UI_CLIENT_H_

#include <boost/json/value.hpp>
#include <string>

#include "api/app.h"

namespace sharetrail::ui {

struct Answer {
  int status = 0;
  boost::json::value json;  // null if the answer was not JSON
  std::string body;
  api::HttpResponse raw;

  bool ok() const { return status >= 200 && status < 300; }
  // The error's message and field ({"error":{...}}), or "" if none.
  std::string Message() const;
  std::string Field() const;
};

// GET path ("/api/v1/...?a=b") as the caller; accept: "application/json"
// or "text/csv".
Answer ApiGet(api::Call& c, const std::string& path_and_query,
              const std::string& accept = "application/json");
// POST (or another method) a JSON body as the caller, or (as_caller
// false) with no credentials at all: signing in must not be stopped by a
// stale session cookie.
Answer ApiSend(api::Call& c, const std::string& method, const std::string& path,
               const boost::json::value& body, bool as_caller = true);

}  // namespace sharetrail::ui

#endif  // SHARETRAIL_UI_CLIENT_H_
