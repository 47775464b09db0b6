#include "ledger/state.h"

#include <algorithm>

#include "ledger/txn_state.h"

namespace sharetrail {

Result<std::optional<std::string_view>> MemoryState::Get(std::string_view key) const {
  auto it = records_.find(key);
  if (it == records_.end()) return std::optional<std::string_view>();
  return std::optional<std::string_view>(it->second);
}

Status MemoryState::Scan(std::string_view prefix, std::string_view from, const Visitor& fn) const {
  for (auto it = records_.lower_bound(std::max(prefix, from));
       it != records_.end() && std::string_view(it->first).starts_with(prefix); ++it) {
    if (!fn(it->first, it->second)) break;
  }
  return Status::Ok();
}

Status MemoryState::Put(std::string_view key, std::string_view value) {
  records_.insert_or_assign(std::string(key), std::string(value));
  return Status::Ok();
}

Status MemoryState::Delete(std::string_view key) {
  auto it = records_.find(key);
  if (it != records_.end()) records_.erase(it);
  return Status::Ok();
}

Result<std::optional<std::string_view>> TxnState::Get(std::string_view key) const {
  auto v = read_.Get(Table::kState, key);
  if (v.ok()) return std::optional<std::string_view>(*v);
  if (v.status().code() == Code::kNotFound) return std::optional<std::string_view>();
  return v.status();
}

Status TxnState::Scan(std::string_view prefix, std::string_view from, const Visitor& fn) const {
  auto cursor = read_.OpenCursor(Table::kState);
  if (!cursor) return IOError("cannot open a cursor on the state table");
  std::string_view start = std::max(prefix, from);
  // LMDB rejects an empty key, and the first key >= "" is the first key.
  ST_RETURN_IF_ERROR(start.empty() ? cursor->SeekFirst() : cursor->Seek(start));
  while (cursor->Valid() && cursor->key().starts_with(prefix)) {
    if (!fn(cursor->key(), cursor->value())) break;
    ST_RETURN_IF_ERROR(cursor->Next());
  }
  return Status::Ok();
}

Status TxnState::Put(std::string_view key, std::string_view value) {
  if (write_ == nullptr) return FailedPrecondition("state snapshot is read-only");
  if (key.empty()) return InvalidArgument("empty state key");
  return write_->Put(Table::kState, key, value, /*append=*/false);
}

Status TxnState::Delete(std::string_view key) {
  if (write_ == nullptr) return FailedPrecondition("state snapshot is read-only");
  Status s = write_->Delete(Table::kState, key);
  if (s.code() == Code::kNotFound) return Status::Ok();
  return s;
}

}  // namespace sharetrail
