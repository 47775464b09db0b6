// Seed 004, the joint protocol on disclosing the register of children's
// homes: who may ask, which fields, for what purpose, standing requests and
// uses beyond purpose.
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

struct RegisterRules {
  std::shared_ptr<const Agreement> agreement;
  const RuleSpec* disclosure = nullptr;
  const RuleSpec* fields = nullptr;
  const RuleSpec* purpose = nullptr;
  const RuleSpec* standing = nullptr;
};

Result<RegisterRules> FindRegisterRules(const World& w) {
  RegisterRules out;
  ST_ASSIGN_OR_RETURN(auto all, w.Agreements());
  for (auto& a : all) {
    auto d = a->Rules("register_disclosure");
    if (d.empty()) continue;
    out.agreement = a;
    out.disclosure = d.front();
    auto f = a->RulesFor("fields_limited", "register_extract");
    auto p = a->RulesFor("purpose_limitation", "register_extract");
    auto s = a->RulesFor("standing_request", "register_extract");
    out.fields = f.empty() ? nullptr : f.front();
    out.purpose = p.empty() ? nullptr : p.front();
    out.standing = s.empty() ? nullptr : s.front();
    return out;
  }
  return out;
}

// The role that must make requests for a party of this kind, or empty if
// the kind may not receive the register at all.
std::string RequesterRole(const RuleSpec& r, std::string_view kind) {
  const json::value* kinds = r.params.if_contains("recipient_kinds");
  if (kinds == nullptr || !kinds->is_object()) return "";
  const json::value* role = kinds->as_object().if_contains(kind);
  return role != nullptr && role->is_string() ? std::string(role->as_string()) : "";
}

// "How requests should be made" ¶1–2: the police ask through the Chief
// Officer, local authorities through the Director of Children's Services,
// the OCC and DfE through a senior official; only those four kinds.
void CheckRequester(const Proposal& p, const RegisterRules& rr, const std::string& kind,
                    Decision* d) {
  const RuleSpec& r = *rr.disclosure;
  d->UseAgreement(rr.agreement->id, rr.agreement->version);
  std::string role = RequesterRole(r, kind);
  if (role.empty()) {
    d->Refuse("register.recipient", r.CiteFor("only_parties"),
              p.party + " (a " + kind +
                  ") is not one of the public authorities the register may "
                  "be disclosed to");
    return;
  }
  const json::value* only = r.params.if_contains("only_parties");
  if (only && only->is_object() && only->as_object().contains(kind)) {
    bool listed = false;
    for (const auto& v : only->as_object().at(kind).as_array())
      listed = listed || v == p.party.c_str();
    if (!listed) {
      d->Refuse("register.recipient", r.CiteFor("only_parties"),
                p.party + " is not one of the named public authorities for its kind");
      return;
    }
  }
  if (p.role != role) {
    bool non_delegable = Contains(r.Strings("non_delegable"), role);
    d->Refuse("register.requester", r.cite,
              "requests from " + p.party + " (" + kind + ") are made by the " + role +
                  (non_delegable ? " (not delegable)" : "") + "; " + p.user + " acts as " + p.role);
  }
}

void CheckFieldList(const std::vector<std::string>& fields, const RegisterRules& rr, Decision* d) {
  if (rr.fields == nullptr) return;
  auto allowed = rr.fields->Strings("fields"), forbidden = rr.fields->Strings("forbidden_fields");
  for (const std::string& f : fields) {
    if (Contains(forbidden, f)) {
      d->Refuse("fields.forbidden", rr.fields->CiteFor("forbidden_fields"),
                "field \"" + f + "\": the register is never disclosed with children's details");
    } else if (!Contains(allowed, f)) {
      d->Refuse("fields.limited", rr.fields->cite,
                "field \"" + f + "\" is not one of the register fields that may be disclosed");
    }
  }
}

void CheckPurpose(std::string_view purpose, const RegisterRules& rr, Decision* d) {
  std::string want = rr.disclosure->String("purpose");
  if (!want.empty() && purpose != want) {
    d->Refuse("register.purpose", rr.disclosure->CiteFor("purpose"),
              "register information is requested and disclosed only for " + want + ", not " +
                  std::string(purpose));
  }
}

}  // namespace

int StandingLapseMonths(const std::vector<std::shared_ptr<const Agreement>>& agreements) {
  int months = 12;
  for (const auto& a : agreements) {
    for (const RuleSpec* r : a->Rules("standing_request")) {
      const json::value* m = r->params.if_contains("lapse_months");
      if (m && m->is_int64()) months = static_cast<int>(m->as_int64());
    }
  }
  return months;
}

namespace {

// The last day a standing request could be served, if it has lapsed by
// `today` ("How requests should be made" ¶4 and ¶6).
Result<std::optional<Date>> LapsedAfter(const RegisterRules& rr, const json::object& req,
                                        Date today) {
  if (!rr.standing) return std::optional<Date>();
  int months = static_cast<int>(rr.standing->params.at("lapse_months").as_int64());
  ST_ASSIGN_OR_RETURN(Date confirmed, ParseDate(Str(req, "confirmed")));
  Date last = StandingRequestLastDay(confirmed, months);
  return last < today ? std::optional<Date>(last) : std::optional<Date>();
}

}  // namespace

Date StandingRequestLastDay(Date confirmed, int lapse_months) {
  return AddMonths(confirmed, lapse_months);
}

Status CheckRegisterRequested(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(bool exists, w.Exists(keys::Request(p.Body("request"))));
  if (exists) return InvalidArgument("body.request: \"" + p.Body("request") + "\" already exists");
  ST_ASSIGN_OR_RETURN(RegisterRules rr, FindRegisterRules(w));
  if (!rr.disclosure)
    return InvalidArgument("type: no registered agreement governs register requests");
  ST_ASSIGN_OR_RETURN(std::string kind, w.PartyKind(p.party));
  CheckRequester(p, rr, kind, d);
  CheckFieldList(List(p.body, "fields"), rr, d);
  CheckPurpose(p.Body("purpose"), rr, d);
  return Status::Ok();
}

// "How requests should be made" ¶4 and ¶6: a standing request continues
// only if the authority confirms every twelve months.
Status CheckStandingReconfirmed(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, w.Need(keys::Request(p.Body("request")), "body.request",
                                               "request", p.Body("request")));
  if (!Flag(req, "standing")) {
    return InvalidArgument("body.request: \"" + p.Body("request") +
                           "\" is a one-off request, not a standing one");
  }
  ST_ASSIGN_OR_RETURN(RegisterRules rr, FindRegisterRules(w));
  if (Str(req, "party") != p.party) {
    d->Refuse("scope.party", ScopeCite(),
              "request " + p.Body("request") + " belongs to " + Str(req, "party"));
    return Status::Ok();
  }
  if (!rr.disclosure) return Status::Ok();
  ST_ASSIGN_OR_RETURN(std::string kind, w.PartyKind(p.party));
  CheckRequester(p, rr, kind, d);
  ST_ASSIGN_OR_RETURN(std::optional<Date> lapsed, LapsedAfter(rr, req, p.today));
  if (lapsed) {
    d->Refuse("standing.lapsed", rr.standing->cite,
              "request " + p.Body("request") + " lapsed after " + lapsed->ToString() +
                  "; HMCI sends nothing more until a further request is made");
  }
  return Status::Ok();
}

// "Statement of values and principles" ¶1 bullet 4 and "Processing of
// personal data" ¶4: use beyond safeguarding is authorised at senior level
// and recorded; the public may ask how often it happened. An unauthorised
// use is refused here and so recorded, and the public count includes it
// (DESIGN.md §3).
Status CheckPurposeUse(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, w.Need(keys::Request(p.Body("request")), "body.request",
                                               "request", p.Body("request")));
  ST_ASSIGN_OR_RETURN(RegisterRules rr, FindRegisterRules(w));
  if (rr.purpose && p.Body("purpose") == rr.purpose->String("purpose")) {
    return InvalidArgument("body.purpose: use for " + p.Body("purpose") +
                           " is within purpose; only uses beyond it are recorded here");
  }
  if (Str(req, "party") != p.party) {
    d->Refuse("scope.party", ScopeCite(),
              "request " + p.Body("request") + " belongs to " + Str(req, "party"));
    return Status::Ok();
  }
  const Cite cite = rr.purpose ? rr.purpose->cite : DesignCite("§3 rules table");
  if (rr.agreement) d->UseAgreement(rr.agreement->id, rr.agreement->version);
  if (p.Body("authorised_by").empty()) {
    d->Refuse("purpose.unauthorised", cite,
              "use of register data beyond safeguarding needs authorisation at senior level; none "
              "is recorded (this use is counted)");
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(json::object by,
                      w.Need(keys::User(p.Body("authorised_by")), "body.authorised_by", "user",
                             p.Body("authorised_by")));
  static const std::vector<std::string> kSenior = {
      "siro", "chief_officer_of_police", "director_of_childrens_services", "senior_official"};
  bool senior = false;
  for (const std::string& role : List(by, "roles")) senior = senior || Contains(kSenior, role);
  if (Str(by, "party") != p.party || !senior) {
    d->Refuse("purpose.unauthorised", cite,
              p.Body("authorised_by") + " is not a senior officer of " + p.party +
                  " and cannot authorise use beyond purpose (this use is counted)");
  }
  return Status::Ok();
}

// A share of a register extract answers a request from the recipient
// ("Legal position" ¶2: "where a request has been made by that public
// authority"), for safeguarding, and a standing request must not have lapsed.
Result<bool> IsRegisterCategory(const World& w, std::string_view category) {
  ST_ASSIGN_OR_RETURN(RegisterRules rr, FindRegisterRules(w));
  return rr.disclosure != nullptr && rr.purpose != nullptr &&
         Contains(rr.purpose->Strings("categories"), category);
}

Status CheckRegisterShare(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(RegisterRules rr, FindRegisterRules(w));
  if (!rr.disclosure) return Status::Ok();
  d->UseAgreement(rr.agreement->id, rr.agreement->version);
  CheckPurpose(p.Body("purpose"), rr, d);
  const Cite request_cite = rr.disclosure->CiteFor("request");
  if (p.Body("request").empty()) {
    d->Refuse("register.request", request_cite,
              "the register is disclosed only in answer to a request; name it in body.request");
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(json::object req, w.Need(keys::Request(p.Body("request")), "body.request",
                                               "request", p.Body("request")));
  if (Str(req, "party") != p.Body("to")) {
    d->Refuse("register.request", request_cite,
              "request " + p.Body("request") + " was made by " + Str(req, "party") + ", not " +
                  p.Body("to"));
  }
  if (Flag(req, "standing")) {
    ST_ASSIGN_OR_RETURN(std::optional<Date> lapsed, LapsedAfter(rr, req, p.today));
    if (lapsed) {
      d->Refuse("standing.lapsed", rr.standing->cite,
                "standing request " + p.Body("request") + " lapsed after " + lapsed->ToString() +
                    " (last confirmed " + Str(req, "confirmed") +
                    "); no further sending until a further request is received");
    }
  }
  return Status::Ok();
}

}  // namespace sharetrail::policy
