#include "ledger/canonical_json.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <charconv>
#include <exception>
#include <vector>

#include "ledger/json_string.h"
#include "ledger/utf8.h"

namespace sharetrail {
namespace {

namespace json = boost::json;

std::string_view View(json::string_view s) { return {s.data(), s.size()}; }

// Path segment for a member: .name when that reads unambiguously, else ["..."].
std::string KeySegment(std::string_view key) {
  auto alpha = [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  bool plain = !key.empty();
  for (size_t i = 0; i < key.size() && plain; ++i) {
    const char c = key[i];
    plain = alpha(c) || c == '_' || c == '$' || (i > 0 && c >= '0' && c <= '9');
  }
  // Appending rather than "." + std::string(...): GCC 12 -O2 raises a false
  // -Wrestrict on const char* + string&& (GCC PR 105329).
  std::string segment(plain ? "." : "[");
  segment += plain ? std::string(key) : QuoteForMessage(key);
  if (!plain) segment += ']';
  return segment;
}

void WriteInt(int64_t i, StringWriter* out) {
  out->Reserve(20);  // "-9223372036854775808"
  out->cursor() = std::to_chars(out->cursor(), out->cursor() + 20, i).ptr;
}

// Serializes a value tree. The recursion returns bool rather than Status so
// the hot path moves no strings; on failure what_ says what is wrong and
// path_ is built up as the error unwinds, each level prepending its segment.
class Canonicalizer {
 public:
  explicit Canonicalizer(std::string* out) : out_(out) {
    members_.reserve(64);  // one allocation covers typical documents
  }
  bool Append(const json::value& v);
  // "$.body.items[2]: number 1.5 is a double; ..."
  Status error() const { return InvalidArgument("$" + path_ + ": " + what_); }

 private:
  bool AppendArray(const json::array& array);
  bool AppendObject(const json::object& object);
  bool AppendString(std::string_view s, const char* what);
  bool Fail(std::string what) {
    what_ = std::move(what);
    return false;
  }

  StringWriter out_;
  // Member order scratch, used as a stack by nested objects, so a whole
  // document sorts its keys with one allocation and no key copies. Keeping
  // the key's view here, not a key_value_pair*, saves a load per comparison.
  struct Member {
    std::string_view key;
    const json::value* value;
  };
  std::vector<Member> members_;
  std::string what_;
  std::string path_;
};

bool Canonicalizer::Append(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      out_.Write("null", 4);
      return true;
    case json::kind::bool_:
      v.get_bool() ? out_.Write("true", 4) : out_.Write("false", 5);
      return true;
    case json::kind::int64: {
      const int64_t i = v.get_int64();
      if (i > kMaxSafeInteger || i < -kMaxSafeInteger) {
        return Fail("integer " + std::to_string(i) + " is outside [-(2^53-1), 2^53-1]");
      }
      WriteInt(i, &out_);
      return true;
    }
    case json::kind::uint64: {
      const uint64_t u = v.get_uint64();
      if (u > static_cast<uint64_t>(kMaxSafeInteger)) {
        return Fail("integer " + std::to_string(u) + " is outside [-(2^53-1), 2^53-1]");
      }
      WriteInt(static_cast<int64_t>(u), &out_);
      return true;
    }
    case json::kind::double_: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get_double());
      return Fail("number " + std::string(buf, end - buf) +
                  " is a double; only integers are allowed");
    }
    case json::kind::string:
      return AppendString(View(v.get_string()), "string");
    case json::kind::array:
      return AppendArray(v.get_array());
    case json::kind::object:
      return AppendObject(v.get_object());
  }
  return Fail("unknown JSON kind");
}

bool Canonicalizer::AppendString(std::string_view s, const char* what) {
  size_t bad = 0;
  const Utf8Error error = WriteJsonString(s, &out_, &bad);
  if (error == Utf8Error::kNone) return true;
  return Fail(std::string(what) + " is not valid UTF-8 (byte " + std::to_string(bad) + ": " +
              Utf8ErrorText(error) + ")");
}

bool Canonicalizer::AppendArray(const json::array& array) {
  out_.Put('[');
  for (size_t i = 0; i < array.size(); ++i) {
    if (i > 0) out_.Put(',');
    if (!Append(array[i])) {
      std::string segment("[");
      segment += std::to_string(i);
      segment += ']';
      path_.insert(0, segment);
      return false;
    }
  }
  out_.Put(']');
  return true;
}

bool Canonicalizer::AppendObject(const json::object& object) {
  const size_t base = members_.size();
  for (const json::key_value_pair& member : object) {
    members_.push_back({View(member.key()), &member.value()});
  }
  // CompareUtf16 is a total order on any bytes, so sorting before the keys
  // are validated (as they are written) is safe.
  std::sort(members_.begin() + base, members_.end(),
            [](const Member& a, const Member& b) { return CompareUtf16(a.key, b.key) < 0; });
  out_.Put('{');
  // Index, not iterators: nested objects may grow (reallocate) members_.
  const size_t end = members_.size();
  bool ok = true;
  for (size_t i = base; i < end && ok; ++i) {
    const Member member = members_[i];
    if (i > base) {
      out_.Put(',');
      // boost::json objects normally hold unique keys; a hash must never
      // depend on which duplicate happened to survive, so refuse outright.
      if (member.key == members_[i - 1].key) ok = Fail("duplicate key");
    }
    ok = ok && AppendString(member.key, "key");
    if (ok) {
      out_.Put(':');
      ok = Append(*member.value);
    }
    if (!ok) path_.insert(0, KeySegment(member.key));
  }
  members_.resize(base);
  if (ok) out_.Put('}');
  return ok;
}

}  // namespace

Status AppendCanonical(const json::value& v, std::string* out) {
  const size_t original_size = out->size();
  Status status;
  try {
    Canonicalizer canonicalizer(out);
    if (!canonicalizer.Append(v)) status = canonicalizer.error();
  } catch (const std::exception& e) {  // allocation failure; nothing else throws here
    status = Internal(std::string("canonical JSON: ") + e.what());
  }
  if (!status.ok()) out->resize(original_size);
  return status;
}

Result<std::string> Canonicalize(const json::value& v) {
  std::string out;
  // Enough for a typical ~650-byte event without regrowing.
  out.reserve(1024);
  ST_RETURN_IF_ERROR(AppendCanonical(v, &out));
  return out;
}

Result<std::string> CanonicalizeText(std::string_view text) {
  ST_ASSIGN_OR_RETURN(json::value v, ParseStrict(text));
  std::string out;
  // Canonical form is never longer than accepted input: whitespace goes,
  // and every escape is at least as long as what it becomes.
  out.reserve(text.size());
  ST_RETURN_IF_ERROR(AppendCanonical(v, &out));
  return out;
}

}  // namespace sharetrail
