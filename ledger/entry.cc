#include "ledger/entry.h"

#include <boost/json/value.hpp>
#include <cstring>
#include <ctime>

#include "ledger/base64.h"
#include "ledger/canonical_json.h"

namespace sharetrail {
namespace {

constexpr size_t kTimeLen = 27;  // 2026-11-26T12:33:12.123456Z
constexpr size_t kPrevLen = 44;  // base64 of 32 bytes
constexpr size_t kMaxTypeLen = 64;

bool IsValidType(std::string_view t) {
  if (t.empty() || t.size() > kMaxTypeLen || t[0] < 'a' || t[0] > 'z') return false;
  for (char c : t) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status ValidateActor(const boost::json::object& actor) {
  static constexpr std::string_view kFields[] = {"party", "role", "team", "user"};
  for (const auto& [k, v] : actor) {
    bool known = false;
    for (auto f : kFields) known |= k == f;
    if (!known)
      return InvalidArgument("actor: unknown field \"" + std::string(k) +
                             "\" (allowed: user, party, team, role)");
    if (!v.is_string() || v.get_string().empty()) {
      return InvalidArgument("actor." + std::string(k) + ": must be a non-empty string");
    }
  }
  if (!actor.contains("user")) return InvalidArgument("actor.user: required");
  return Status::Ok();
}

bool Digits(std::string_view s, size_t pos, size_t n, int lo, int hi) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  return v >= lo && v <= hi;
}

bool Consume(std::string_view* s, std::string_view suffix) {
  if (s->size() < suffix.size() || s->substr(s->size() - suffix.size()) != suffix) return false;
  s->remove_suffix(suffix.size());
  return true;
}

}  // namespace

Status ValidateEvent(const Event& event) {
  ST_RETURN_IF_ERROR(ValidateActor(event.actor));
  if (!IsValidType(event.type)) {
    return InvalidArgument("type: \"" + event.type +
                           "\" must match [a-z][a-z0-9_.-]* and be at most 64 characters");
  }
  return Status::Ok();
}

Result<Event> ParseEvent(std::string_view json) {
  ST_ASSIGN_OR_RETURN(boost::json::value v, ParseStrict(json));
  if (!v.is_object()) return InvalidArgument("event: must be a JSON object");
  Event event;
  for (auto& [k, val] : v.get_object()) {
    if (k == "actor") {
      if (!val.is_object()) return InvalidArgument("actor: must be an object");
      event.actor = std::move(val.get_object());
    } else if (k == "body") {
      if (!val.is_object()) return InvalidArgument("body: must be an object");
      event.body = std::move(val.get_object());
    } else if (k == "type") {
      if (!val.is_string()) return InvalidArgument("type: must be a string");
      event.type = std::string(val.get_string());
    } else if (k == "seq" || k == "time" || k == "prev") {
      return InvalidArgument(std::string(k) + ": assigned by the ledger, must not be supplied");
    } else {
      return InvalidArgument("event: unknown field \"" + std::string(k) +
                             "\" (allowed: actor, type, body)");
    }
  }
  if (!v.get_object().contains("actor")) return InvalidArgument("actor: required");
  if (!v.get_object().contains("type")) return InvalidArgument("type: required");
  if (!v.get_object().contains("body")) return InvalidArgument("body: required");
  ST_RETURN_IF_ERROR(ValidateEvent(event));
  return event;
}

Result<PreparedEvent> PrepareEvent(const Event& event) {
  ST_RETURN_IF_ERROR(ValidateEvent(event));
  PreparedEvent p;
  ST_RETURN_IF_ERROR(AppendCanonical(event.actor, &p.actor_json).WithContext("actor: "));
  ST_RETURN_IF_ERROR(AppendCanonical(event.body, &p.body_json).WithContext("body: "));
  p.type = event.type;
  // The envelope adds fixed-size fields: keys, prev, time and a 16-digit seq.
  size_t size = p.actor_json.size() + p.body_json.size() + p.type.size() + 150;
  if (size > kMaxEntryBytes) {
    return InvalidArgument("event: canonical size " + std::to_string(size) +
                           " bytes exceeds the limit of " + std::to_string(kMaxEntryBytes) +
                           " (store large documents by digest, not inline)");
  }
  return p;
}

void EncodeEntry(const PreparedEvent& event, uint64_t seq, std::string_view time, const Hash& prev,
                 std::string* out) {
  out->reserve(out->size() + event.actor_json.size() + event.body_json.size() + 160);
  out->append("{\"actor\":").append(event.actor_json);
  out->append(",\"body\":").append(event.body_json);
  out->append(",\"prev\":\"").append(Base64(prev));
  out->append("\",\"seq\":").append(std::to_string(seq));
  out->append(",\"time\":\"").append(time);
  out->append("\",\"type\":\"").append(event.type).append("\"}");
}

Result<Entry> DecodeEntry(std::string_view canonical) {
  ST_ASSIGN_OR_RETURN(boost::json::value v, ParseStrict(canonical));
  if (!v.is_object()) return Corruption("entry is not a JSON object");
  auto& obj = v.get_object();
  if (obj.size() != 6)
    return Corruption("entry must have exactly actor, body, prev, seq, time, type");
  const boost::json::value* seq = obj.if_contains("seq");
  const boost::json::value* time = obj.if_contains("time");
  const boost::json::value* prev = obj.if_contains("prev");
  const boost::json::value* type = obj.if_contains("type");
  const boost::json::value* actor = obj.if_contains("actor");
  const boost::json::value* body = obj.if_contains("body");
  if (!seq || !seq->is_int64() || seq->get_int64() < 0)
    return Corruption("entry.seq missing or not a non-negative integer");
  if (!time || !time->is_string() || !IsValidTime(time->get_string()))
    return Corruption("entry.time missing or malformed");
  if (!prev || !prev->is_string()) return Corruption("entry.prev missing");
  if (!type || !type->is_string()) return Corruption("entry.type missing");
  if (!actor || !actor->is_object()) return Corruption("entry.actor missing");
  if (!body || !body->is_object()) return Corruption("entry.body missing");
  Entry e;
  e.seq = static_cast<uint64_t>(seq->get_int64());
  e.time = std::string(time->get_string());
  auto h = HashFromBase64(prev->get_string());
  if (!h.ok()) return Corruption("entry.prev: " + h.status().message());
  e.prev = *h;
  e.event.type = std::string(type->get_string());
  e.event.actor = actor->get_object();
  e.event.body = body->get_object();
  Status valid = ValidateEvent(e.event);
  if (!valid.ok()) return Corruption("entry: " + valid.message());
  auto prepared = PrepareEvent(e.event);
  if (!prepared.ok()) return Corruption("entry: " + prepared.status().message());
  std::string again;
  EncodeEntry(*prepared, e.seq, e.time, e.prev, &again);
  if (again != canonical) return Corruption("entry bytes are not in canonical form");
  return e;
}

Result<EntryTail> ReadEntryTail(std::string_view s) {
  EntryTail t;
  if (!Consume(&s, "\"}")) return Corruption("entry does not end with the type field");
  size_t q = s.rfind('"');
  if (q == std::string_view::npos) return Corruption("entry type field not found");
  t.type = s.substr(q + 1);
  s = s.substr(0, q + 1);
  if (!Consume(&s, ",\"type\":\"") || !IsValidType(t.type))
    return Corruption("entry type field malformed");
  if (!Consume(&s, "\"") || s.size() < kTimeLen) return Corruption("entry time field malformed");
  t.time = s.substr(s.size() - kTimeLen);
  s.remove_suffix(kTimeLen);
  if (!Consume(&s, ",\"time\":\"") || !IsValidTime(t.time))
    return Corruption("entry time field malformed");
  size_t digits = 0;
  while (digits < s.size() && digits < 17 && s[s.size() - 1 - digits] >= '0' &&
         s[s.size() - 1 - digits] <= '9') {
    ++digits;
  }
  std::string_view num = s.substr(s.size() - digits);
  if (digits == 0 || digits > 16 || (digits > 1 && num[0] == '0'))
    return Corruption("entry seq field malformed");
  for (char c : num) t.seq = t.seq * 10 + (c - '0');
  s.remove_suffix(digits);
  if (!Consume(&s, ",\"seq\":") || !Consume(&s, "\"") || s.size() < kPrevLen)
    return Corruption("entry seq field malformed");
  auto prev = HashFromBase64(s.substr(s.size() - kPrevLen));
  s.remove_suffix(kPrevLen);
  if (!prev.ok() || !Consume(&s, ",\"prev\":\"")) return Corruption("entry prev field malformed");
  t.prev = *prev;
  return t;
}

std::string FormatTime(int64_t unix_micros) {
  time_t secs = static_cast<time_t>(unix_micros / 1000000);
  int frac = static_cast<int>(((unix_micros % 1000000) + 1000000) % 1000000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

bool IsValidTime(std::string_view t) {
  return t.size() == kTimeLen && Digits(t, 0, 4, 1970, 9999) && t[4] == '-' &&
         Digits(t, 5, 2, 1, 12) && t[7] == '-' && Digits(t, 8, 2, 1, 31) && t[10] == 'T' &&
         Digits(t, 11, 2, 0, 23) && t[13] == ':' && Digits(t, 14, 2, 0, 59) && t[16] == ':' &&
         Digits(t, 17, 2, 0, 59) && t[19] == '.' && Digits(t, 20, 6, 0, 999999) && t[26] == 'Z';
}

Result<int64_t> ParseTime(std::string_view t) {
  if (!IsValidTime(t))
    return InvalidArgument("time \"" + std::string(t) + "\" is not YYYY-MM-DDTHH:MM:SS.ffffffZ");
  auto num = [&](size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  struct tm tm = {};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(5, 2) - 1;
  tm.tm_mday = num(8, 2);
  tm.tm_hour = num(11, 2);
  tm.tm_min = num(14, 2);
  tm.tm_sec = num(17, 2);
  int64_t secs = timegm(&tm);
  return secs * 1000000 + num(20, 6);
}

}  // namespace sharetrail
