// Browser sessions: a random 256-bit id in an HttpOnly, SameSite=Strict
// cookie, and a separate random CSRF token the page must echo on every
// state-changing request (double submit is not enough: the CSRF token is
// not in a cookie at all, it comes back only in the login answer).
//
// Invariants:
//   - sessions live in memory only: a restart signs everyone out, and no
//     session id is ever written to disk or the ledger;
//   - a session expires ttl seconds after login, whatever its use;
//   - lookups compare ids through a hash map keyed by SHA-256(id), so the
//     stored keys are not the ids themselves.
#ifndef SHARETRAIL_API_SESSIONS_H_
#define SHARETRAIL_API_SESSIONS_H_

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "ledger/status.h"

namespace sharetrail::api {

// A random 256-bit value as base64url without padding (cookie-, header-
// and form-safe): session ids, CSRF tokens, the sign-in form's token.
Result<std::string> NewToken();

struct Session {
  std::string id;  // only in the value Create returns
  std::string user, csrf;
  int64_t expires = 0;  // unix seconds
};

class SessionTable {
 public:
  SessionTable(int64_t ttl_seconds, std::function<int64_t()> now)
      : ttl_(ttl_seconds), now_(std::move(now)) {}
  Result<Session> Create(const std::string& user);
  std::optional<Session> Find(const std::string& id);
  void Remove(const std::string& id);

 private:
  int64_t ttl_;
  std::function<int64_t()> now_;
  std::mutex mu_;
  std::unordered_map<std::string, Session> by_hash_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_SESSIONS_H_
