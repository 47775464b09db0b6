#include "policies/foi.h"

#include <algorithm>

#include "ledger/hash.h"
#include "policies/world.h"

namespace sharetrail::policy {
namespace json = boost::json;
namespace {

std::optional<Date> DateField(const json::object& o, std::string_view key) {
  auto d = ParseDate(Str(o, key));
  if (!d.ok()) return std::nullopt;
  return *d;
}

// Windows after an answer during which it can still be challenged, each as
// its source states it:
// - ICO, "What to do if you are dissatisfied with the response": an
//   authority "could refuse to deal with it if you wait longer than 40
//   working days" (FOIA and EIR internal review requests).
// - ICO, "FOI and EIR complaints": complaints "within six weeks of receiving
//   your final response or last substantive contact".
// - ICO, data protection complaints: within three months of the last
//   meaningful contact (subject access has no statutory internal review).
// - First-tier Tribunal (GRC) Rules 2009 r22(1)(b): an appeal against a
//   decision notice within 28 days.
constexpr int kReviewWindowWorkingDays = 40;
constexpr int kComplaintWindowDays = 42;
constexpr int kSarComplaintWindowMonths = 3;
constexpr int kTribunalAppealDays = 28;

}  // namespace

Cite LawCite(std::string instrument, std::string section, std::string quote) {
  return Cite{std::move(instrument), std::move(section), std::move(quote)};
}

std::string_view AgreementRegime(std::string_view regime) {
  return regime == "foia" ? "foi" : regime;
}

Result<Regime> ClockRegime(const json::object& request, bool review) {
  const std::string regime = Str(request, "regime");
  const json::object* ext = Member(request, "extension");
  if (review) {
    if (regime == "sar") {
      return InvalidArgument("subject access has no statutory internal review");
    }
    // EIR reg 11(4): the review decision is due within 40 working days.
    const json::object* rv = Member(request, "review");
    if (regime == "eir" || (rv != nullptr && Flag(*rv, "extended"))) {
      return Regime::kReviewExtended;
    }
    return Regime::kReview;
  }
  std::string kind = ext != nullptr ? Str(*ext, "kind") : "";
  if (regime == "eir") return kind == "eir_complex" ? Regime::kEirExtended : Regime::kEir;
  if (regime == "sar") return kind == "sar_complex" ? Regime::kSarExtended : Regime::kSar;
  if (regime == "foia") return Regime::kFoia;
  return InvalidArgument("regime: unknown \"" + regime + "\"");
}

std::optional<ClockFacts> FactsOf(const json::object& request, Regime regime) {
  ClockFacts f;
  f.regime = regime;
  if (regime == Regime::kReview || regime == Regime::kReviewExtended) {
    const json::object* rv = Member(request, "review");
    if (rv == nullptr) return std::nullopt;
    auto start = DateField(*rv, "requested");
    if (!start) return std::nullopt;
    f.start = *start;
    return f;
  }
  auto received = DateField(request, "received");
  if (!received) return std::nullopt;
  f.start = *received;
  const bool sar = CountsMonths(regime);
  // FOIA s1(3) / EIR reg 9(4): the clock runs again from the day the
  // clarification arrives. Subject access (UK GDPR art 12A, ICO "stop the
  // clock"): the days spent waiting for it do not count. Until it arrives
  // the clock is stopped either way.
  if (const json::object* c = Member(request, "clarification")) {
    auto asked = DateField(*c, "requested");
    auto got = DateField(*c, "received");
    if (!got) return std::nullopt;
    if (!sar) {
      f.start = std::max(f.start, *got);
    } else if (asked) {
      f.pauses.push_back(Pause{*asked, *got});
    }
  }
  // FOIA s10(2): working days from the fees notice to the fee's receipt are
  // disregarded; an unpaid notice stops the clock (s9(2)). A notice given
  // before a restart belongs to the request as first made, and no longer
  // counts. For subject access a fee is not a pause: the month runs from its
  // receipt (UK GDPR art 12A "relevant time").
  if (const json::value* fees = request.if_contains("fees")) {
    for (const auto& v : fees->as_array()) {
      const json::object& fee = v.as_object();
      auto from = DateField(fee, "notified");
      auto to = DateField(fee, "paid");
      if (!from) continue;
      if (!to) return std::nullopt;
      if (sar) {
        f.start = std::max(f.start, *to);
      } else if (*from >= f.start) {
        f.pauses.push_back(Pause{*from, *to});
      }
    }
  }
  return f;
}

Result<Due> DueOf(const Calendar& cal, const json::object& request) {
  const json::object* rv = Member(request, "review");
  const bool review = rv != nullptr;
  const json::object* ext = Member(request, review ? "review" : "extension");
  // An explicit date (a public interest extension under FOIA s10(3), or a
  // shorter date the authority set itself) replaces the computation.
  if (ext != nullptr && ext->contains("due")) {
    auto d = DateField(*ext, "due");
    if (d) return Due{*d, review ? "internal review, extended" : "extended: " + Str(*ext, "kind")};
  }
  ST_ASSIGN_OR_RETURN(Regime regime, ClockRegime(request, review));
  auto facts = FactsOf(request, regime);
  if (!facts) {
    if (const json::object* c = Member(request, "clarification"); c && !c->contains("received")) {
      return Due{std::nullopt, "stopped: clarification requested " + Str(*c, "requested")};
    }
    return Due{std::nullopt, "stopped: fee notice unpaid"};
  }
  ST_ASSIGN_OR_RETURN(Deadline d, ComputeDeadline(cal, *facts));
  return Due{d.due, std::string(RegimeName(regime))};
}

Result<int64_t> WorkingDaysTaken(const Calendar& cal, const json::object& rec, Date answered) {
  ST_ASSIGN_OR_RETURN(Regime regime, ClockRegime(rec, false));
  auto facts = FactsOf(rec, regime);
  Date start = facts ? facts->start : *ParseDate(Str(rec, "received"));
  ST_ASSIGN_OR_RETURN(int days, cal.WorkingDaysBetween(start, answered));
  if (facts) {
    for (const Pause& p : facts->pauses) {
      if (p.from > answered) continue;
      ST_ASSIGN_OR_RETURN(int paused,
                          cal.WorkingDaysBetween(AddDays(p.from, -1), std::min(p.to, answered)));
      days -= paused;
    }
  }
  return days;
}

Result<std::optional<Date>> OpenUntil(const Calendar& cal, const json::object& request) {
  const json::object* resp = Member(request, "response");
  if (resp == nullptr) return std::optional<Date>();
  auto answered = DateField(*resp, "date");
  if (!answered) return Corruption("request response without a date");
  // A withdrawn request leaves nothing to challenge: it holds nothing from
  // the day it is withdrawn.
  if (Str(*resp, "outcome") == "withdrawn") return std::optional<Date>(AddDays(*answered, -1));
  if (const json::object* ico = Member(request, "ico")) {
    const json::object* decided = Member(*ico, "decided");
    if (decided == nullptr) return std::optional<Date>();
    auto day = DateField(*decided, "date");
    if (!day) return Corruption("ICO decision without a date");
    return std::optional<Date>(AddDays(*day, kTribunalAppealDays));
  }
  if (const json::object* rv = Member(request, "review")) {
    const json::object* decided = Member(*rv, "decided");
    if (decided == nullptr) return std::optional<Date>();
    auto day = DateField(*decided, "date");
    if (!day) return Corruption("review decision without a date");
    return std::optional<Date>(AddDays(*day, kComplaintWindowDays));
  }
  if (Str(request, "regime") == "sar") {
    return std::optional<Date>(AddMonths(*answered, kSarComplaintWindowMonths));
  }
  ST_ASSIGN_OR_RETURN(Date end, cal.AddWorkingDays(*answered, kReviewWindowWorkingDays));
  return std::optional<Date>(end);
}

std::vector<const json::object*> Uninformed(const json::object& request) {
  std::vector<const json::object*> out;
  const json::object* informed = Member(request, "informed");
  for (const auto& v : request.at("inform").as_array()) {
    if (informed != nullptr && informed->contains(Str(v.as_object(), "party"))) continue;
    out.push_back(&v.as_object());
  }
  return out;
}

Cite OpenRequestCite(std::string_view regime) {
  if (regime == "sar") {
    return LawCite("Data Protection Act 2018", "s173(3)",
                   "alter, deface, block, erase, destroy or conceal information with the "
                   "intention of preventing disclosure");
  }
  return LawCite("Freedom of Information Act 2000", "s77(1)",
                 "alters, defaces, blocks, erases, destroys or conceals any record held by the "
                 "public authority, with the intention of preventing the disclosure");
}

std::string NormalisedTextDigest(std::string_view text) {
  std::string norm;
  bool space = false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !norm.empty();
      continue;
    }
    if (space) norm += ' ';
    space = false;
    norm += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
  }
  return Sha256Hex(norm);
}

}  // namespace sharetrail::policy
