// Errors are values. A Status says what failed, where and why; Result<T> is a
// value or the Status that explains its absence. No exceptions cross our APIs.
#ifndef SHARETRAIL_LEDGER_STATUS_H_
#define SHARETRAIL_LEDGER_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace sharetrail {

enum class Code {
  kOk = 0,
  kInvalidArgument,     // the caller's input is malformed
  kNotFound,            // no such seq, size, file
  kOutOfRange,          // a size or index beyond the tree
  kCorruption,          // stored data does not match what it must be
  kIOError,             // the filesystem or LMDB failed
  kFailedPrecondition,  // the object is in a state that forbids the call
  kPermissionDenied,    // e.g. a key file readable by others
  kUnavailable,         // cannot take the call now: closing, or writes refused until reopened
  kInternal,
};

const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corruption: seq 12: leaf hash mismatch"
  std::string ToString() const;
  // Returns a copy whose message is prefixed with context, e.g. "line 3: ".
  Status WithContext(const std::string& context) const {
    return ok() ? *this : Status(code_, context + message_);
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
inline Status OutOfRange(std::string m) { return {Code::kOutOfRange, std::move(m)}; }
inline Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
inline Status IOError(std::string m) { return {Code::kIOError, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {Code::kFailedPrecondition, std::move(m)};
}
inline Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }
inline Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace sharetrail

// Early-return helpers; they keep call sites flat.
#define ST_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::sharetrail::Status st_status_ = (expr); \
    if (!st_status_.ok()) return st_status_;  \
  } while (0)

#define ST_CONCAT_INNER(a, b) a##b
#define ST_CONCAT(a, b) ST_CONCAT_INNER(a, b)
#define ST_ASSIGN_OR_RETURN(lhs, expr) \
  ST_ASSIGN_OR_RETURN_IMPL(ST_CONCAT(st_result_, __LINE__), lhs, expr)
#define ST_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()

#endif  // SHARETRAIL_LEDGER_STATUS_H_
