// demo: prints a realistic year of events (cli/demo_story.h) for record,
// or (--record) records it into a new ledger, each day's events stamped
// with that day.
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "cli/demo_story.h"

namespace sharetrail::cli {
namespace {

struct DemoOpts {
  int year = 0;
  uint64_t seed = 1;
  std::string out, until, origin = "demo.sharetrail.example/ledger", policies = "policies";
  bool record = false;
};

int64_t RealMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A new ledger holding the story as if recorded on the day it tells: the
// directory and agreements on the day the story opens (June the year
// before), each day's events from 08:00 that day, a second apart (never
// later than now). The engine's "today" is then
// the story's, so standing requests lapse, reviews fall due and FOI clocks
// run as they would have. A ledger's times are its writer's word (its key
// signs whatever they are), which is why only a new ledger is made so;
// witnesses' cosignature timestamps are what bound a live ledger's times
// (docs/threat-model.md).
void RecordStory(Globals& g, const DemoOpts& o, const demo::Story& story,
                 std::optional<Date> until) {
  if (g.ledger_dir.empty()) Fail(g, InvalidArgument("demo --record needs --ledger DIR (new)"));
  struct stat st;
  if (stat(g.ledger_dir.c_str(), &st) == 0) {
    Fail(g, FailedPrecondition("demo --record makes a new ledger: " + g.ledger_dir +
                               " already exists"));
  }
  auto base = std::make_shared<std::atomic<int64_t>>(0);
  auto ticks = std::make_shared<std::atomic<int64_t>>(0);
  g.clock = [base, ticks] {
    return std::min(base->load() + ticks->fetch_add(1) * 1000000, RealMicros());
  };
  auto day_at = [&](Date d, int hour) {
    base->store((DaysFromCivil(d) * 86400 + hour * 3600) * int64_t{1000000});
    ticks->store(0);
  };
  day_at(story.opened(), 0);
  Status init = Ledger::Init(g.ledger_dir, o.origin);
  if (!init.ok()) Fail(g, init);
  LoadPolicies(g, o.policies, "admin", "ofsted", "information-governance");
  auto ledger = OrFail(g, OpenLedger(g, false));
  uint64_t proposed = 0, refused = 0;
  for (const auto& [date, text] : story.Days(until)) {
    std::vector<Event> events;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      auto e = ParseEvent(std::string_view(text).substr(start, end - start));
      if (!e.ok()) Fail(g, e.status().WithContext("demo " + date.ToString() + ": "));
      events.push_back(std::move(*e));
      start = end + 1;
    }
    day_at(date, 8);
    auto results = OrFail(g, ledger->AppendAll(events));
    for (auto& r : results) {
      if (!r.ok()) Fail(g, r.status().WithContext("demo " + date.ToString() + ": "));
      ++proposed;
      if (PrintOutcome(g, r->outcome)) ++refused;
    }
  }
  std::cerr << "demo: recorded " << proposed << " events (" << refused
            << " refused and recorded) into " << g.ledger_dir << "\n";
}

void Demo(Globals& g, const DemoOpts& o) {
  if (o.year < kMinParseYear + 8 || o.year > kMaxParseYear) {
    Fail(g, InvalidArgument("--year " + std::to_string(o.year) + ": must be " +
                            std::to_string(kMinParseYear + 8) + " to " +
                            std::to_string(kMaxParseYear)));
  }
  std::optional<Date> until;
  if (!o.until.empty()) {
    auto d = ParseDate(o.until);
    if (!d.ok()) Fail(g, d.status().WithContext("--until: "));
    until = *d;
  }
  demo::Story story = demo::MakeYear(o.year, o.seed);
  if (o.record) {
    if (!o.out.empty()) Fail(g, InvalidArgument("give --record or --out, not both"));
    RecordStory(g, o, story, until);
    return;
  }
  std::string lines = story.Lines(until);
  if (o.out.empty()) {
    std::cout << lines << std::flush;
    return;
  }
  std::ofstream f(o.out, std::ios::binary | std::ios::trunc);
  f << lines;
  f.close();
  if (!f) Fail(g, IOError("cannot write " + o.out));
  size_t n = static_cast<size_t>(std::count(lines.begin(), lines.end(), '\n'));
  if (g.json) {
    PrintJson(boost::json::object{{"out", o.out}, {"events", n}});
  } else {
    std::cout << "wrote " << n << " events to " << o.out << "\n";
  }
}

}  // namespace

void AddDemoCommands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DemoOpts>();
  auto* demo = app.add_subcommand(
      "demo", "Print a realistic, deterministic year of events (JSON Lines) for record");
  demo->add_option("--year", o->year, "The story's year")->required();
  demo->add_option("--seed", o->seed, "Random seed: the same year and seed, the same output");
  demo->add_option("--out", o->out, "Write to FILE instead of standard output");
  demo->add_option("--until", o->until,
                   "Leave out events dated after YYYY-MM-DD (record refuses dates in the "
                   "future, so a year not yet over needs today here)");
  demo->add_flag("--record", o->record,
                 "Record the story into a new --ledger DIR, each day's events stamped with that "
                 "day (prints each decision)");
  demo->add_option("--origin", o->origin, "With --record: the new ledger's origin");
  demo->add_option("--policies", o->policies,
                   "With --record: the directory of parties.json and agreements/");
  demo->callback([&g, o] { Demo(g, *o); });
}

}  // namespace sharetrail::cli
