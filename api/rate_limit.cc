#include "api/rate_limit.h"

namespace sharetrail::api {

void LoginLimiter::Expire(std::deque<int64_t>* times, int64_t now) const {
  while (!times->empty() && times->front() + window_ <= now) times->pop_front();
}

int64_t LoginLimiter::RetryAfter(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  int64_t now = now_();
  Expire(&it->second, now);
  if (it->second.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(it->second.size()) < max_) return 0;
  return it->second.front() + window_ - now;
}

void LoginLimiter::Fail(const std::string& key) {
  std::lock_guard lock(mu_);
  auto& times = failures_[key];
  Expire(&times, now_());
  times.push_back(now_());
}

void LoginLimiter::Succeed(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace sharetrail::api
