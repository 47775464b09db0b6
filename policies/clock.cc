#include "policies/clock.h"

#include <utility>

namespace sharetrail {
namespace {

struct RegimeInfo {
  Regime regime;
  std::string_view name;
  int limit;
  bool months;
};

// Limits and their sources (docs/foi-clocks.md quotes each):
// - foia: FOIA 2000 s10(1), "not later than the twentieth working day
//   following the date of receipt".
// - eir: EIR 2004 reg 5(2), "no later than 20 working days after the date of
//   receipt of the request".
// - eir-extended: EIR reg 7(1), 40 working days where the complexity and volume
//   of the information requested make 20 impracticable.
// - review: FOIA has no statutory review limit; the s45 Code of Practice and
//   ICO guidance expect 20 working days.
// - review-extended: 40 working days, the ICO's ceiling for a complex FOIA
//   review and the statutory limit for an EIR review (EIR reg 11(4)).
// - sar: UK GDPR art 12(3), "within one month of receipt of the request".
// - sar-extended: art 12(3), "extended by two further months"; the ICO
//   counts the three months from the original start date.
constexpr RegimeInfo kRegimes[] = {
    {Regime::kFoia, "foia", 20, false},
    {Regime::kEir, "eir", 20, false},
    {Regime::kEirExtended, "eir-extended", 40, false},
    {Regime::kReview, "review", 20, false},
    {Regime::kReviewExtended, "review-extended", 40, false},
    {Regime::kSar, "sar", 1, true},
    {Regime::kSarExtended, "sar-extended", 3, true},
};

const RegimeInfo& Info(Regime r) {
  for (const auto& info : kRegimes) {
    if (info.regime == r) return info;
  }
  return kRegimes[0];  // unreachable: every enumerator is in the table
}

bool InPause(const std::vector<Pause>& pauses, Date d) {
  for (const Pause& p : pauses) {
    if (p.from <= d && d <= p.to) return true;
  }
  return false;
}

std::string PauseText(const Pause& p) { return p.from.ToString() + ":" + p.to.ToString(); }

// FOIA s10(1)/(2), EIR reg 5(2)/7(1), reviews: count working days following
// start, stepping over any that fall in a pause (s10(2): those "are to be
// disregarded in calculating ... the twentieth working day").
Status CountWorkingDays(const Calendar& cal, const ClockFacts& facts, int limit, Deadline* out) {
  Date d = facts.start;
  for (int counted = 0; counted < limit;) {
    d = AddDays(d, 1);
    ST_ASSIGN_OR_RETURN(const bool working, cal.IsWorkingDay(d));
    if (!working) continue;
    if (InPause(facts.pauses, d)) {
      ++out->paused_working_days;
    } else {
      ++counted;
    }
  }
  out->due = d;
  return Status::Ok();
}

// UK GDPR art 12(3) as the ICO reads it ("How long do we have to comply?",
// right of access guidance): from the day of receipt to the corresponding
// calendar date `months` later, the last day of the month if there is none
// (AddMonths); each calendar day of a clarification pause that falls inside
// the running period pushes the end back a day (UK GDPR art 12A: the period
// from asking to receiving "does not count"); if the end is not a working day
// the deadline is the next working day.
Status CountMonths(const Calendar& cal, const ClockFacts& facts, int months, Deadline* out) {
  Date end = AddMonths(facts.start, months);
  // The start day is day one of a SAR month (ICO), so a pause covering it
  // removes a day too; `end` grows inside the loop as pauses are met.
  for (Date d = facts.start; d <= end; d = AddDays(d, 1)) {
    if (InPause(facts.pauses, d)) {
      ++out->paused_days;
      end = AddDays(end, 1);
    }
  }
  Date due = end;
  for (;;) {
    ST_ASSIGN_OR_RETURN(const bool working, cal.IsWorkingDay(due));
    if (working) break;
    due = AddDays(due, 1);
  }
  if (due != end) out->moved_from = end;
  out->due = due;
  for (Date d = AddDays(facts.start, 1); d <= due; d = AddDays(d, 1)) {
    if (!InPause(facts.pauses, d)) continue;
    ST_ASSIGN_OR_RETURN(const bool working, cal.IsWorkingDay(d));
    if (working) ++out->paused_working_days;
  }
  return Status::Ok();
}

}  // namespace

Result<Regime> ParseRegime(std::string_view name) {
  for (const auto& info : kRegimes) {
    if (info.name == name) return info.regime;
  }
  return InvalidArgument("unknown regime \"" + std::string(name) +
                         "\" (want foia, eir, eir-extended, review, review-extended, sar or "
                         "sar-extended)");
}

std::string_view RegimeName(Regime r) { return Info(r).name; }
int RegimeLimit(Regime r) { return Info(r).limit; }
bool CountsMonths(Regime r) { return Info(r).months; }

Result<Deadline> ComputeDeadline(const Calendar& cal, const ClockFacts& facts) {
  for (const Pause& p : facts.pauses) {
    if (p.to < p.from) {
      return InvalidArgument("pause " + PauseText(p) + " ends before it begins");
    }
    // A pause wholly before the (re)start cannot stop a clock that was not
    // running; it is more likely a mistyped date than a fact.
    if (p.to < facts.start) {
      return InvalidArgument("pause " + PauseText(p) + " ends before the clock starts on " +
                             facts.start.ToString());
    }
  }
  Deadline out;
  const RegimeInfo& info = Info(facts.regime);
  if (info.months) {
    ST_RETURN_IF_ERROR(CountMonths(cal, facts, info.limit, &out));
  } else {
    ST_RETURN_IF_ERROR(CountWorkingDays(cal, facts, info.limit, &out));
  }
  ST_ASSIGN_OR_RETURN(out.working_days, cal.WorkingDaysBetween(facts.start, out.due));
  // Every non-working weekday in (start, due] is a holiday of some kind; the
  // weekends need no explaining.
  for (Date d = AddDays(facts.start, 1); d <= out.due; d = AddDays(d, 1)) {
    if (Weekday(d) >= 6) continue;
    ST_ASSIGN_OR_RETURN(const bool working, cal.IsWorkingDay(d));
    if (working) continue;
    out.skipped.push_back(SkippedDay{d, cal.HolidayName(d).value_or("bank holiday")});
  }
  return out;
}

Result<int> ExtensionWorkingDays(const Calendar& cal, Date due, Date extended) {
  if (extended < due) {
    return InvalidArgument("the extended date " + extended.ToString() +
                           " comes before the due date " + due.ToString());
  }
  return cal.WorkingDaysBetween(due, extended);
}

}  // namespace sharetrail
