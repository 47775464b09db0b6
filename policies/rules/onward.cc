#include "policies/rules/onward.h"

namespace sharetrail::policy {
namespace json = boost::json;

Result<OnwardRule> FindOnwardRule(const World& w, const json::object& item,
                                  std::string_view party) {
  OnwardRule out;
  ST_ASSIGN_OR_RETURN(auto held, w.Record(keys::Held(Str(item, "item"), party)));
  if (!held || Str(*held, "via") == "owner") return out;
  ST_ASSIGN_OR_RETURN(out.agreement, w.FindAgreement(Str(*held, "agreement")));
  if (!out.agreement) return out;
  auto rules = out.agreement->RulesFor("onward_disclosure", Str(item, "category"));
  if (!rules.empty()) out.spec = rules.front();
  return out;
}

Status DecideOnward(const Proposal& p, const World& w, const json::object& item,
                    std::string_view party, std::string_view ground, Decision* d) {
  ST_ASSIGN_OR_RETURN(OnwardRule rule, FindOnwardRule(w, item, party));
  if (rule.spec == nullptr) return Status::Ok();
  d->UseAgreement(rule.agreement->id, rule.agreement->version);
  const std::string id = Str(item, "item"), owner = Str(item, "owner");
  const bool published = item.contains("published");
  ST_ASSIGN_OR_RETURN(bool consent, w.Exists(keys::Consent(id, party)));
  const std::vector<std::string> grounds = rule.spec->Strings("grounds");
  const Cite& cite = rule.spec->cite;
  std::string p_and_id = std::string(party) + " received " + id + " from " + owner + " under " +
                         rule.agreement->id;
  if (published) {
    d->Oblige("onward.published-version",
              "direct the requester to the published version of " + id + " (published " +
                  Str(item, "published") + "), not the pre-publication copy");
  }
  if (ground.empty()) {
    if ((published && Contains(grounds, "public_domain")) ||
        (consent && Contains(grounds, "written_consent"))) {
      return Status::Ok();
    }
    d->Refuse("onward.grounds", cite,
              p_and_id + "; it may pass it on only if it is lawfully public, a legal obligation "
                         "requires it (record a disclosure.onward naming the obligation), or " +
                  owner + " has consented in writing. None of these holds.");
    return Status::Ok();
  }
  if (!Contains(grounds, ground)) {
    d->Refuse("onward.grounds", cite,
              "\"" + std::string(ground) + "\" is not a ground " + rule.agreement->id + " allows");
  } else if (ground == "public_domain" && !published) {
    d->Refuse("onward.grounds", cite,
              p_and_id + "; it is not lawfully public: " + owner + " has not published it");
  } else if (ground == "written_consent" && !consent) {
    d->Refuse("onward.grounds", cite,
              p_and_id + "; no written consent from " + owner + " is in force for " +
                  std::string(party) + " (never given, or withdrawn)");
  }
  (void)p;
  return Status::Ok();
}

}  // namespace sharetrail::policy
