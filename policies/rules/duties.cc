// Duties that open and close: the provider told of concerns (001), incidents
// needing consultation (000 §14), s117/s119 matters (002 §11–13) and JTAI
// portal data removed at the end of an inspection (001 JTAI section).
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

// The first rule of `kind` in any registered agreement, with its agreement.
struct Found {
  std::shared_ptr<const Agreement> agreement;
  const RuleSpec* rule = nullptr;
};
Result<Found> FindRule(const World& w, std::string_view kind) {
  ST_ASSIGN_OR_RETURN(auto all, w.Agreements());
  for (auto& a : all) {
    auto rules = a->Rules(kind);
    if (!rules.empty()) return Found{a, rules.front()};
  }
  return Found{};
}

}  // namespace

Status CheckProviderNotified(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(
      w.Need(keys::Party(p.Body("provider")), "body.provider", "party", p.Body("provider"))
          .status());
  const auto items = List(p.body, "items");
  for (size_t i = 0; i < items.size(); ++i) {
    ST_RETURN_IF_ERROR(NeedItem(w, items[i], "body.items[" + std::to_string(i) + "]").status());
    ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, items[i], p.party));
    if (!holds) {
      d->Refuse("scope.party", ScopeCite(), p.party + " does not hold " + items[i]);
    }
  }
  return Status::Ok();
}

Status CheckIncidentReported(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(
      MustBeNew(w, keys::Incident(p.Body("incident")), "body.incident", p.Body("incident")));
  ST_ASSIGN_OR_RETURN(auto a, NeedAgreement(w, p.Body("agreement"), "body.agreement"));
  d->UseAgreement(a->id, a->version);
  const auto items = List(p.body, "items");
  for (size_t i = 0; i < items.size(); ++i) {
    ST_RETURN_IF_ERROR(NeedItem(w, items[i], "body.items[" + std::to_string(i) + "]").status());
  }
  if (!a->HasParty(p.party)) {
    d->Refuse("scope.party", a->review.cite, p.party + " is not a party to " + a->id);
    return Status::Ok();
  }
  for (const RuleSpec* r : a->Rules("incident_consultation")) {
    if (!Contains(r->Strings("incident_kinds"), p.Body("kind"))) continue;
    for (const std::string& other : a->parties) {
      if (other == p.party) continue;
      d->Oblige(
          "incident.consult",
          "consult " + other + " on the approach to the public response (" + r->cite.Short() + ")");
    }
  }
  return Status::Ok();
}

Status CheckIncidentConsulted(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object inc, w.Need(keys::Incident(p.Body("incident")), "body.incident",
                                               "incident", p.Body("incident")));
  if (!Contains(List(inc, "consult"), p.Body("with"))) {
    return InvalidArgument("body.with: " + p.Body("with") + " is not a party to consult on " +
                           p.Body("incident"));
  }
  // 000 §14: "both parties agree to consult each other"; the consultation is
  // theirs to record, so the refusal cites the agreement's rule.
  if (p.party != Str(inc, "by") && p.party != p.Body("with")) {
    Cite cite = ScopeCite();
    ST_ASSIGN_OR_RETURN(auto a, w.FindAgreement(Str(inc, "agreement")));
    if (a) {
      d->UseAgreement(a->id, a->version);
      auto rules = a->Rules("incident_consultation");
      if (!rules.empty()) cite = rules.front()->cite;
    }
    d->Refuse("scope.party", cite,
              p.party + " is neither the reporting party nor the party consulted");
  }
  return Status::Ok();
}

// 002 §11: the Commissioner identifies a matter as raised under s117 or
// s119; §13: HMCI (or a senior member of staff) responds.
Status CheckMatterRaised(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(MustBeNew(w, keys::Matter(p.Body("matter")), "body.matter", p.Body("matter")));
  ST_RETURN_IF_ERROR(w.Need(keys::Party(p.Body("to")), "body.to", "party", p.Body("to")).status());
  ST_ASSIGN_OR_RETURN(Found f, FindRule(w, "matters"));
  if (!f.rule) return InvalidArgument("type: no registered agreement governs s117/s119 matters");
  d->UseAgreement(f.agreement->id, f.agreement->version);
  if (!Contains(f.rule->Strings("raised_by"), p.party)) {
    d->Refuse("matters.raised-by", f.rule->cite,
              "matters under s117/s119 are raised by " + f.rule->Strings("raised_by").front() +
                  ", not " + p.party);
  } else if (!Contains(f.rule->Strings("answered_by"), p.Body("to"))) {
    d->Refuse("matters.raised-with", f.rule->cite,
              "matters under s117/s119 are raised with " + f.rule->Strings("answered_by").front());
  } else {
    d->Oblige("matters.response", p.Body("to") + " to consider the matter raised under section " +
                                      p.Body("section") + " and send a response (" +
                                      f.rule->cite.Short() + ")");
  }
  return Status::Ok();
}

Status CheckMatterAnswered(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object m, w.Need(keys::Matter(p.Body("matter")), "body.matter",
                                             "matter", p.Body("matter")));
  if (m.contains("answered")) {
    return InvalidArgument("body.matter: \"" + p.Body("matter") + "\" was answered at seq " +
                           std::to_string(m.at("answered").as_int64()));
  }
  // 002 §13: "The Chief Inspector or his representative will send a
  // response": the party the matter was raised with answers it.
  if (Str(m, "to") != p.party) {
    ST_ASSIGN_OR_RETURN(Found f, FindRule(w, "matters"));
    d->Refuse("scope.party", f.rule ? f.rule->CiteFor("response") : DesignCite("§3 rules table"),
              "the matter was raised with " + Str(m, "to") + "; only it can answer");
  }
  return Status::Ok();
}

// 001 JTAI ¶1 footnote 4: the JTAI section binds Ofsted, CQC, HMIC and HMI
// Probation only.
Status CheckJtaiRequested(const Proposal& p, const World& w, Decision* d) {
  std::string key = keys::Jtai(p.Body("inspection"), p.Body("request"));
  ST_RETURN_IF_ERROR(MustBeNew(w, key, "body.request", p.Body("request")));
  ST_RETURN_IF_ERROR(
      w.Need(keys::Party(p.Body("agency")), "body.agency", "party", p.Body("agency")).status());
  ST_ASSIGN_OR_RETURN(auto insp, w.Record(keys::Inspection(p.Body("inspection"))));
  if (insp) {
    return InvalidArgument("body.inspection: \"" + p.Body("inspection") + "\" ended on " +
                           Str(*insp, "ended"));
  }
  ST_ASSIGN_OR_RETURN(Found f, FindRule(w, "jtai_removal"));
  if (!f.rule) return InvalidArgument("type: no registered agreement governs JTAI portal data");
  d->UseAgreement(f.agreement->id, f.agreement->version);
  if (!Contains(f.rule->Strings("parties"), p.party)) {
    d->Refuse("jtai.parties", f.rule->CiteFor("parties"),
              "the JTAI arrangements do not apply to " + p.party);
  } else {
    d->Oblige("jtai.removal", "remove this data from the portal at the end of inspection " +
                                  p.Body("inspection") + " (" + f.rule->cite.Short() + ")");
  }
  return Status::Ok();
}

// 001 JTAI ¶4: the end of the inspection starts each inspectorate's removal;
// ¶1 footnote 4: only the inspectorates the section binds may record it, as
// it closes the portal to their requests.
Status CheckInspectionEnded(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(auto insp, w.Record(keys::Inspection(p.Body("inspection"))));
  if (insp) {
    return InvalidArgument("body.inspection: \"" + p.Body("inspection") + "\" already ended on " +
                           Str(*insp, "ended"));
  }
  ST_ASSIGN_OR_RETURN(Date date, ParseDate(p.Body("date")));
  if (p.today < date) return InvalidArgument("body.date: " + date.ToString() + " is in the future");
  ST_ASSIGN_OR_RETURN(Found f, FindRule(w, "jtai_removal"));
  if (!f.rule) return Status::Ok();
  d->UseAgreement(f.agreement->id, f.agreement->version);
  if (!Contains(f.rule->Strings("parties"), p.party)) {
    d->Refuse("jtai.parties", f.rule->CiteFor("parties"),
              "the JTAI arrangements do not apply to " + p.party + "; it cannot end inspection " +
                  p.Body("inspection"));
  }
  return Status::Ok();
}

// 001 JTAI ¶4: "each inspectorate is responsible for removing the
// information they requested from the portal".
Status CheckJtaiRemoved(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object rec, w.Need(keys::Jtai(p.Body("inspection"), p.Body("request")),
                                               "body.request", "JTAI request", p.Body("request")));
  if (rec.contains("removed")) {
    return InvalidArgument("body.request: \"" + p.Body("request") + "\" was already removed");
  }
  if (Str(rec, "inspectorate") != p.party) {
    ST_ASSIGN_OR_RETURN(Found f, FindRule(w, "jtai_removal"));
    d->Refuse("jtai.remover", f.rule ? f.rule->cite : DesignCite("§3 rules table"),
              "each inspectorate removes the information it requested; this was requested by " +
                  Str(rec, "inspectorate"));
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
