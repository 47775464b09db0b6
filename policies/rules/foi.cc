// Information requests: the statutory clocks (FOIA 2000 s10, EIR 2004 reg 5
// and 7, UK GDPR art 12(3)) and the duty to keep the other party informed
// (seed 000 §15). A request's facts arrive in order; an event out of order
// is malformed input. Breaches the law or an agreement names (answering
// late, answering before informing) are allowed with a warning, so they are
// on the record: refusing them would leave the answer unrecorded.
#include "policies/foi.h"

#include "policies/rules/counterparties.h"
#include "policies/rules/rules.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

Cite ClockCite(std::string_view regime) {
  if (regime == "eir") {
    return LawCite("Environmental Information Regulations 2004", "reg 5(2)",
                   "as soon as possible and no later than 20 working days after the date of "
                   "receipt of the request");
  }
  if (regime == "sar") {
    return LawCite("UK GDPR", "Article 12(3)",
                   "without undue delay and in any event within one month of receipt of the "
                   "request");
  }
  return LawCite("Freedom of Information Act 2000", "s10(1)",
                 "not later than the twentieth working day following the date of receipt");
}

Result<json::object> NeedRequest(const World& w, const Proposal& p) {
  return w.Need(keys::Foi(p.Body("request")), "body.request", "information request",
                p.Body("request"));
}

// A date in the body: not after today, not before `floor` (what it follows).
Status CheckDay(const Proposal& p, std::string_view field, const std::string& floor,
                std::string_view floor_what) {
  std::string day = p.Body(field);
  if (day > p.today.ToString()) {
    return InvalidArgument("body." + std::string(field) + ": " + day + " is after today (" +
                           p.today.ToString() + ")");
  }
  if (!floor.empty() && day < floor) {
    return InvalidArgument("body." + std::string(field) + ": " + day + " is before " +
                           std::string(floor_what) + " (" + floor + ")");
  }
  return Status::Ok();
}

// The request must be the actor's party's: each party answers for what it
// holds (000 §15, first bullet).
void CheckOwner(const Proposal& p, const json::object& req, Decision* d) {
  if (Str(req, "party") != p.party) {
    d->Refuse("scope.party", ScopeCite(),
              "request " + p.Body("request") + " was received by " + Str(req, "party"));
  }
}

Status NotAnswered(const Proposal& p, const json::object& req) {
  if (const json::object* r = Member(req, "response")) {
    return InvalidArgument("body.request: \"" + p.Body("request") + "\" was answered on " +
                           Str(*r, "date"));
  }
  return Status::Ok();
}

}  // namespace

Status CheckFoiReceived(const Proposal& p, const World& w, Decision* d) {
  ST_RETURN_IF_ERROR(MustBeNew(w, keys::Foi(p.Body("request")), "body.request", p.Body("request")));
  ST_RETURN_IF_ERROR(CheckDay(p, "received", "", ""));
  const auto items = List(p.body, "items");
  for (size_t i = 0; i < items.size(); ++i) {
    ST_RETURN_IF_ERROR(NeedItem(w, items[i], "body.items[" + std::to_string(i) + "]").status());
    ST_ASSIGN_OR_RETURN(bool holds, HoldsItem(w, items[i], p.party));
    if (!holds) {
      // 000 §15: each party "will respond to FOI requests received by [it]
      // concerning [the information in its possession]".
      d->Refuse("scope.party", ScopeCite(),
                p.party + " does not hold " + items[i] + ", so cannot answer for it");
    }
  }
  if (d->refused()) return Status::Ok();
  ST_ASSIGN_OR_RETURN(auto cal, w.Holidays());
  json::object facts{{"regime", p.Body("regime")}, {"received", p.Body("received")}};
  ST_ASSIGN_OR_RETURN(Due due, DueOf(*cal, facts));
  d->Oblige("foi.respond", "respond by " + due.date->ToString() + " (" +
                               ClockCite(p.Body("regime")).Short() + ")");
  ST_ASSIGN_OR_RETURN(
      auto told, WhoMustBeTold(w, p.party, p.Body("regime"), items, List(p.body, "categories")));
  for (const Counterparty& c : told) {
    d->UseAgreement(c.agreement, c.version);
    d->Oblige("foi.inform", "inform " + c.party + " of the request (" + c.agreement + ", " +
                                c.cite.Short() + ")");
  }
  return Status::Ok();
}

Status CheckFoiClarification(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  CheckOwner(p, req, d);
  ST_RETURN_IF_ERROR(NotAnswered(p, req));
  const json::object* c = Member(req, "clarification");
  const bool pending = c != nullptr && !c->contains("received");
  if (p.type == "foi.clarification-requested") {
    if (pending) {
      return InvalidArgument("body.request: clarification was already requested on " +
                             Str(*c, "requested"));
    }
    return CheckDay(p, "date", Str(req, "received"), "the request was received");
  }
  if (!pending) return InvalidArgument("body.request: no clarification is awaited");
  return CheckDay(p, "date", Str(*c, "requested"), "clarification was requested");
}

Status CheckFoiFee(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  CheckOwner(p, req, d);
  ST_RETURN_IF_ERROR(NotAnswered(p, req));
  const json::object* unpaid = nullptr;
  if (const json::value* fees = req.if_contains("fees")) {
    const json::object& last = fees->as_array().back().as_object();
    if (!last.contains("paid")) unpaid = &last;
  }
  if (p.type == "foi.fee-notified") {
    if (unpaid != nullptr) {
      return InvalidArgument("body.request: the fees notice of " + Str(*unpaid, "notified") +
                             " is still unpaid");
    }
    return CheckDay(p, "date", Str(req, "received"), "the request was received");
  }
  if (unpaid == nullptr) return InvalidArgument("body.request: no fee is awaited");
  return CheckDay(p, "date", Str(*unpaid, "notified"), "the fees notice");
}

// FOIA s10(3) (public interest: a "reasonable" time, which the ICO reads as
// normally no more than 20 further working days), EIR reg 7(1) (40 working
// days for complex and voluminous requests), UK GDPR art 12(3) (two further
// months), and the internal review's exceptional 40 working days (ICO,
// "Complaints / internal reviews").
Status CheckFoiExtended(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  CheckOwner(p, req, d);
  const std::string kind = p.Body("kind"), regime = Str(req, "regime");
  const bool review = kind == "review_exceptional";
  if (review) {
    const json::object* rv = Member(req, "review");
    if (rv == nullptr || rv->contains("decided")) {
      return InvalidArgument("body.request: no internal review is in progress");
    }
  } else {
    ST_RETURN_IF_ERROR(NotAnswered(p, req));
  }
  struct Allowed {
    std::string_view kind, regime;
    Cite cite;
  };
  static const Allowed kAllowed[] = {
      {"public_interest", "foia",
       LawCite("Freedom of Information Act 2000", "s10(3)",
               "until such time as is reasonable in the circumstances")},
      {"eir_complex", "eir",
       LawCite("Environmental Information Regulations 2004", "reg 7(1)",
               "extend the period of 20 working days ... to 40 working days")},
      {"sar_complex", "sar",
       LawCite("UK GDPR", "Article 12(3)",
               "That period may be extended by two further months where necessary")},
      {"review_exceptional", "",
       LawCite("ICO guidance", "Complaints / internal reviews",
               "no longer than 20 working days in most cases, or 40 in exceptional "
               "circumstances")}};
  const Allowed* rule = nullptr;
  for (const Allowed& a : kAllowed) {
    if (a.kind == kind) rule = &a;
  }
  if (!rule->regime.empty() && rule->regime != regime) {
    d->Refuse("foi.extension-regime", rule->cite,
              "a " + kind + " extension is for " + std::string(rule->regime) + " requests; " +
                  p.Body("request") + " is " + regime);
    return Status::Ok();
  }
  if (review && regime == "eir") {
    d->Refuse("foi.extension-regime",
              LawCite("Environmental Information Regulations 2004", "reg 11(4)",
                      "no later than 40 working days after the date of receipt of the "
                      "representations"),
              "an EIR review already has its statutory 40 working days");
    return Status::Ok();
  }
  ST_ASSIGN_OR_RETURN(auto cal, w.Holidays());
  ST_ASSIGN_OR_RETURN(Due current, DueOf(*cal, req));
  if (!current.date) return InvalidArgument("body.request: the clock is " + current.basis);
  if (kind == "public_interest") {
    if (!p.body.contains("due")) {
      return InvalidArgument("body.due: a public interest extension names its new date");
    }
    ST_ASSIGN_OR_RETURN(Date normal,
                        cal->AddWorkingDays(*current.date, kPublicInterestNormalExtension));
    if (p.Body("due") > normal.ToString()) {
      d->Warn("foi.extension-long",
              LawCite("ICO guidance", "Time limits for responding (public interest test)",
                      "normally no more than an extra 20 working days"),
              "the new date " + p.Body("due") + " is more than 20 working days after " +
                  current.date->ToString());
    }
  } else if (p.body.contains("due")) {
    // The longest the law allows: the deadline under the extended regime.
    json::object extended = req;
    if (review) {
      extended["review"].as_object()["extended"] = true;
    } else {
      extended["extension"] = json::object{{"kind", kind}};
    }
    ST_ASSIGN_OR_RETURN(Due limit, DueOf(*cal, extended));
    if (p.Body("due") > limit.date->ToString()) {
      d->Refuse("foi.extension-limit", rule->cite,
                "the new date " + p.Body("due") + " is after the latest allowed, " +
                    limit.date->ToString());
      return Status::Ok();
    }
  }
  if (p.body.contains("due") && p.Body("due") <= current.date->ToString()) {
    return InvalidArgument("body.due: " + p.Body("due") + " is not after the current deadline " +
                           current.date->ToString());
  }
  // The extension must be claimed within the time it extends (FOIA s17(1)
  // and (2): the refusal notice within the s10(1) time).
  if (p.today > *current.date) {
    d->Warn("foi.extension-late", rule->cite,
            "extended on " + p.today.ToString() + ", after the deadline " +
                current.date->ToString() + " had passed");
  }
  return Status::Ok();
}

Status CheckFoiInformed(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  CheckOwner(p, req, d);
  ST_RETURN_IF_ERROR(
      w.Need(keys::Party(p.Body("party")), "body.party", "party", p.Body("party")).status());
  if (p.Body("party") == p.party) {
    return InvalidArgument("body.party: a party cannot inform or consult itself");
  }
  return Status::Ok();
}

// The consulted party answers, or the receiving party records its answer.
Status CheckFoiConsultationAnswered(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  const json::object* c = Member(req, "consult");
  if (c == nullptr || !c->contains(p.Body("party"))) {
    return InvalidArgument("body.party: " + p.Body("party") + " was not consulted on " +
                           p.Body("request"));
  }
  if (p.party != Str(req, "party") && p.party != p.Body("party")) {
    d->Refuse("scope.party", ScopeCite(),
              p.party + " is neither the party consulted nor the one that consulted");
  }
  return Status::Ok();
}

Status CheckFoiResponded(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  CheckOwner(p, req, d);
  ST_RETURN_IF_ERROR(NotAnswered(p, req));
  ST_RETURN_IF_ERROR(CheckDay(p, "date", Str(req, "received"), "the request was received"));
  const std::string outcome = p.Body("outcome");
  // FOIA s17(1)(b) (EIR reg 14(3)): a refusal "specifies the exemption in
  // question".
  if ((outcome == "refused" || outcome == "part_disclosed" || outcome == "ncnd") &&
      List(p.body, "exemptions").empty()) {
    return InvalidArgument("body.exemptions: a " + outcome +
                           " response cites the exemptions relied on (FOIA s17(1)(b))");
  }
  ST_ASSIGN_OR_RETURN(auto cal, w.Holidays());
  ST_ASSIGN_OR_RETURN(Due due, DueOf(*cal, req));
  // The working days it took, as Apply keeps them: recorded with the
  // decision, the annual report's median is recountable from the entries.
  if (outcome != "withdrawn") {
    ST_ASSIGN_OR_RETURN(Date answered, ParseDate(p.Body("date")));
    ST_ASSIGN_OR_RETURN(int64_t taken, WorkingDaysTaken(*cal, req, answered));
    d->AddFact("working_days", taken);
  }
  if (due.date && p.Body("date") > due.date->ToString() && outcome != "withdrawn") {
    d->Warn("foi.late", ClockCite(Str(req, "regime")),
            "answered on " + p.Body("date") + ", after the deadline " + due.date->ToString());
  }
  for (const json::object* c : Uninformed(req)) {
    d->Warn("foi.inform-before-response", Cite::FromJson(c->at("cite").as_object()),
            "answered before informing " + Str(*c, "party") + " (" + Str(*c, "agreement") + ")");
  }
  return Status::Ok();
}

Status CheckFoiReview(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  CheckOwner(p, req, d);
  const json::object* resp = Member(req, "response");
  const json::object* rv = Member(req, "review");
  if (p.type == "foi.review-requested") {
    if (resp == nullptr)
      return InvalidArgument("body.request: not yet answered, so not reviewable");
    if (Str(req, "regime") == "sar") {
      return InvalidArgument("body.request: subject access has no statutory internal review");
    }
    if (rv != nullptr)
      return InvalidArgument("body.request: a review was requested on " + Str(*rv, "requested"));
    return CheckDay(p, "date", Str(*resp, "date"), "the response");
  }
  if (rv == nullptr || rv->contains("decided")) {
    return InvalidArgument("body.request: no internal review is in progress");
  }
  ST_RETURN_IF_ERROR(CheckDay(p, "date", Str(*rv, "requested"), "the review was requested"));
  ST_ASSIGN_OR_RETURN(auto cal, w.Holidays());
  ST_ASSIGN_OR_RETURN(Due due, DueOf(*cal, req));
  if (due.date && p.Body("date") > due.date->ToString()) {
    d->Warn("foi.review-late",
            LawCite("ICO guidance", "Complaints / internal reviews",
                    "no longer than 20 working days in most cases, or 40 in exceptional "
                    "circumstances"),
            "review decided on " + p.Body("date") + ", after " + due.date->ToString());
  }
  return Status::Ok();
}

Status CheckFoiComplaint(const Proposal& p, const World& w, Decision* d) {
  ST_ASSIGN_OR_RETURN(json::object req, NeedRequest(w, p));
  CheckOwner(p, req, d);
  const json::object* ico = Member(req, "ico");
  if (p.type == "foi.ico-complaint") {
    if (ico != nullptr) {
      return InvalidArgument("body.request: a complaint was recorded on " + Str(*ico, "date"));
    }
    return CheckDay(p, "date", Str(req, "received"), "the request was received");
  }
  if (ico == nullptr || ico->contains("decided")) {
    return InvalidArgument("body.request: no complaint to the Commissioner is open");
  }
  return CheckDay(p, "date", Str(*ico, "date"), "the complaint");
}

}  // namespace sharetrail::policy
