// Checks for the directory and the agreements themselves: registering
// parties, users and agreement versions, and recording reviews.
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;

Status CheckPartyRegistered(const Proposal& p, const World& w, Decision*) {
  ST_ASSIGN_OR_RETURN(bool exists, w.Exists(keys::Party(p.Body("party"))));
  if (exists)
    return InvalidArgument("body.party: \"" + p.Body("party") + "\" is already registered");
  for (const auto& kv : p.body.at("teams").as_object()) {
    std::string at = "body.teams." + std::string(kv.key());
    if (!IsId(kv.key())) return InvalidArgument(at + ": team ids are [a-z0-9][a-z0-9._:-]*");
    ST_RETURN_IF_ERROR(ValidateValue({"team", Kind::kName, true}, kv.value(), at));
  }
  return Status::Ok();
}

Status CheckUserRegistered(const Proposal& p, const World& w, Decision*) {
  ST_ASSIGN_OR_RETURN(bool exists, w.Exists(keys::User(p.Body("user"))));
  if (exists) return InvalidArgument("body.user: \"" + p.Body("user") + "\" is already registered");
  ST_ASSIGN_OR_RETURN(json::object party,
                      w.Need(keys::Party(p.Body("party")), "body.party", "party", p.Body("party")));
  if (!party.at("teams").as_object().contains(p.Body("team"))) {
    return InvalidArgument("body.team: party \"" + p.Body("party") + "\" has no team \"" +
                           p.Body("team") + "\"");
  }
  return Status::Ok();
}

// Every party the document names must be in the directory, with the teams
// it names, so rules never meet a dangling reference.
Status CheckAgreementDocument(const Proposal& p, const World& w, Decision* d) {
  const bool amend = p.type == "agreement.amended";
  auto parsed = ParseAgreement(p.body.at("agreement").as_object());
  if (!parsed.ok()) return parsed.status().WithContext("body.");
  const Agreement& a = *parsed;
  ST_ASSIGN_OR_RETURN(auto existing, w.FindAgreement(a.id));
  if (!amend && existing) {
    return InvalidArgument("body.agreement.id: \"" + a.id +
                           "\" is already registered (amend it with agreement.amended)");
  }
  if (amend && !existing) {
    return InvalidArgument("body.agreement.id: unknown agreement \"" + a.id + "\"");
  }
  for (size_t i = 0; i < a.parties.size(); ++i) {
    ST_RETURN_IF_ERROR(w.Need(keys::Party(a.parties[i]),
                              "body.agreement.parties[" + std::to_string(i) + "]", "party",
                              a.parties[i])
                           .status());
  }
  for (const auto& [party, teams] : a.named_teams) {
    ST_ASSIGN_OR_RETURN(json::object rec,
                        w.Need(keys::Party(party), "body.agreement.named_teams", "party", party));
    for (const std::string& t : teams) {
      if (!rec.at("teams").as_object().contains(t)) {
        return InvalidArgument("body.agreement.named_teams." + party + ": party has no team \"" +
                               t + "\"");
      }
    }
  }
  for (const Context& c : a.contexts) {
    for (const auto* list : {&c.from, &c.to}) {
      for (const std::string& id : *list) {
        if (id.starts_with("kind:")) continue;
        ST_RETURN_IF_ERROR(
            w.Need(keys::Party(id), "body.agreement.contexts." + c.id, "party", id).status());
      }
    }
  }
  d->UseAgreement(a.id, existing ? existing->version + 1 : 1);
  return Status::Ok();
}

// A review is recorded by a SIRO or IG officer of a party to the agreement
// (000 §3; 001 "Arrangements to review this protocol"; 002 §30; 004 "Date of
// commencement").
Status CheckAgreementReviewed(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(auto a, NeedAgreement(w, p.Body("agreement"), "body.agreement"));
  d->UseAgreement(a->id, a->version);
  ST_ASSIGN_OR_RETURN(Date date, ParseDate(p.Body("date")));
  if (p.today < date) {
    return InvalidArgument("body.date: " + date.ToString() + " is in the future (today is " +
                           p.today.ToString() + ")");
  }
  if (!a->HasParty(p.party)) {
    d->Refuse("scope.party", a->review.cite,
              p.party + " is not a party to " + a->id + " and cannot record its review");
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
