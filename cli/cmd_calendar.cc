// calendar due / calendar check: the statutory clocks and the bank holiday
// data on their own, so anyone can check a deadline without a ledger.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/cli.h"
#include "ledger/canonical_json.h"
#include "policies/calendar.h"
#include "policies/clock.h"

namespace sharetrail::cli {
namespace {

struct DueOptions {
  std::string regime;
  std::string received;
  std::string clarified;
  std::vector<std::string> pauses;
};

Result<Date> DateFlag(const std::string& text, const std::string& flag) {
  Result<Date> d = ParseDate(text);
  if (!d.ok()) return d.status().WithContext(flag + ": ");
  return d;
}

// "FROM:TO", both YYYY-MM-DD.
Result<Pause> ParsePause(const std::string& text) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos) {
    return InvalidArgument("--pause " + text + ": expected FROM:TO (YYYY-MM-DD:YYYY-MM-DD)");
  }
  ST_ASSIGN_OR_RETURN(const Date from, DateFlag(text.substr(0, colon), "--pause"));
  ST_ASSIGN_OR_RETURN(const Date to, DateFlag(text.substr(colon + 1), "--pause"));
  return Pause{from, to};
}

// One sentence saying how the date was reached.
std::string Reasoning(const ClockFacts& facts, const Deadline& d, Date received) {
  std::string s;
  const int limit = RegimeLimit(facts.regime);
  if (facts.start != received) {
    s += "clock restarted on " + facts.start.ToString() + "; ";
  }
  if (CountsMonths(facts.regime)) {
    s += std::to_string(limit) + (limit == 1 ? " calendar month" : " calendar months") + " from " +
         facts.start.ToString() + " (corresponding date)";
    if (d.paused_days > 0) {
      s += ", plus " + std::to_string(d.paused_days) + " paused day(s)";
    }
    if (d.moved_from) {
      s += "; " + d.moved_from->ToString() + " is not a working day, so the next working day";
    }
  } else {
    s += "the " + std::to_string(limit) + "th working day following " + facts.start.ToString();
    if (d.paused_working_days > 0) {
      s += ", disregarding " + std::to_string(d.paused_working_days) + " paused working day(s)";
    }
  }
  if (!d.skipped.empty()) {
    s += "; skipped ";
    for (size_t i = 0; i < d.skipped.size(); ++i) {
      s += (i == 0 ? "" : ", ") + d.skipped[i].date.ToString() + " " + d.skipped[i].name;
    }
  }
  return s;
}

void Due(Globals& g, const DueOptions& o) {
  ClockFacts facts;
  facts.regime = OrFail(g, ParseRegime(o.regime));
  const Date received = OrFail(g, DateFlag(o.received, "--received"));
  facts.start = received;
  if (!o.clarified.empty()) {
    facts.start = OrFail(g, DateFlag(o.clarified, "--clarified"));
    if (facts.start < received) {
      Fail(g, InvalidArgument("--clarified " + facts.start.ToString() +
                              " comes before --received " + received.ToString()));
    }
  }
  for (const std::string& p : o.pauses) facts.pauses.push_back(OrFail(g, ParsePause(p)));
  const Deadline d = OrFail(g, ComputeDeadline(UkCalendar(), facts));

  if (g.json) {
    boost::json::array skipped;
    for (const SkippedDay& s : d.skipped) {
      skipped.push_back(boost::json::object{{"date", s.date.ToString()}, {"name", s.name}});
    }
    boost::json::object out{
        {"regime", RegimeName(facts.regime)},
        {"received", received.ToString()},
        {"start", facts.start.ToString()},
        {"due", d.due.ToString()},
        {"working_days", d.working_days},
        {"paused_working_days", d.paused_working_days},
        {"paused_days", d.paused_days},
        {"skipped", std::move(skipped)},
        {"moved_from",
         d.moved_from ? boost::json::value(d.moved_from->ToString()) : boost::json::value(nullptr)},
    };
    PrintJson(out);
    return;
  }
  std::cout << d.due.ToString() << "\n" << Reasoning(facts, d, received) << "\n";
}

void Check(Globals& g, const std::string& path) {
  const std::string text = OrFail(g, ReadAll(path));
  Result<Calendar> cal = Calendar::ParseGovukJson(text);
  if (!cal.ok()) Fail(g, cal.status().WithContext(path + ": "));
  if (g.json) {
    boost::json::object counts;
    for (std::string_view d : Calendar::kDivisions) counts[d] = cal->EventCount(d);
    PrintJson(boost::json::object{{"first", cal->first().ToString()},
                                  {"last", cal->last().ToString()},
                                  {"events", std::move(counts)},
                                  {"digest", cal->Digest()}});
    return;
  }
  std::cout << "covers " << cal->first().ToString() << " to " << cal->last().ToString() << "\n";
  for (std::string_view d : Calendar::kDivisions) {
    std::cout << d << ": " << cal->EventCount(d) << " events\n";
  }
  std::cout << "digest " << cal->Digest() << "\n";
}

}  // namespace

void AddCalendarCommands(CLI::App& app, Globals& g) {
  auto* cal = app.add_subcommand("calendar", "UK working days and statutory response clocks");
  cal->require_subcommand(1);

  auto o = std::make_shared<DueOptions>();
  auto* due = cal->add_subcommand("due", "When a response is due (FOIA, EIR, review, SAR)");
  due->add_option("--regime", o->regime,
                  "foia, eir, eir-extended, review, review-extended, sar or sar-extended")
      ->required();
  due->add_option("--received", o->received, "Date of receipt, YYYY-MM-DD")->required();
  due->add_option("--clarified", o->clarified,
                  "The day the clock restarts: clarification received (FOIA/EIR), or proof of "
                  "identity or fee received (SAR)");
  due->add_option("--pause", o->pauses,
                  "FROM:TO, both days included: fees notice to fee received (FOIA s10(2)), or "
                  "clarification asked to received (SAR); repeatable");
  due->callback([&g, o] { Due(g, *o); });

  auto path = std::make_shared<std::string>();
  auto* check = cal->add_subcommand("check", "Parse a GOV.UK bank-holidays.json file");
  check->add_option("file", *path, "The file, or - for standard input")->required();
  check->callback([&g, path] { Check(g, *path); });

  // The calendar in force for every deadline on the ledger: recorded as an
  // event, so the deadlines replay exactly; the decision lists the open
  // requests whose deadlines moved.
  struct ImportOptions {
    std::string file, as, role, source;
  };
  auto io = std::make_shared<ImportOptions>();
  auto* import = cal->add_subcommand(
      "import", "Put a GOV.UK bank-holidays.json file in force on the ledger (administrator)");
  import->add_option("file", io->file, "The file, or - for standard input")->required();
  import->add_option("--as", io->as, "Acting user (an administrator)")->required();
  import->add_option("--role", io->role, "Role the user acts in");
  import->add_option("--source", io->source, "Where it came from and when")->required();
  import->callback([&g, io] {
    const std::string text = OrFail(g, ReadAll(io->file));
  Result<Calendar> parsed = Calendar::ParseGovukJson(text);
  if (!parsed.ok()) Fail(g, parsed.status().WithContext(io->file + ": "));
  auto doc = ParseStrict(parsed->ToGovukJson());
  if (!doc.ok() || !doc->is_object()) Fail(g, Internal("calendar did not round-trip"));
  RecordEvent(g, io->as, io->role, "calendar.imported",
              {{"calendar", std::move(doc->as_object())}, {"source", io->source}});
});
}  // namespace sharetrail::cli

}  // namespace sharetrail::cli
