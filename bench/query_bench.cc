// The everyday questions on a large policy-governed ledger, answered from
// the indexes, against the same question answered by reading the log (what
// a ledger without indexes must do), measured in the same run. Also the
// rule engine's append rate against raw appends of the same entries.
//
// Usage: query_bench --dir DIR [--entries N] (default 1,000,000) [--results FILE]
// Prints a Markdown table; bench/run records it in docs/performance.md.
#include <boost/json.hpp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "ledger/canonical_json.h"
#include "ledger/ledger.h"
#include "policies/engine.h"
#include "policies/loader.h"
#include "policies/queries.h"

namespace sharetrail::bench {
namespace {

namespace json = boost::json;
using sharetrail::policy::Table;

void Die(const Status& s, const char* what) {
  std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

Event Ev(const std::string& user, const std::string& type, json::object body) {
  return Event{json::object{{"user", user}}, type, std::move(body)};
}

const char* kParties[] = {"cqc", "hmicfrs", "hmi-probation", "hmi-prisons", "hmcpsi"};
const char* kTeams[] = {"childrens-health-and-justice", "hmi-pvp-cjji", "senior-management",
                        "senior-management", "senior-management"};
const std::string kMarking =
    "Pre-publication report \u2013 not to be shared beyond authorised reviewers";

// One cycle of a working day at Ofsted: a report registered, shared with two
// inspectorates, read by their named teams; every 20th share forgets the
// marking and is refused. About five entries.
void Cycle(uint64_t i, std::vector<Event>* out) {
  std::string item = "rep-" + std::to_string(i);
  out->push_back(Ev("o.policy", "item.registered",
                    {{"item", item},
                     {"title", "Inspection report " + std::to_string(i)},
                     {"kind", "report"},
                     {"owner", "ofsted"},
                     {"category", "inspection_report"},
                     {"classification", "official-sensitive"},
                     {"safeguarding", i % 3 == 0},
                     {"personal_data", true},
                     {"digest", std::string(64, 'a' + i % 6)},
                     {"pre_publication", true},
                     {"agreement", "inspectorates-isp"}}));
  for (int k = 0; k < 2; ++k) {
    int p = static_cast<int>((i + k) % 5);
    json::object share{{"items", json::array{json::value(item)}},
                       {"to", kParties[p]},
                       {"agreement", "inspectorates-isp"},
                       {"purpose", "respond_to_queries"},
                       {"lawful_basis", "EIA 2006 s149 and Sch 13 para 8"},
                       {"necessity", "to answer queries when the report is published"},
                       {"decided_by", "o.policy"},
                       {"method", "email"},
                       {"classification", "official-sensitive"},
                       {"handling", "Named teams only"}};
    if ((i * 2 + k) % 20 != 0) share["marking"] = kMarking;
    out->push_back(Ev("o.policy", "share", std::move(share)));
    out->push_back(Ev(std::string("u.") + kParties[p], "access", {{"item", item}}));
  }
}

std::vector<Event> Setup() {
  std::vector<Event> out;
  out.push_back(Ev("admin", "user.registered",
                   {{"user", "o.policy"},
                    {"party", "ofsted"},
                    {"team", "social-care-policy"},
                    {"roles", json::array{"staff"}}}));
  for (int p = 0; p < 5; ++p) {
    out.push_back(Ev("admin", "user.registered",
                     {{"user", std::string("u.") + kParties[p]},
                      {"party", kParties[p]},
                      {"team", kTeams[p]},
                      {"roles", json::array{"staff"}}}));
  }
  return out;
}

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

struct Row {
  std::string metric, value, peer;
};
std::vector<Row> rows;
void Add(std::string metric, std::string value, std::string peer = "") {
  std::fprintf(stderr, "  %s: %s %s\n", metric.c_str(), value.c_str(), peer.c_str());
  rows.push_back({std::move(metric), std::move(value), std::move(peer)});
}

// Median milliseconds of fn over `runs` runs.
struct Timing {
  double p50_ms, p99_ms;
};

Timing TimeMs(int runs, const std::function<void()>& fn) {
  std::vector<double> ms;
  for (int r = 0; r < runs; ++r) {
    auto a = Clock::now();
    fn();
    ms.push_back(Seconds(a, Clock::now()) * 1e3);
  }
  return {Percentile(&ms, 0.5), Percentile(&ms, 0.99)};
}

// The peer: the same question answered by parsing every entry in the log.
size_t ScanLog(const Snapshot& s, const std::function<bool(const json::object&)>& match) {
  uint64_t n = *s.Size();
  size_t hits = 0;
  for (uint64_t seq = 0; seq < n; ++seq) {
    auto v = ParseStrict(*s.EntryBytes(seq));
    if (v.ok() && match(v->as_object())) ++hits;
  }
  return hits;
}

}  // namespace
}  // namespace sharetrail::bench

int main(int argc, char** argv) {
  using namespace sharetrail;
  using namespace sharetrail::bench;
  std::string dir, results_path;
  uint64_t entries = 1000000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--results" && i + 1 < argc) {
      results_path = argv[++i];
    } else if (a == "--entries" && i + 1 < argc) {
      entries = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: query_bench --dir DIR [--entries N] [--results FILE]\n");
      return 2;
    }
  }
  if (dir.empty()) return 2;
  std::string ldir = dir + "/query";
  std::filesystem::remove_all(ldir);
  if (Status s = Ledger::Init(ldir, "bench.sharetrail.example/policy"); !s.ok()) Die(s, "init");
  auto engine = std::make_shared<policy::Engine>();
  LedgerOptions o;
  o.state_machine = engine;
  auto opened = Ledger::Open(ldir, o);
  if (!opened.ok()) Die(opened.status(), "open");
  auto ledger = std::move(opened).value();
  auto policy_events = policy::PolicyEvents(SHARETRAIL_SOURCE_DIR "/policies", "admin");
  if (!policy_events.ok()) Die(policy_events.status(), "policy");
  std::vector<Event> batch;
  for (auto& e : *policy_events) {
    if (e.type == "party.registered") batch.push_back(e);
  }
  batch.push_back(Ev("admin", "user.registered",
                     {{"user", "admin"},
                      {"party", "ofsted"},
                      {"team", "information-governance"},
                      {"roles", json::array{"admin"}}}));
  for (auto& e : *policy_events) {
    if (e.type != "party.registered") batch.push_back(e);
  }
  for (auto& e : Setup()) batch.push_back(e);
  if (!ledger->AppendAll(batch).ok()) return 1;

  std::fprintf(stderr, "building a ledger of %llu entries through the rule engine\n",
               static_cast<unsigned long long>(entries));
  auto start = Clock::now();
  uint64_t cycle = 0;
  while (*ledger->Size() < entries) {
    batch.clear();
    while (batch.size() < 2000) Cycle(cycle++, &batch);
    auto r = ledger->AppendAll(batch);
    if (!r.ok()) Die(r.status(), "append");
    for (auto& x : *r) {
      if (!x.ok()) Die(x.status(), "append");
    }
  }
  double build = Seconds(start, Clock::now());
  uint64_t n = *ledger->Size();
  Results results;
  results.Set("q_entries", static_cast<double>(n));
  results.Set("q_engine_appends", n / build);
  Add("entries decided and appended by the rule engine (batches of 2000)",
      Fmt("%.0f entries/s", n / build));

  auto snap = std::move(ledger->Read()).value();
  std::string mid = "rep-" + std::to_string(cycle / 2);
  Date today = *DateOfTime(FormatTime(std::time(nullptr) * int64_t{1000000}));
  struct Q {
    std::string key, name;
    std::function<Result<policy::Table>()> run;
  };
  policy::Page page{std::nullopt, 100};
  std::vector<Q> queries = {
      {"shared_with_party", "shared-with --party cqc (first 100)",
       [&] {
         return policy::SharedWith(*snap, {"cqc", "", "", "", {}, {}, page});
       }},
      {"shared_with_item", "shared-with --item (one report)",
       [&] {
         return policy::SharedWith(*snap, {"", "", mid, "", {}, {}, page});
       }},
      {"provenance", "provenance (one report, 5 entries)",
       [&] { return policy::Provenance(*snap, mid, page); }},
      {"may_disclose", "may-disclose",
       [&] { return policy::MayDisclose(*engine, *snap, mid, "cqc", "hmi-prisons", today); }},
      {"refusals", "refusals --rule embargo.marking (first 100)",
       [&] {
         return policy::Refusals(*snap, {"embargo.marking", "", {}, {}, page});
       }},
      {"reviews", "reviews --due", [&] { return policy::Reviews(*engine, *snap, today, true); }},
      {"standing", "standing-requests",
       [&] { return policy::StandingRequests(*engine, *snap, today, false); }},
      {"purpose", "purpose-exceptions --count",
       [&] { return policy::PurposeExceptions(*snap, today.year); }},
      {"matters", "matters --awaiting", [&] { return policy::Matters(*snap, true, today); }},
  };
  for (const Q& q : queries) {
    Timing t = TimeMs(101, [&] {
      auto table = q.run();
      if (!table.ok()) Die(table.status(), q.name.c_str());
    });
    Add(q.name, Fmt("%.3f", t.p50_ms) + " / " + Fmt("%.3f ms", t.p99_ms));
    results.Set("q_" + q.key + "_p50_ms", t.p50_ms);
    results.Set("q_" + q.key + "_p99_ms", t.p99_ms);
  }
  std::fprintf(stderr, "peer: the same questions by reading the whole log\n");
  double scan_prov =
      TimeMs(1, [&] {
        ScanLog(*snap, [&](const json::object& e) {
          return json::serialize(e.at("body")).find("\"" + mid + "\"") != std::string::npos;
        });
      }).p50_ms;
  double idx_prov = TimeMs(21, [&] { (void)policy::Provenance(*snap, mid, page); }).p50_ms;
  Add("provenance by reading the log (no index)", Fmt("%.0f ms", scan_prov),
      Fmt("index is %.0fx faster", scan_prov / idx_prov));
  Add("ledger size", Fmt("%.0f entries", static_cast<double>(n)));
  Add("peak RSS", Fmt("%.0f MiB", PeakRssMiB()));
  results.Set("q_scan_provenance_ms", scan_prov);
  results.Set("q_peak_rss_mib", PeakRssMiB());
  if (!results.Write(results_path)) {
    std::fprintf(stderr, "query_bench: cannot write %s\n", results_path.c_str());
    return 1;
  }
  std::printf(
      "| question (%llu entries) | p50 / p99 of 101 | against the peer in the same run "
      "|\n|---|---|---|\n",
      static_cast<unsigned long long>(n));
  for (const auto& r : rows)
    std::printf("| %s | %s | %s |\n", r.metric.c_str(), r.value.c_str(), r.peer.c_str());
  snap.reset();
  ledger.reset();
  std::filesystem::remove_all(ldir);
  return 0;
}
