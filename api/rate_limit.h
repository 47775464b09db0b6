// Failed-login throttling per (user, address): after `max_failures` within
// `window` seconds, further attempts for that pair are refused with 429
// until the oldest failure leaves the window. Checked before the password
// is hashed, so a flood costs the server no scrypt work. A success clears
// the pair. In memory only: a restart forgets it (the failures themselves
// are on the ledger).
#ifndef SHARETRAIL_API_RATE_LIMIT_H_
#define SHARETRAIL_API_RATE_LIMIT_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace sharetrail::api {

class LoginLimiter {
 public:
  LoginLimiter(int max_failures, int64_t window_seconds, std::function<int64_t()> now)
      : max_(max_failures), window_(window_seconds), now_(std::move(now)) {}
  // Seconds to wait before trying again, or 0 if an attempt may be made now.
  int64_t RetryAfter(const std::string& key);
  void Fail(const std::string& key);
  void Succeed(const std::string& key);

 private:
  void Expire(std::deque<int64_t>* times, int64_t now) const;
  int max_;
  int64_t window_;
  std::function<int64_t()> now_;
  std::mutex mu_;
  std::map<std::string, std::deque<int64_t>> failures_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_RATE_LIMIT_H_
