// Passwords and API tokens, kept beside the ledger and never on it.
//
// The chain is immutable and ends up in evidence bundles, so secrets (even
// hashed) stay out of it: the ledger records only that a credential was set
// or a token id issued or revoked (events credential.set, token.issued,
// token.revoked). This store holds the verifiers:
//
//   DIR/auth/credentials.json   mode 0600, in a directory of mode 0700
//   {"passwords":{"<user>":"scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>"},
//    "tokens":{"<token id>":{"user":"<user>","sha256":"<hex of the secret>"}}}
//
// Invariants:
//   - a password is kept only as scrypt with a fresh 16-byte salt and the
//     parameters it was hashed with;
//   - a token is "<id>.<secret>" with a 256-bit random secret; only its
//     SHA-256 is stored (the secret's entropy makes a slow hash needless);
//   - every change is written to a temporary file, fsync'd and renamed over
//     the old one, so a crash leaves the old or the new file, never half;
//   - a change made by another process is picked up on the next lookup (the
//     file's mtime and size are checked).
#ifndef SHARETRAIL_POLICIES_CREDENTIALS_H_
#define SHARETRAIL_POLICIES_CREDENTIALS_H_

#include <sys/types.h>

#include <boost/json/object.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ledger/keys.h"
#include "ledger/status.h"

namespace sharetrail::policy {

constexpr size_t kMinPasswordLength = 12;

struct IssuedToken {
  std::string id;      // recorded on the ledger
  std::string bearer;  // "<id>.<secret>", shown once, never stored
};

class CredentialStore {
 public:
  // Opens (creating if missing) ledger_dir/auth.
  static Result<std::unique_ptr<CredentialStore>> Open(const std::string& ledger_dir);

  // InvalidArgument (field "password") if shorter than kMinPasswordLength.
  static Status CheckPasswordRules(std::string_view password);
  Status SetPassword(const std::string& user, std::string_view password,
                     const ScryptParams& params = {});
  // True iff the user has a password and it is this one.
  Result<bool> CheckPassword(const std::string& user, std::string_view password);

  // A fresh token id and bearer string; nothing is stored until SaveToken.
  static Result<IssuedToken> NewToken();
  Status SaveToken(const std::string& user, const IssuedToken& token);
  // Marks the token revoked. Its hash stays, so a later use of the real
  // token is still known as this user's (and refused, and recorded), while
  // nobody can pass it off by its id alone.
  Status RevokeToken(const std::string& id);
  // The token's id and user if the bearer string matches a stored token,
  // with whether it was revoked.
  struct TokenOwner {
    std::string id, user;
    bool revoked = false;
  };
  Result<std::optional<TokenOwner>> FindToken(std::string_view bearer);

 private:
  explicit CredentialStore(std::string path) : path_(std::move(path)) {}
  Status Reload();  // mu_ held
  Status Save();    // mu_ held

  std::string path_;
  std::mutex mu_;
  boost::json::object doc_;
  struct timespec mtime_ = {0, 0};
  off_t size_ = -1;
};

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_CREDENTIALS_H_
