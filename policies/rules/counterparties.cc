#include "policies/rules/counterparties.h"

#include <map>

#include "ledger/canonical_json.h"
#include "policies/foi.h"
#include "policies/index.h"

namespace sharetrail::policy {
namespace json = boost::json;

Result<std::vector<Counterparty>> WhoMustBeTold(const World& w, std::string_view party,
                                                std::string_view regime,
                                                const std::vector<std::string>& items,
                                                const std::vector<std::string>& categories) {
  std::vector<Counterparty> out;
  std::map<std::pair<std::string, std::string>, size_t> seen;
  Status error = Status::Ok();
  // Each share summary (index.h) names from, to and agreement: enough to
  // know the other side and the terms, without reading the entry.
  auto visit = [&](const std::string& item) {
    return [&, item](uint64_t, std::string_view summary) {
      auto v = ParseStrict(summary);
      if (!v.ok() || !v->is_object()) {
        error = Corruption("share summary is not a JSON object");
        return false;
      }
      const json::object& s = v->as_object();
      std::string from = Str(s, "from"), to = Str(s, "to");
      std::string other = from == party ? to : to == party ? from : "";
      if (other.empty() || other == party) return true;
      std::string agreement = Str(s, "agreement");
      auto key = std::make_pair(other, agreement);
      auto it = seen.find(key);
      if (it == seen.end()) {
        auto a = w.FindAgreement(agreement);
        if (!a.ok()) {
          error = a.status();
          return false;
        }
        const RuleSpec* rule = nullptr;
        if (*a) {
          for (const RuleSpec* r : (*a)->Rules("foi_inform")) {
            if (Contains(r->Strings("regime"), AgreementRegime(regime))) rule = r;
          }
        }
        // A share under terms without the duty puts no one on the list.
        if (rule == nullptr) {
          seen.emplace(key, SIZE_MAX);
          return true;
        }
        it = seen.emplace(key, out.size()).first;
        out.push_back(Counterparty{other, agreement, (*a)->version, rule->cite, {}});
      }
      if (it->second != SIZE_MAX && !item.empty() && !Contains(out[it->second].items, item)) {
        out[it->second].items.push_back(item);
      }
      return true;
    };
  };
  for (const std::string& item : items) {
    ST_RETURN_IF_ERROR(ScanIndex(w.state(), "share.item", item, visit(item)));
    ST_RETURN_IF_ERROR(error);
  }
  for (const std::string& category : categories) {
    ST_RETURN_IF_ERROR(ScanIndex(w.state(), "share.category", category, visit("")));
    ST_RETURN_IF_ERROR(error);
  }
  return out;
}

}  // namespace sharetrail::policy
