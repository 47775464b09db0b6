// Timing, percentiles and machine ceilings for the benchmarks.
#ifndef SHARETRAIL_BENCH_BENCH_UTIL_H_
#define SHARETRAIL_BENCH_BENCH_UTIL_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sharetrail::bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// q in [0,1]; sorts *v.
double Percentile(std::vector<double>* v, double q);

// Single-thread entries/s if verifying cost only the two SHA-256 calls per
// entry (a leaf hash over entry_bytes and one node hash), over `seconds`.
double Sha256CeilingEntriesPerSec(size_t entry_bytes, double seconds);

// 4 KiB write + fdatasync per op in dir, ops/s over `seconds`.
double FsyncCeilingPerSec(const std::string& dir, double seconds);

// Peak resident set size of this process in MiB.
double PeakRssMiB();

// What `writers` threads achieved calling one operation in a loop.
struct WritersResult {
  double per_sec = 0;          // operations completed per second of wall time
  double seconds = 0;          // that wall time
  std::vector<double> ack_ms;  // each operation's latency
};

// Runs op(writer, i) from `writers` threads for `seconds`; op returns false
// on failure, which ends the benchmark (exit 1) since its figures would lie.
// setup(writer), if given, runs on each thread before the clock starts.
WritersResult RunWriters(int writers, double seconds, const std::function<bool(int, uint64_t)>& op,
                         const std::function<void(int)>& setup = nullptr);

// Named figures of one run, written as one flat JSON object so bench/report
// can put several programs' figures side by side as ratios.
class Results {
 public:
  void Set(const std::string& key, double value) { values_[key] = value; }
  // Writes the object to path (nothing if path is empty); false on failure.
  bool Write(const std::string& path) const;

 private:
  std::map<std::string, double> values_;
};

}  // namespace sharetrail::bench

#endif  // SHARETRAIL_BENCH_BENCH_UTIL_H_
