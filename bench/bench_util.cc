#include "bench/bench_util.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <thread>

#include "ledger/hash.h"

namespace sharetrail::bench {

double Percentile(std::vector<double>* v, double q) {
  if (v->empty()) return 0;
  std::sort(v->begin(), v->end());
  size_t i = static_cast<size_t>(q * static_cast<double>(v->size() - 1) + 0.5);
  return (*v)[std::min(i, v->size() - 1)];
}

double Sha256CeilingEntriesPerSec(size_t entry_bytes, double seconds) {
  std::string entry(entry_bytes, 'x');
  Hash acc{};
  uint64_t n = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int i = 0; i < 1000; ++i, ++n) {
      entry[n % entry_bytes] = static_cast<char>(n);
      Hash leaf = LeafHash(entry);
      acc = NodeHash(acc, leaf);
    }
    elapsed = Seconds(start, Clock::now());
  }
  volatile uint8_t sink = acc[0];
  (void)sink;
  return static_cast<double>(n) / elapsed;
}

double FsyncCeilingPerSec(const std::string& dir, double seconds) {
  std::string path = dir + "/fsync-probe.tmp";
  int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  if (fd < 0) return 0;
  char page[4096] = {1};
  uint64_t n = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    if (pwrite(fd, page, sizeof page, static_cast<off_t>((n % 256) * sizeof page)) < 0) break;
    fdatasync(fd);
    ++n;
    elapsed = Seconds(start, Clock::now());
  }
  close(fd);
  unlink(path.c_str());
  return static_cast<double>(n) / elapsed;
}

double PeakRssMiB() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

WritersResult RunWriters(int writers, double seconds, const std::function<bool(int, uint64_t)>& op,
                         const std::function<void(int)>& setup) {
  std::atomic<bool> stop{false};
  std::atomic<int> ready{0};
  std::vector<std::vector<double>> lat(writers);
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      if (setup) setup(w);
      ready.fetch_add(1);
      while (ready.load() < writers) std::this_thread::yield();
      for (uint64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        auto t0 = Clock::now();
        if (!op(w, i)) {
          std::fprintf(stderr, "benchmark operation failed (writer %d, op %llu)\n", w,
                       static_cast<unsigned long long>(i));
          std::exit(1);
        }
        lat[w].push_back(Seconds(t0, Clock::now()) * 1e3);
      }
    });
  }
  while (ready.load() < writers) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  double elapsed = Seconds(start, Clock::now());
  WritersResult r;
  for (auto& l : lat) r.ack_ms.insert(r.ack_ms.end(), l.begin(), l.end());
  r.seconds = elapsed;
  r.per_sec = static_cast<double>(r.ack_ms.size()) / elapsed;
  return r;
}

bool Results::Write(const std::string& path) const {
  if (path.empty()) return true;
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return false;
  std::fputs("{", f);
  const char* sep = "\n";
  for (const auto& [key, value] : values_) {
    std::fprintf(f, "%s  \"%s\": %.17g", sep, key.c_str(), value);
    sep = ",\n";
  }
  std::fputs("\n}\n", f);
  return std::fclose(f) == 0;
}

}  // namespace sharetrail::bench
