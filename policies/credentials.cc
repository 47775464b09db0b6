#include "policies/credentials.h"

#include <sys/stat.h>

#include <boost/json/serialize.hpp>
#include <cerrno>
#include <charconv>

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/files.h"
#include "ledger/hash.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

constexpr size_t kSaltBytes = 16, kHashBytes = 32, kSecretBytes = 32;

std::string Hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

json::object& Section(json::object& doc, std::string_view name) {
  json::value& v = doc[name];
  if (!v.is_object()) v = json::object();
  return v.as_object();
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

Result<uint64_t> Number(std::string_view s) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return Corruption("credentials: bad scrypt parameter \"" + std::string(s) + "\"");
  }
  return v;
}

}  // namespace

Result<std::unique_ptr<CredentialStore>> CredentialStore::Open(const std::string& ledger_dir) {
  std::string dir = ledger_dir + "/auth";
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Errno("mkdir " + dir);
  std::unique_ptr<CredentialStore> store(new CredentialStore(dir + "/credentials.json"));
  std::lock_guard lock(store->mu_);
  ST_RETURN_IF_ERROR(store->Reload());
  return store;
}

Status CredentialStore::Reload() {
  struct stat st;
  if (stat(path_.c_str(), &st) != 0) {
    if (errno != ENOENT) return Errno("stat " + path_);
    doc_ = json::object();
    size_ = -1;
    return Status::Ok();
  }
  if (st.st_size == size_ && st.st_mtim.tv_sec == mtime_.tv_sec &&
      st.st_mtim.tv_nsec == mtime_.tv_nsec) {
    return Status::Ok();
  }
  if ((st.st_mode & 077) != 0) {
    return PermissionDenied(path_ + " is readable or writable by group or others; chmod 600 it");
  }
  ST_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path_));
  auto v = ParseStrict(bytes);
  if (!v.ok() || !v->is_object()) return Corruption(path_ + ": not a JSON object");
  doc_ = std::move(v->as_object());
  mtime_ = st.st_mtim;
  size_ = st.st_size;
  return Status::Ok();
}

Status CredentialStore::Save() {
  ST_ASSIGN_OR_RETURN(std::string bytes, Canonicalize(doc_));
  std::string dir = path_.substr(0, path_.rfind('/'));
  ST_RETURN_IF_ERROR(WriteDurably(dir, path_, bytes));
  // Pick up our own write's mtime so the next lookup does not re-read it.
  size_ = -1;
  return Reload();
}

Status CredentialStore::CheckPasswordRules(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return InvalidArgument("password: must be at least " + std::to_string(kMinPasswordLength) +
                           " characters, got " + std::to_string(password.size()));
  }
  if (password.size() > 1024) return InvalidArgument("password: longer than 1024 characters");
  return Status::Ok();
}

Status CredentialStore::SetPassword(const std::string& user, std::string_view password,
                                    const ScryptParams& params) {
  ST_RETURN_IF_ERROR(CheckPasswordRules(password));
  ST_ASSIGN_OR_RETURN(std::string salt, RandomBytes(kSaltBytes));
  ST_ASSIGN_OR_RETURN(std::string hash, Scrypt(password, salt, params, kHashBytes));
  std::string stored = "scrypt$" + std::to_string(params.n) + "$" + std::to_string(params.r) + "$" +
                       std::to_string(params.p) + "$" + Base64Encode(salt) + "$" +
                       Base64Encode(hash);
  std::lock_guard lock(mu_);
  ST_RETURN_IF_ERROR(Reload());
  Section(doc_, "passwords")[user] = stored;
  return Save();
}

Result<bool> CredentialStore::CheckPassword(const std::string& user, std::string_view password) {
  std::string stored;
  {
    std::lock_guard lock(mu_);
    ST_RETURN_IF_ERROR(Reload());
    const json::value* v = Section(doc_, "passwords").if_contains(user);
    if (v == nullptr || !v->is_string()) return false;
    stored = std::string(v->as_string());
  }
  auto parts = Split(stored, '$');
  if (parts.size() != 6 || parts[0] != "scrypt") {
    return Corruption(path_ + ": password of " + user + " is not an scrypt hash");
  }
  ScryptParams params;
  ST_ASSIGN_OR_RETURN(params.n, Number(parts[1]));
  ST_ASSIGN_OR_RETURN(params.r, Number(parts[2]));
  ST_ASSIGN_OR_RETURN(params.p, Number(parts[3]));
  ST_ASSIGN_OR_RETURN(std::string salt, Base64Decode(parts[4]));
  ST_ASSIGN_OR_RETURN(std::string want, Base64Decode(parts[5]));
  ST_ASSIGN_OR_RETURN(std::string got, Scrypt(password, salt, params, want.size()));
  return ConstantTimeEqual(got, want);
}

Result<IssuedToken> CredentialStore::NewToken() {
  ST_ASSIGN_OR_RETURN(std::string id, RandomBytes(8));
  ST_ASSIGN_OR_RETURN(std::string secret, RandomBytes(kSecretBytes));
  IssuedToken t;
  t.id = "tok-" + Hex(id);
  t.bearer = t.id + "." + Hex(secret);
  return t;
}

Status CredentialStore::SaveToken(const std::string& user, const IssuedToken& token) {
  std::string secret = token.bearer.substr(token.id.size() + 1);
  std::lock_guard lock(mu_);
  ST_RETURN_IF_ERROR(Reload());
  Section(doc_, "tokens")[token.id] = json::object{{"user", user}, {"sha256", Sha256Hex(secret)}};
  return Save();
}

Status CredentialStore::RevokeToken(const std::string& id) {
  std::lock_guard lock(mu_);
  ST_RETURN_IF_ERROR(Reload());
  json::value* v = Section(doc_, "tokens").if_contains(id);
  if (v == nullptr || !v->is_object()) return Status::Ok();
  v->as_object()["revoked"] = true;
  return Save();
}

Result<std::optional<CredentialStore::TokenOwner>> CredentialStore::FindToken(
    std::string_view bearer) {
  size_t dot = bearer.find('.');
  if (dot == std::string_view::npos) return std::optional<TokenOwner>();
  std::string id(bearer.substr(0, dot));
  std::string digest = Sha256Hex(bearer.substr(dot + 1));
  std::lock_guard lock(mu_);
  ST_RETURN_IF_ERROR(Reload());
  const json::value* v = Section(doc_, "tokens").if_contains(id);
  if (v == nullptr || !v->is_object()) return std::optional<TokenOwner>();
  const json::value* want = v->as_object().if_contains("sha256");
  const json::value* user = v->as_object().if_contains("user");
  if (want == nullptr || !want->is_string() || user == nullptr || !user->is_string() ||
      !ConstantTimeEqual(digest, want->as_string())) {
    return std::optional<TokenOwner>();
  }
  const json::value* revoked = v->as_object().if_contains("revoked");
  return std::optional<TokenOwner>(
      TokenOwner{id, std::string(user->as_string()),
                 revoked != nullptr && revoked->is_bool() && revoked->as_bool()});
}

}  // namespace sharetrail::policy
