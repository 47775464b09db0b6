#include "api/sessions.h"

#include "ledger/base64.h"
#include "ledger/hash.h"
#include "ledger/keys.h"

namespace sharetrail::api {
namespace {

// base64url without padding: cookie- and header-safe.
std::string Token(std::string_view bytes) {
  std::string s = Base64Encode(bytes);
  for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

}  // namespace

Result<std::string> NewToken() {
  ST_ASSIGN_OR_RETURN(std::string bytes, RandomBytes(32));
  return Token(bytes);
}

Result<Session> SessionTable::Create(const std::string& user) {
  ST_ASSIGN_OR_RETURN(std::string id, NewToken());
  ST_ASSIGN_OR_RETURN(std::string csrf, NewToken());
  Session s{id, user, csrf, now_() + ttl_};
  Session stored = s;
  stored.id.clear();
  std::lock_guard lock(mu_);
  // Expired sessions are swept at login, so the table is bounded by the
  // logins of one ttl.
  for (auto it = by_hash_.begin(); it != by_hash_.end();) {
    it = it->second.expires <= now_() ? by_hash_.erase(it) : std::next(it);
  }
  by_hash_[Sha256Hex(s.id)] = std::move(stored);
  return s;
}

std::optional<Session> SessionTable::Find(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = by_hash_.find(Sha256Hex(id));
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires <= now_()) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionTable::Remove(const std::string& id) {
  std::lock_guard lock(mu_);
  by_hash_.erase(Sha256Hex(id));
}

}  // namespace sharetrail::api
