#include "policies/index.h"

namespace sharetrail::policy {

std::string IndexPrefix(std::string_view index, std::string_view value) {
  std::string k = "x/";
  k += index;
  k += '/';
  k += value;
  k += '/';
  return k;
}

std::string IndexKey(std::string_view index, std::string_view value, uint64_t seq) {
  static const char kHex[] = "0123456789abcdef";
  std::string k = IndexPrefix(index, value);
  for (int shift = 60; shift >= 0; shift -= 4) k += kHex[(seq >> shift) & 0xf];
  return k;
}

uint64_t IndexSeq(std::string_view key) {
  uint64_t seq = 0;
  if (key.size() < 16) return 0;
  for (char c : key.substr(key.size() - 16)) {
    seq = (seq << 4) | static_cast<uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  }
  return seq;
}

Status ScanIndex(const StateView& state, std::string_view index, std::string_view value,
                 const std::function<bool(uint64_t, std::string_view)>& fn, std::string_view from) {
  std::string prefix = IndexPrefix(index, value);
  std::string start = prefix + std::string(from);
  return state.Scan(prefix, start,
                    [&](std::string_view key, std::string_view v) { return fn(IndexSeq(key), v); });
}

Result<std::vector<std::string>> IndexValues(const StateView& state, std::string_view index,
                                             std::string_view value) {
  std::string prefix = value.empty() ? "x/" + std::string(index) + "/" : IndexPrefix(index, value);
  std::vector<std::string> out;
  ST_RETURN_IF_ERROR(state.Scan(prefix, prefix, [&](std::string_view, std::string_view v) {
    out.emplace_back(v);
    return true;
  }));
  return out;
}

}  // namespace sharetrail::policy
