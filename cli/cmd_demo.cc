// demo: prints a realistic year of events (cli/demo_story.h) for record.
#include <algorithm>
#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "cli/demo_story.h"

namespace sharetrail::cli {
namespace {

struct DemoOpts {
  int year = 0;
  uint64_t seed = 1;
  std::string out, until;
};

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
  demo->callback([&g, o] { Demo(g, *o); });
}

}  // namespace sharetrail::cli
