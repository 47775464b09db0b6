// Timing, percentiles and machine ceilings for the benchmarks.
#ifndef SHARETRAIL_BENCH_BENCH_UTIL_H_
#define SHARETRAIL_BENCH_BENCH_UTIL_H_

#include <chrono>
#include <cstdint>
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

}  // namespace sharetrail::bench

#endif  // SHARETRAIL_BENCH_BENCH_UTIL_H_
