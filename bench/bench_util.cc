#include "bench/bench_util.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <string_view>

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

}  // namespace sharetrail::bench
