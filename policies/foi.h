// Information requests (FOIA 2000, EIR 2004, UK GDPR subject access) as the
// engine keeps them: one record per request (foi/<request>, world.h), whose
// deadline is a pure function of the record and the calendar in force.
//
// Invariants:
// - The record holds facts (dates, pauses, extensions); "due" is derived by
//   DueOf and rewritten by Apply whenever a fact or the calendar changes.
// - A request stays "open" for the purpose of disposal holds until its last
//   window for challenge has passed (OpenUntil); it is never closed by hand.
// - Nothing here names a requester: the chain carries a reference only.
#ifndef SHARETRAIL_POLICIES_FOI_H_
#define SHARETRAIL_POLICIES_FOI_H_

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/status.h"
#include "policies/calendar.h"
#include "policies/clock.h"
#include "policies/decision.h"

namespace sharetrail::policy {

// A citation of legislation or ICO guidance (not a seed paragraph): `seed`
// names the instrument, `para` the section.
Cite LawCite(std::string instrument, std::string section, std::string quote);

// The statutory clock a request (or its review) runs on, from the record:
// the base regime, or its extended form once an extension of that kind is
// recorded. InvalidArgument for an unknown regime.
Result<Regime> ClockRegime(const boost::json::object& request, bool review);

// The clock's facts from the record: start (receipt or clarification), and
// completed fee pauses. nullopt while the clock is stopped (clarification or
// fee awaited: FOIA s1(3), s9(2)).
std::optional<ClockFacts> FactsOf(const boost::json::object& request, Regime regime);

// The current deadline of the request: a recorded explicit date (public
// interest extension) wins, else the statutory computation; nullopt while
// stopped. For a request under review, the review's deadline.
struct Due {
  std::optional<Date> date;
  std::string basis;  // "FOIA s10(1)", "paused: fee notice of 2026-02-03", ...
};
Result<Due> DueOf(const Calendar& cal, const boost::json::object& request);

// Working days the request took to answer on `answered`: from the clock's
// start to the answer, less the days it stood paused (clarification, fee).
Result<int64_t> WorkingDaysTaken(const Calendar& cal, const boost::json::object& request,
                                 Date answered);

// The last day the request stops disposal of what it touches: open while
// unanswered, under review or before the Commissioner; after an answer,
// through the window in which it can still be challenged. nullopt: no end
// yet (unanswered, or awaiting a decision).
Result<std::optional<Date>> OpenUntil(const Calendar& cal, const boost::json::object& request);
// The entries of the request's inform list ({party, agreement, cite,
// items}) with no foi.informed yet: seed 000 §15's outstanding duty.
std::vector<const boost::json::object*> Uninformed(const boost::json::object& request);

// The citation for that hold (FOIA s77, DPA 2018 s173).
Cite OpenRequestCite(std::string_view regime);

// The regime name the agreements use in their foi_inform rules ("foi",
// "eir", "sar") for a request's regime ("foia", "eir", "sar").
std::string_view AgreementRegime(std::string_view regime);

// SHA-256 (hex) of the request text normalised for comparing round-robin
// requests: case folded (ASCII), every run of whitespace one space, trimmed.
std::string NormalisedTextDigest(std::string_view text);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_FOI_H_
