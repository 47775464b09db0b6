// Ledger benchmarks against the machine's own ceilings, measured in the same
// run: durable appends/s and ack latency at 1, 8 and 64 writers (vs the
// fsync ceiling), verify entries/s (vs the single-thread SHA-256 ceiling for
// two hashes per entry), proof latency at large sizes, storage per entry.
//
// Usage: ledger_bench --dir DIR [--quick] [--sizes 1000000,10000000]
//                     [--results FILE]  (the figures as JSON, for bench/report)
// Prints a Markdown table; bench/run records it in docs/performance.md.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
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

Results results;
// Events per call in the batched variant (the PostgreSQL peer's too).
constexpr int kBatch = 100;

// Durable appends/s at `writers` concurrent callers, each call carrying
// `batch` events (1: Append, what an application does per event; more:
// AppendAll). Rates count events, latencies calls.
void Appends(const std::string& dir, int writers, int batch, double seconds, double fsync_ceiling) {
  auto ledger = Fresh(dir);
  std::atomic<uint64_t> next{0};
  // Tree sizes of the commits that acknowledged each call, sorted and
  // counted afterwards: a std::set insert per append cost this benchmark 3%
  // of its CPU at 64 writers, CPU the ledger competes for on 2 cores.
  std::vector<std::vector<uint64_t>> commits(writers);
  WritersResult r = RunWriters(writers, seconds, [&](int w, uint64_t) {
    if (batch == 1) {
      auto a = ledger->Append(testing::ShareEvent(next++));
      if (a.ok()) commits[w].push_back(a->tree_size);
      return a.ok();
    }
    std::vector<Event> events;
    for (int i = 0; i < batch; ++i) events.push_back(testing::ShareEvent(next++));
    auto a = ledger->AppendAll(events);
    if (!a.ok() || !(*a)[0].ok()) return false;
    commits[w].push_back((*a)[0]->tree_size);
    return true;
  });
  std::vector<uint64_t> all_commits;
  for (const auto& c : commits) all_commits.insert(all_commits.end(), c.begin(), c.end());
  std::sort(all_commits.begin(), all_commits.end());
  all_commits.erase(std::unique(all_commits.begin(), all_commits.end()), all_commits.end());
  double rate = r.per_sec * batch;
  std::string w = std::to_string(writers) + " writer" + (writers > 1 ? "s" : "");
  std::string key = "st_append_" + std::to_string(batch) + "_" + std::to_string(writers);
  if (batch > 1) w += ", " + std::to_string(batch) + " events per call";
  double p50 = Percentile(&r.ack_ms, 0.5), p99 = Percentile(&r.ack_ms, 0.99);
  Add("durable appends/s, " + w, Fmt("%.0f", rate),
      Fmt("%.1fx the fsync ceiling", rate / fsync_ceiling));
  Add("ack latency p50 / p99, " + w, Fmt("%.2f", p50) + " / " + Fmt("%.2f ms", p99));
  Add("mean entries per commit, " + w, Fmt("%.1f", static_cast<double>(r.ack_ms.size()) * batch /
                                                       static_cast<double>(all_commits.size())));
  // Whether the disk or the CPU bounds the rate: the writer's time per
  // commit in the durable LMDB commit (its syncs) and in building the batch.
  WriterStats ws = ledger->writer_stats();
  double n_commits = static_cast<double>(std::max<uint64_t>(ws.commits, 1));
  double sync_ms = 1e3 * ws.commit_seconds / n_commits,
         build_ms = 1e3 * ws.build_seconds / n_commits;
  Add("writer per commit: LMDB commit / building the batch, " + w,
      Fmt("%.2f", sync_ms) + " / " + Fmt("%.2f ms", build_ms),
      Fmt("writer busy %.0f%% of the time",
          100.0 * (ws.commit_seconds + ws.build_seconds) / r.seconds));
  results.Set(key, rate);
  results.Set(key + "_p50_ms", p50);
  results.Set(key + "_p99_ms", p99);
  // The disk moves under other machines' load: the ceiling this process
  // measured just before is the fair yardstick for this workload.
  results.Set(key + "_fsync_ceiling", fsync_ceiling);
  results.Set(key + "_commit_ms", sync_ms);
  results.Set(key + "_build_ms", build_ms);
  results.Set(key + "_per_commit", static_cast<double>(r.ack_ms.size()) * batch /
                                       static_cast<double>(all_commits.size()));
  ledger.reset();
  std::filesystem::remove_all(dir);
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
  std::string n_key = std::to_string(n);
  Add("bulk load appends/s (2 feeders), " + label, Fmt("%.0f", static_cast<double>(n) / fill));
  results.Set("st_bulk_" + n_key, static_cast<double>(n) / fill);
  uint64_t used = *ledger->store().UsedBytes();
  Add("storage bytes per entry, " + label,
      Fmt("%.0f", static_cast<double>(used) / static_cast<double>(n)),
      Fmt("%.2fx the canonical entry bytes",
          static_cast<double>(used) / static_cast<double>(bytes)));
  Add("mean canonical entry, " + label, Fmt("%.0f bytes", static_cast<double>(bytes) / n));
  results.Set("st_storage_bytes_per_entry_" + n_key, static_cast<double>(used) / n);
  results.Set("st_canonical_bytes_per_entry_" + n_key, static_cast<double>(bytes) / n);
  if (do_verify) {
    auto v0 = Clock::now();
    auto r = Verify(*ledger, {});
    double secs = Seconds(v0, Clock::now());
    if (!r.ok() || !r->ok) std::exit(1);
    double rate = static_cast<double>(n) / secs;
    Add("verify entries/s, " + label, Fmt("%.0f", rate),
        Fmt("%.0f%% of the SHA-256 ceiling", 100.0 * rate / ceiling));
    results.Set("st_verify_" + n_key, rate);
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
  results.Set("st_inclusion_p50_us_" + n_key, Percentile(&inc, 0.5));
  results.Set("st_inclusion_p99_us_" + n_key, Percentile(&inc, 0.99));
  results.Set("st_consistency_p50_us_" + n_key, Percentile(&con, 0.5));
  results.Set("st_consistency_p99_us_" + n_key, Percentile(&con, 0.99));
  Add("inclusion proof p50 / p99, " + label,
      Fmt("%.1f", Percentile(&inc, 0.5)) + " / " + Fmt("%.1f us", Percentile(&inc, 0.99)));
  Add("consistency proof p50 / p99, " + label,
      Fmt("%.1f", Percentile(&con, 0.5)) + " / " + Fmt("%.1f us", Percentile(&con, 0.99)));
  ledger.reset();
  std::filesystem::remove_all(dir);
}

template <typename T>
std::vector<T> ParseList(char* text) {
  std::vector<T> out;
  for (char* t = std::strtok(text, ","); t; t = std::strtok(nullptr, ","))
    out.push_back(static_cast<T>(std::strtoull(t, nullptr, 10)));
  return out;
}

}  // namespace
}  // namespace sharetrail::bench

int main(int argc, char** argv) {
  using namespace sharetrail::bench;
  std::string dir, results_path;
  bool quick = false;
  std::vector<uint64_t> sizes;
  std::vector<int> writers = {1, 8, 64}, batches = {1, kBatch};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--writers" && i + 1 < argc) {
      // One workload (bench/run pairs each with the peer's): --writers 64
      // --batches 1 --sizes 0; the ceilings and large ledgers alone: --writers 0.
      writers = ParseList<int>(argv[++i]);
    } else if (a == "--batches" && i + 1 < argc) {
      batches = ParseList<int>(argv[++i]);
    } else if (a == "--results" && i + 1 < argc) {
      results_path = argv[++i];
    } else if (a == "--quick") {
      quick = true;
    } else if (a == "--sizes" && i + 1 < argc) {
      sizes = ParseList<uint64_t>(argv[++i]);
    } else {
      std::fprintf(
          stderr,
          "usage: ledger_bench --dir DIR [--quick] [--sizes N,N] [--writers N,N] [--batches "
          "N,N] [--results FILE]\n");
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
  results.Set("sha256_ceiling", sha);
  results.Set("fsync_ceiling", fsync);
  double secs = quick ? 3.0 : 10.0;
  for (int batch : batches) {
    for (int w : writers) {
      if (w <= 0) continue;  // --writers 0: no append workloads
      std::fprintf(stderr, "appends, %d writers, %d per call\n", w, batch);
      Appends(dir + "/appends", w, batch, secs, fsync);
    }
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::fprintf(stderr, "ledger of %llu entries\n", static_cast<unsigned long long>(sizes[i]));
    if (sizes[i] > 1) Large(dir + "/large", sizes[i], sha, i == 0);
  }
  Add("peak RSS", Fmt("%.0f MiB", PeakRssMiB()));
  results.Set("st_peak_rss_mib", PeakRssMiB());
  if (!results.Write(results_path)) {
    std::fprintf(stderr, "ledger_bench: cannot write %s\n", results_path.c_str());
    return 1;
  }
  std::printf("| metric | value | against the peer in the same run |\n|---|---|---|\n");
  for (const auto& r : rows)
    std::printf("| %s | %s | %s |\n", r.metric.c_str(), r.value.c_str(), r.peer.c_str());
  return 0;
}
