#include "policies/rules/onward.h"

#include <cctype>
#include <cstring>

namespace sharetrail::policy {
namespace json = boost::json;

namespace {

// Whether the obligation claimed is an information-access request rather
// than a court order or a statutory duty to disclose.
bool IsInformationRequest(const Proposal& p) {
  if (p.Body("obligation_kind") == "information_request") return true;
  std::string ref = p.Body("obligation_reference");
  for (char& c : ref) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word :
       {"foi", "foia", "freedom of information", "eir", "environmental information"}) {
    size_t at = ref.find(word);
    // Whole words only, so "foil" or "their" do not count.
    while (at != std::string::npos) {
      size_t end = at + std::strlen(word);
      bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(ref[at - 1]));
      bool right = end >= ref.size() || !std::isalpha(static_cast<unsigned char>(ref[end]));
      if (left && right) return true;
      at = ref.find(word, at + 1);
    }
  }
  return false;
}

}  // namespace

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
  std::string p_and_id =
      std::string(party) + " received " + id + " from " + owner + " under " + rule.agreement->id;
  if (published) {
    d->Oblige("onward.published-version", "direct the requester to the published version of " + id +
                                              " (published " + Str(item, "published") +
                                              "), not the pre-publication copy");
  }
  if (ground.empty()) {
    if ((published && Contains(grounds, "public_domain")) ||
        (consent && Contains(grounds, "written_consent"))) {
      return Status::Ok();
    }
    d->Refuse("onward.grounds", cite,
              p_and_id +
                  "; it may pass it on only if it is lawfully public, a legal obligation "
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
  } else if (ground == "legal_obligation" && IsInformationRequest(p)) {
    // DESIGN.md §3: an FOI request is not by itself a legal obligation to
    // disclose; the receiving body consults the originator (000 §15) and
    // points to the published version once it exists.
    const json::value* foi = rule.spec->params.if_contains("foi_is_legal_obligation");
    if (foi == nullptr || !foi->is_bool() || !foi->as_bool()) {
      d->Refuse("onward.foi-not-obligation",
                DesignCite("§3 reading",
                           "An FOI request is not by itself a \"legal obligation "
                           "to disclose\" for onward-disclosure purposes"),
                "an information request (FOI/EIR) is not a legal obligation to pass on " + id +
                    "; consult " + owner + " and answer from what is published");
    }
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
