#include "policies/world.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "ledger/canonical_json.h"
#include "ledger/hash.h"

namespace sharetrail::policy {
namespace json = boost::json;

namespace keys {
namespace {
std::string Join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}
}  // namespace
std::string Party(std::string_view id) { return Join({"party", id}); }
std::string User(std::string_view id) { return Join({"user", id}); }
std::string Admin(std::string_view user) { return Join({"admin", user}); }
std::string Agreement(std::string_view id) { return Join({"agr", id}); }
std::string Review(std::string_view agreement) { return Join({"review", agreement}); }
std::string Item(std::string_view id) { return Join({"item", id}); }
std::string Held(std::string_view item, std::string_view party) {
  return Join({"held", item, party});
}
std::string Consent(std::string_view item, std::string_view party) {
  return Join({"consent", item, party});
}
std::string Notified(std::string_view item, std::string_view party) {
  return Join({"notified", item, party});
}
std::string Incident(std::string_view id) { return Join({"incident", id}); }
std::string Request(std::string_view id) { return Join({"request", id}); }
std::string Matter(std::string_view id) { return Join({"matter", id}); }
std::string Jtai(std::string_view inspection, std::string_view request) {
  return Join({"jtai", inspection, request});
}
std::string Inspection(std::string_view id) { return Join({"inspection", id}); }
std::string Hold(std::string_view id) { return Join({"hold", id}); }
std::string Trigger(std::string_view item, std::string_view kind) {
  return Join({"trigger", item, kind});
}
std::string DeletionRequest(std::string_view id) { return Join({"delreq", id}); }
}  // namespace keys

class AgreementCache {
 public:
  Result<std::shared_ptr<const Agreement>> Get(std::string_view record) {
    Hash digest = Sha256(record);
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(digest);
    if (it != cache_.end()) return it->second;
    auto v = ParseStrict(record);
    if (!v.ok() || !v->is_object()) return Corruption("agreement record is not a JSON object");
    const json::object& o = v->as_object();
    const json::value* doc = o.if_contains("doc");
    if (doc == nullptr || !doc->is_object()) return Corruption("agreement record has no doc");
    ST_ASSIGN_OR_RETURN(Agreement a, ParseAgreement(doc->as_object()));
    a.version = o.at("version").as_int64();
    auto shared = std::make_shared<const Agreement>(std::move(a));
    if (cache_.size() > 256) cache_.clear();  // versions are few; bound it anyway
    cache_.emplace(digest, shared);
    return shared;
  }

 private:
  std::mutex mu_;
  std::map<Hash, std::shared_ptr<const Agreement>> cache_;
};

std::shared_ptr<AgreementCache> NewAgreementCache() { return std::make_shared<AgreementCache>(); }

Result<std::optional<json::object>> World::Record(const std::string& key) const {
  ST_ASSIGN_OR_RETURN(auto raw, state_.Get(key));
  if (!raw) return std::optional<json::object>();
  auto v = ParseStrict(*raw);
  if (!v.ok() || !v->is_object()) return Corruption("state record " + key + " is not an object");
  return std::optional<json::object>(std::move(v->as_object()));
}

Result<bool> World::Exists(const std::string& key) const {
  ST_ASSIGN_OR_RETURN(auto raw, state_.Get(key));
  return raw.has_value();
}

Result<json::object> World::Need(const std::string& key, std::string_view field,
                                 std::string_view what, std::string_view id) const {
  ST_ASSIGN_OR_RETURN(auto rec, Record(key));
  if (!rec) {
    return InvalidArgument(std::string(field) + ": unknown " + std::string(what) + " \"" +
                           std::string(id) + "\"");
  }
  return std::move(*rec);
}

Result<std::shared_ptr<const Agreement>> World::FindAgreement(std::string_view id) const {
  ST_ASSIGN_OR_RETURN(auto raw, state_.Get(keys::Agreement(id)));
  if (!raw) return std::shared_ptr<const Agreement>();
  return cache_->Get(*raw);
}

Result<std::vector<std::shared_ptr<const Agreement>>> World::Agreements() const {
  std::vector<std::string> records;
  ST_RETURN_IF_ERROR(state_.Scan("agr/", "", [&](std::string_view, std::string_view v) {
    records.emplace_back(v);
    return true;
  }));
  std::vector<std::shared_ptr<const Agreement>> out;
  for (const std::string& r : records) {
    ST_ASSIGN_OR_RETURN(auto a, cache_->Get(r));
    out.push_back(std::move(a));
  }
  return out;
}

Result<bool> World::AnyAdmin() const {
  bool any = false;
  ST_RETURN_IF_ERROR(state_.Scan("admin/", "", [&](std::string_view, std::string_view) {
    any = true;
    return false;
  }));
  return any;
}

Result<std::string> World::PartyKind(std::string_view party) const {
  ST_ASSIGN_OR_RETURN(auto rec, Record(keys::Party(party)));
  return rec ? Str(*rec, "kind") : std::string();
}

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool Flag(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->as_bool();
}

std::vector<std::string> List(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (v != nullptr && v->is_array()) {
    for (const auto& e : v->as_array()) {
      if (e.is_string()) out.emplace_back(e.as_string());
    }
  }
  return out;
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace sharetrail::policy
