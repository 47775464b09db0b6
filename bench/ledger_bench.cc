// Ledger benchmarks against the machine's own ceilings, measured in the same
// run: durable appends/s and ack latency at 1, 8 and 64 writers (vs the
// fsync ceiling), verify entries/s (vs the single-thread SHA-256 ceiling for
// two hashes per entry), proof latency at large sizes, storage per entry.
//
// Usage: ledger_bench --dir DIR [--quick] [--sizes 1000000,10000000]
// Prints a Markdown table; bench/run records it in docs/performance.md.
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_util.h"
#include "ledger/ledger.h"
#include "ledger/verify.h"
#include "tests/fixtures/events.h"

namespace sharetrail::bench {
namespace {

struct Row {
  std::string metric, value, peer;
};
std::vector<Row> rows;

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

void Add(std::string metric, std::string value, std::string peer = "") {
  std::fprintf(stderr, "  %s: %s %s\n", metric.c_str(), value.c_str(), peer.c_str());
  rows.push_back({std::move(metric), std::move(value), std::move(peer)});
}

std::unique_ptr<Ledger> Fresh(const std::string& dir) {
  std::filesystem::remove_all(dir);
  Status s = Ledger::Init(dir, "bench.sharetrail.example/log");
  if (!s.ok()) {
    std::fprintf(stderr, "init: %s\n", s.ToString().c_str());
    std::exit(1);
  }
  auto l = Ledger::Open(dir);
  if (!l.ok()) std::exit(1);
  return std::move(l).value();
}

void Appends(const std::string& dir, int writers, double seconds, double fsync_ceiling) {
  auto ledger = Fresh(dir);
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> next{0};
  std::vector<std::vector<double>> lat(writers);
  std::vector<std::set<uint64_t>> commits(writers);
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      while (!stop.load(std::memory_order_relaxed)) {
        Event e = testing::ShareEvent(next++);
        auto t0 = Clock::now();
        auto r = ledger->Append(e);
        lat[w].push_back(Seconds(t0, Clock::now()) * 1e3);
        if (!r.ok()) std::exit(1);
        commits[w].insert(r->tree_size);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  double elapsed = Seconds(start, Clock::now());
  std::vector<double> all;
  std::set<uint64_t> all_commits;
  for (int w = 0; w < writers; ++w) {
    all.insert(all.end(), lat[w].begin(), lat[w].end());
    all_commits.insert(commits[w].begin(), commits[w].end());
  }
  double rate = static_cast<double>(all.size()) / elapsed;
  std::string w = std::to_string(writers) + " writer" + (writers > 1 ? "s" : "");
  Add("durable appends/s, " + w, Fmt("%.0f", rate),
      Fmt("%.1fx the fsync ceiling", rate / fsync_ceiling));
  Add("ack latency p50 / p99, " + w,
      Fmt("%.2f", Percentile(&all, 0.5)) + " / " + Fmt("%.2f ms", Percentile(&all, 0.99)));
  Add("mean entries per commit, " + w,
      Fmt("%.1f", static_cast<double>(all.size()) / static_cast<double>(all_commits.size())));
}

// Fills a ledger to n entries with 2 feeding threads (so preparing events
// overlaps with the writer), returning the canonical bytes appended.
uint64_t Fill(Ledger& ledger, uint64_t n) {
  std::atomic<uint64_t> next{0};
  auto feed = [&] {
    for (;;) {
      uint64_t begin = next.fetch_add(8192);
      if (begin >= n) return;
      std::vector<Event> chunk;
      for (uint64_t i = begin; i < std::min(n, begin + 8192); ++i) {
        chunk.push_back(testing::ShareEvent(i));
      }
      auto r = ledger.AppendAll(chunk);
      if (!r.ok()) std::exit(1);
    }
  };
  std::thread a(feed), b(feed);
  a.join();
  b.join();
  uint64_t bytes = 0;
  auto txn = ledger.store().BeginRead();
  auto c = (*txn)->OpenCursor(Table::kEntries);
  for (Status s = c->SeekFirst(); s.ok() && c->Valid(); s = c->Next()) bytes += c->value().size();
  return bytes;
}

void Large(const std::string& dir, uint64_t n, double ceiling, bool do_verify) {
  std::string label =
      n >= 1000000 ? Fmt("%.0f M", static_cast<double>(n) / 1e6) : std::to_string(n);
  auto ledger = Fresh(dir);
  auto t0 = Clock::now();
  uint64_t bytes = Fill(*ledger, n);
  double fill = Seconds(t0, Clock::now());
  Add("bulk load appends/s (2 feeders), " + label, Fmt("%.0f", static_cast<double>(n) / fill));
  uint64_t used = *ledger->store().UsedBytes();
  Add("storage bytes per entry, " + label,
      Fmt("%.0f", static_cast<double>(used) / static_cast<double>(n)),
      Fmt("%.2fx the canonical entry bytes",
          static_cast<double>(used) / static_cast<double>(bytes)));
  Add("mean canonical entry, " + label, Fmt("%.0f bytes", static_cast<double>(bytes) / n));
  if (do_verify) {
    auto v0 = Clock::now();
    auto r = Verify(*ledger, {});
    double secs = Seconds(v0, Clock::now());
    if (!r.ok() || !r->ok) std::exit(1);
    double rate = static_cast<double>(n) / secs;
    Add("verify entries/s, " + label, Fmt("%.0f", rate),
        Fmt("%.0f%% of the SHA-256 ceiling", 100.0 * rate / ceiling));
  }
  std::mt19937_64 rng(42);
  std::vector<double> inc, con;
  for (int i = 0; i < 20000; ++i) {
    uint64_t seq = rng() % n;
    auto a = Clock::now();
    auto p = ledger->ProveInclusion(seq, std::nullopt);
    inc.push_back(Seconds(a, Clock::now()) * 1e6);
    uint64_t m = 1 + rng() % (n - 1);
    a = Clock::now();
    auto c = ledger->ProveConsistency(m, n);
    con.push_back(Seconds(a, Clock::now()) * 1e6);
    if (!p.ok() || !c.ok()) std::exit(1);
  }
  Add("inclusion proof p50 / p99, " + label,
      Fmt("%.1f", Percentile(&inc, 0.5)) + " / " + Fmt("%.1f us", Percentile(&inc, 0.99)));
  Add("consistency proof p50 / p99, " + label,
      Fmt("%.1f", Percentile(&con, 0.5)) + " / " + Fmt("%.1f us", Percentile(&con, 0.99)));
  ledger.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sharetrail::bench

int main(int argc, char** argv) {
  using namespace sharetrail::bench;
  std::string dir;
  bool quick = false;
  std::vector<uint64_t> sizes;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--quick") {
      quick = true;
    } else if (a == "--sizes" && i + 1 < argc) {
      for (char* t = std::strtok(argv[++i], ","); t; t = std::strtok(nullptr, ",")) {
        sizes.push_back(std::strtoull(t, nullptr, 10));
      }
    } else {
      std::fprintf(stderr, "usage: ledger_bench --dir DIR [--quick] [--sizes N,N]\n");
      return 2;
    }
  }
  if (dir.empty()) return 2;
  if (sizes.empty())
    sizes = quick ? std::vector<uint64_t>{1000000} : std::vector<uint64_t>{1000000, 10000000};
  std::filesystem::create_directories(dir);
  std::string sample;
  {
    auto p = sharetrail::PrepareEvent(sharetrail::testing::ShareEvent(123456));
    sharetrail::EncodeEntry(*p, 123456, "2026-11-26T12:00:00.000000Z", {}, &sample);
  }
  std::fprintf(stderr, "ceilings\n");
  double sha = Sha256CeilingEntriesPerSec(sample.size(), 2.0);
  double fsync = FsyncCeilingPerSec(dir, 2.0);
  Add("SHA-256 ceiling (leaf + node hash per entry, 1 thread)", Fmt("%.0f entries/s", sha));
  Add("fsync ceiling (4 KiB write + fdatasync)", Fmt("%.0f /s", fsync));
  double secs = quick ? 3.0 : 10.0;
  for (int w : {1, 8, 64}) {
    std::fprintf(stderr, "appends, %d writers\n", w);
    Appends(dir + "/appends", w, secs, fsync);
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::fprintf(stderr, "ledger of %llu entries\n", static_cast<unsigned long long>(sizes[i]));
    Large(dir + "/large", sizes[i], sha, i == 0);
  }
  Add("peak RSS", Fmt("%.0f MiB", PeakRssMiB()));
  std::printf("| metric | value | against the peer in the same run |\n|---|---|---|\n");
  for (const auto& r : rows)
    std::printf("| %s | %s | %s |\n", r.metric.c_str(), r.value.c_str(), r.peer.c_str());
  return 0;
}
