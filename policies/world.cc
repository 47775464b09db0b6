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
std::string AgreementStamp(std::string_view id) { return Join({"agrv", id}); }
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
std::string ProviderNotice(std::string_view owner, std::string_view item) {
  return Join({"provnotice", owner, item});
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
std::string Foi(std::string_view request) { return Join({"foi", request}); }
std::string Erasure(std::string_view request) { return Join({"erasure", request}); }
std::string Token(std::string_view id) { return Join({"token", id}); }
std::string Peer(std::string_view party) { return Join({"peer", party}); }
std::string Sent(uint64_t seq) { return Join({"sent", std::to_string(seq)}); }
std::string Receipt(std::string_view peer, uint64_t seq) {
  return Join({"receipt", peer, std::to_string(seq)});
}
std::string Ack(uint64_t seq) { return Join({"ack", std::to_string(seq)}); }
std::string WitnessRefusal(std::string_view origin, int64_t size, std::string_view root) {
  return Join({"wrefused", Sha256Hex(std::string(origin) + "\n" + std::to_string(size) + "\n" +
                                     std::string(root))});
}
}  // namespace keys

// Parsed agreements by the SHA-256 of their stored record. The digest is
// kept in the small agrv/ record (written with the document by Apply), so a
// lookup reads and hashes a few dozen bytes rather than the whole document.
class AgreementCache {
 public:
  Result<std::shared_ptr<const Agreement>> Get(const StateView& state, std::string_view id,
                                               std::string_view stamp) {
    auto v = ParseStrict(stamp);
    if (!v.ok() || !v->is_object() || !v->as_object().contains("digest")) {
      return Corruption("agreement stamp for " + std::string(id) + " is malformed");
    }
    std::string digest = Str(v->as_object(), "digest");
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = cache_.find(digest);
      if (it != cache_.end()) return it->second;
    }
    ST_ASSIGN_OR_RETURN(auto record, state.Get(keys::Agreement(id)));
    if (!record) return Corruption("agreement " + std::string(id) + " has a stamp but no record");
    auto parsed = ParseStrict(*record);
    if (!parsed.ok() || !parsed->is_object())
      return Corruption("agreement record is not a JSON object");
    const json::object& o = parsed->as_object();
    const json::value* doc = o.if_contains("doc");
    if (doc == nullptr || !doc->is_object()) return Corruption("agreement record has no doc");
    ST_ASSIGN_OR_RETURN(Agreement a, ParseAgreement(doc->as_object()));
    a.version = o.at("version").as_int64();
    auto shared = std::make_shared<const Agreement>(std::move(a));
    std::lock_guard<std::mutex> lock(mu_);
    if (cache_.size() > 256) cache_.clear();  // versions are few; bound it anyway
    cache_.emplace(digest, shared);
    return shared;
  }

  // The imported calendar, parsed once per digest.
  Result<std::shared_ptr<const Calendar>> GetCalendar(const StateView& state,
                                                      const std::string& digest) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (calendar_ && calendar_digest_ == digest) return calendar_;
    }
    ST_ASSIGN_OR_RETURN(auto raw, state.Get(keys::kCalendarData));
    if (!raw) return Corruption("a calendar is recorded but its data is missing");
    if (Sha256Hex(*raw) != digest)
      return Corruption("the stored calendar does not match its digest");
    ST_ASSIGN_OR_RETURN(Calendar cal, Calendar::ParseGovukJson(*raw));
    auto shared = std::make_shared<const Calendar>(std::move(cal));
    std::lock_guard<std::mutex> lock(mu_);
    calendar_ = shared;
    calendar_digest_ = digest;
    return shared;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Agreement>, std::less<>> cache_;
  std::shared_ptr<const Calendar> calendar_;
  std::string calendar_digest_;
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
  ST_ASSIGN_OR_RETURN(auto stamp, state_.Get(keys::AgreementStamp(id)));
  if (!stamp) return std::shared_ptr<const Agreement>();
  std::string copy(*stamp);  // the view may not survive the record read
  return cache_->Get(state_, id, copy);
}

Result<std::vector<std::shared_ptr<const Agreement>>> World::Agreements() const {
  std::vector<std::pair<std::string, std::string>> stamps;
  ST_RETURN_IF_ERROR(state_.Scan("agrv/", "", [&](std::string_view k, std::string_view v) {
    stamps.emplace_back(k.substr(5), v);
    return true;
  }));
  std::vector<std::shared_ptr<const Agreement>> out;
  for (const auto& [id, stamp] : stamps) {
    ST_ASSIGN_OR_RETURN(auto a, cache_->Get(state_, id, stamp));
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

Result<std::shared_ptr<const Calendar>> World::Holidays() const {
  ST_ASSIGN_OR_RETURN(auto stamp, Record(keys::kCalendar));
  if (!stamp) {
    // The embedded calendar lives as long as the process.
    return std::shared_ptr<const sharetrail::Calendar>(&UkCalendar(),
                                                       [](const sharetrail::Calendar*) {});
  }
  return cache_->GetCalendar(state_, Str(*stamp, "digest"));
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

const json::object* Member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace sharetrail::policy
