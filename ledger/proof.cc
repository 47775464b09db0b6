#include "ledger/proof.h"

#include "ledger/base64.h"
#include "ledger/canonical_json.h"
#include "ledger/merkle.h"

namespace sharetrail {
namespace {

boost::json::array HashesToJson(const std::vector<Hash>& hashes) {
  boost::json::array a;
  a.reserve(hashes.size());
  for (const Hash& h : hashes) a.emplace_back(Base64(h));
  return a;
}

Result<uint64_t> GetCount(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr) return InvalidArgument(std::string(key) + ": required");
  // A proof built in memory (ToJson) holds uint64 values; a parsed one int64.
  if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(kMaxSafeInteger)) {
    return v->get_uint64();
  }
  if (!v->is_int64() || v->get_int64() < 0 || v->get_int64() > kMaxSafeInteger) {
    return InvalidArgument(std::string(key) + ": must be a non-negative integer");
  }
  return static_cast<uint64_t>(v->get_int64());
}

Result<std::vector<Hash>> GetHashes(const boost::json::object& o) {
  const boost::json::value* v = o.if_contains("hashes");
  if (v == nullptr || !v->is_array()) return InvalidArgument("hashes: required array");
  std::vector<Hash> out;
  for (size_t i = 0; i < v->get_array().size(); ++i) {
    const auto& h = v->get_array()[i];
    if (!h.is_string()) return InvalidArgument("hashes[" + std::to_string(i) + "]: not a string");
    auto hash = HashFromBase64(h.get_string());
    if (!hash.ok()) return hash.status().WithContext("hashes[" + std::to_string(i) + "]: ");
    out.push_back(*hash);
  }
  return out;
}

Status OnlyKeys(const boost::json::object& o, std::initializer_list<std::string_view> keys) {
  for (const auto& [k, v] : o) {
    bool known = false;
    for (auto want : keys) known |= k == want;
    if (!known) return InvalidArgument("unknown field \"" + std::string(k) + "\"");
  }
  return Status::Ok();
}

}  // namespace

boost::json::value InclusionProof::ToJson() const {
  return boost::json::object{{"leaf_index", leaf_index},
                             {"tree_size", tree_size},
                             {"leaf_hash", Base64(leaf_hash)},
                             {"hashes", HashesToJson(hashes)}};
}

Result<InclusionProof> InclusionProof::FromJson(const boost::json::value& v) {
  if (!v.is_object()) return InvalidArgument("inclusion proof: not a JSON object");
  const auto& o = v.get_object();
  ST_RETURN_IF_ERROR(OnlyKeys(o, {"leaf_index", "tree_size", "leaf_hash", "hashes"}));
  InclusionProof p;
  ST_ASSIGN_OR_RETURN(p.leaf_index, GetCount(o, "leaf_index"));
  ST_ASSIGN_OR_RETURN(p.tree_size, GetCount(o, "tree_size"));
  const boost::json::value* leaf = o.if_contains("leaf_hash");
  if (leaf == nullptr || !leaf->is_string()) return InvalidArgument("leaf_hash: required string");
  ST_ASSIGN_OR_RETURN(p.leaf_hash, HashFromBase64(leaf->get_string()));
  ST_ASSIGN_OR_RETURN(p.hashes, GetHashes(o));
  return p;
}

Status InclusionProof::Verify(const Hash& root) const {
  return VerifyInclusion(leaf_hash, leaf_index, tree_size, hashes, root);
}

boost::json::value ConsistencyProof::ToJson() const {
  return boost::json::object{
      {"first", first}, {"second", second}, {"hashes", HashesToJson(hashes)}};
}

Result<ConsistencyProof> ConsistencyProof::FromJson(const boost::json::value& v) {
  if (!v.is_object()) return InvalidArgument("consistency proof: not a JSON object");
  const auto& o = v.get_object();
  ST_RETURN_IF_ERROR(OnlyKeys(o, {"first", "second", "hashes"}));
  ConsistencyProof p;
  ST_ASSIGN_OR_RETURN(p.first, GetCount(o, "first"));
  ST_ASSIGN_OR_RETURN(p.second, GetCount(o, "second"));
  ST_ASSIGN_OR_RETURN(p.hashes, GetHashes(o));
  return p;
}

Status ConsistencyProof::Verify(const Hash& first_root, const Hash& second_root) const {
  return VerifyConsistency(first, second, first_root, second_root, hashes);
}

}  // namespace sharetrail
