// Statutory response clocks for information requests: FOIA 2000, the
// Environmental Information Regulations 2004, internal reviews, and UK GDPR
// subject access. Pure functions of the facts and a Calendar; nothing here
// reads the system clock or the ledger.
//
// Invariants:
// - A working-day regime's due date is Calendar::AddWorkingDays from the
//   (re)start day, plus one working day for each working day inside a pause.
// - A month regime's due date is the corresponding date (AddMonths), pushed
//   back one calendar day for each day of a pause inside the running period,
//   then moved to the next working day when it is not one.
// - A date the calendar does not cover is OutOfRange, never a guess.
//
// Sources for every rule are in docs/foi-clocks.md and at each use in clock.cc.
#ifndef SHARETRAIL_POLICIES_CLOCK_H_
#define SHARETRAIL_POLICIES_CLOCK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/status.h"
#include "policies/calendar.h"
#include "policies/date.h"

namespace sharetrail {

enum class Regime {
  kFoia,            // FOIA s10(1): 20 working days
  kEir,             // EIR reg 5(2): 20 working days
  kEirExtended,     // EIR reg 7(1): 40 working days (complex and voluminous)
  kReview,          // FOIA internal review (s45 Code of Practice): 20 working days
  kReviewExtended,  // 40 working days: a complex FOIA review (s45 Code, ICO), and
                    // the statutory limit for an EIR review (EIR reg 11(4))
  kSar,             // UK GDPR art 12(3): one month
  kSarExtended,     // UK GDPR art 12(3): extended by two further months
};

// "foia", "eir", "eir-extended", "review", "review-extended", "sar",
// "sar-extended"; InvalidArgument naming the accepted names otherwise.
Result<Regime> ParseRegime(std::string_view name);
std::string_view RegimeName(Regime r);
// The regime's limit: working days for the working-day regimes, calendar
// months (1 or 3) for the SAR regimes.
int RegimeLimit(Regime r);
bool CountsMonths(Regime r);

// A stretch of days the clock does not run, both ends included.
// - Working-day regimes: from the day a fees notice was given to the day the
//   fee was received (FOIA s10(2)). Its working days are disregarded. An EIR
//   pause is counted the same way if one is recorded; whether EIR reg 8 stops
//   the clock is an open reading (docs/foi-clocks.md).
// - SAR regimes: from the day the controller asked for information it
//   reasonably needs to identify what is sought to the day it was received
//   (UK GDPR art 12A, ICO "stop the clock"). Its calendar days do not count.
//   A fee or proof of identity is not a pause: the month then runs from its
//   receipt, so it sets ClockFacts::start instead.
struct Pause {
  Date from;
  Date to;
};

struct ClockFacts {
  Regime regime = Regime::kFoia;
  // The day the clock (re)starts: receipt of the request, or receipt of the
  // clarification that was asked for (FOIA s1(3) with s10(6)(b), EIR reg
  // 9(4)); for SAR the latest of receipt of the request, of proof of identity
  // and of a fee (UK GDPR art 12A "relevant time"). For SAR the start day is
  // day one of the month (ICO); for the working-day regimes it never counts.
  Date start;
  std::vector<Pause> pauses;
};

// One non-working weekday the count stepped over.
struct SkippedDay {
  Date date;
  std::string name;  // "Christmas Day", "St Andrew's Day", ...
};

struct Deadline {
  Date due;
  // Working days from start to due (for month regimes too, for comparison).
  int working_days = 0;
  // Working days inside pauses in (start, due]. For the working-day regimes
  // they were added to the count; for SAR they are shown for comparison only.
  int paused_working_days = 0;
  // SAR regimes: calendar days of pauses that pushed the due date back. Always
  // 0 for the working-day regimes.
  int paused_days = 0;
  // Bank holidays, Christmas Days and Good Fridays in (start, due].
  std::vector<SkippedDay> skipped;
  // For a month regime whose corresponding date was not a working day: that
  // date (the due date is then the next working day).
  std::optional<Date> moved_from;
};

// The due date for the facts. InvalidArgument for a pause that ends before it
// begins or before the clock starts; OutOfRange if any day counted lies
// outside the calendar.
Result<Deadline> ComputeDeadline(const Calendar& cal, const ClockFacts& facts);

// ICO guidance on FOIA s10(3): a public interest extension should normally
// take no more than 20 further working days beyond the s10(1) deadline.
inline constexpr int kPublicInterestNormalExtension = 20;

// Working days from the statutory due date to an extended one, for flagging
// an extension longer than kPublicInterestNormalExtension. InvalidArgument if
// the extended date comes before the due date; OutOfRange outside the
// calendar.
Result<int> ExtensionWorkingDays(const Calendar& cal, Date due, Date extended);

}  // namespace sharetrail

#endif  // SHARETRAIL_POLICIES_CLOCK_H_
