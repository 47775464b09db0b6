// Statutory response clocks for information requests: FOIA 2000, the
// Environmental Information Regulations 2004, internal reviews, and UK GDPR
// subject access. Pure functions of the facts and a Calendar; nothing here
// reads the system clock or the ledger.
//
// Invariants:
// - A working-day regime's due date is Calendar::AddWorkingDays from the
//   (re)start day, plus one working day for each working day inside a pause.
// - A month regime's due date is the corresponding date (AddMonths), moved to
//   the next working day when it is not one.
// - A date the calendar does not cover is OutOfRange, never a guess.
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
  kReview,          // internal review (s45 code / EIR reg 11(4)): 20 working days
  kReviewExtended,  // internal review, exceptional: 40 working days
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

// A stretch of days the clock does not run: from the day a fees notice was
// given to the day the fee was received, both included (FOIA s10(2)).
struct Pause {
  Date from;
  Date to;
};

struct ClockFacts {
  Regime regime = Regime::kFoia;
  // The day the clock (re)starts: receipt of the request, or receipt of the
  // clarification that was asked for (FOIA s1(3), EIR reg 9(4)).
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
  // Working days inside pauses, added to the count.
  int paused_working_days = 0;
  // Bank holidays, Christmas Days and Good Fridays in (start, due].
  std::vector<SkippedDay> skipped;
  // For a month regime whose corresponding date was not a working day: that
  // date (the due date is then the next working day).
  std::optional<Date> moved_from;
};

// The due date for the facts. InvalidArgument for a pause that ends before it
// begins; OutOfRange if any day counted lies outside the calendar.
Result<Deadline> ComputeDeadline(const Calendar& cal, const ClockFacts& facts);

}  // namespace sharetrail

#endif  // SHARETRAIL_POLICIES_CLOCK_H_
