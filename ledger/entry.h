// An entry: one event as the log holds it and hashes it.
//
// The hashed bytes are the RFC 8785 canonical JSON of
//   {"actor":{...},"body":{...},"prev":"<base64>","seq":N,"time":"T","type":"t"}
// (that key order is the canonical one). Invariants, checked by verify:
//   - seq is the entry's 0-based position;
//   - prev is LeafHash of entry seq-1, and 32 zero bytes for seq 0, so the
//     entries form a hash chain as well as the leaves of the Merkle tree;
//   - time is UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ" (RFC 3339, always 6 fraction
//     digits, so byte order is time order) and never decreases;
//   - type matches [a-z][a-z0-9_.-]{0,63}, so it never needs escaping;
//   - actor is an object with a non-empty string "user" and optional string
//     "party", "team", "role"; body is an object;
//   - the canonical entry is at most kMaxEntryBytes.
#ifndef SHARETRAIL_LEDGER_ENTRY_H_
#define SHARETRAIL_LEDGER_ENTRY_H_

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/hash.h"
#include "ledger/status.h"

namespace sharetrail {

// 65535, not 64 KiB: every entry must fit the uint16 length prefix of a
// tlog-tiles entry bundle (tiles.h).
constexpr size_t kMaxEntryBytes = 0xFFFF;

// What a caller submits; the ledger assigns seq, time and prev.
struct Event {
  boost::json::object actor;
  std::string type;
  boost::json::object body;
};

Status ValidateEvent(const Event& event);
// Parses {"actor":{...},"type":"...","body":{...}} (strict JSON, no other keys).
Result<Event> ParseEvent(std::string_view json);

// An event validated and canonicalised once, off the writer thread: the
// writer only splices the envelope around these pieces.
struct PreparedEvent {
  std::string actor_json;  // canonical
  std::string body_json;   // canonical
  std::string type;
};
Result<PreparedEvent> PrepareEvent(const Event& event);

struct Entry {
  uint64_t seq = 0;
  std::string time;
  Event event;
  Hash prev{};
};

// Appends the canonical entry bytes to *out.
void EncodeEntry(const PreparedEvent& event, uint64_t seq, std::string_view time, const Hash& prev,
                 std::string* out);
// Parses and fully checks canonical entry bytes (strict JSON, schema, and
// that the bytes are exactly the canonical encoding).
Result<Entry> DecodeEntry(std::string_view canonical);

// The chained fields, read from the fixed tail of canonical bytes without a
// JSON parse (verify's hot path): ...,"prev":"B64","seq":N,"time":"T","type":"t"}
struct EntryTail {
  uint64_t seq = 0;
  Hash prev{};
  std::string_view time;
  std::string_view type;
};
Result<EntryTail> ReadEntryTail(std::string_view canonical);

// Current UTC time in the entry format.
std::string FormatTime(int64_t unix_micros);
bool IsValidTime(std::string_view time);
// Inverse of FormatTime.
Result<int64_t> ParseTime(std::string_view time);

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_ENTRY_H_
