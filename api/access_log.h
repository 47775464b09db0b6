// The structured access log: one JSON object per request, one per line, so
// it can be shipped and queried as is. It holds no secrets: no bodies, no
// query strings (they can carry subject references), no cookies or tokens.
//
// Lines are written in blocks, not one write(2) per request (on a proof
// GET that was a twentieth of the server's time): when kBlockBytes are
// waiting, by a flusher thread at most kFlushMs after a line is added, and
// when the log is destroyed. A crash loses at most that last fraction of a
// second of lines; the ledger, not this log, is the record of who read what.
#ifndef SHARETRAIL_API_ACCESS_LOG_H_
#define SHARETRAIL_API_ACCESS_LOG_H_

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace sharetrail::api {

struct AccessRecord {
  std::string method, path, user, addr;
  int status = 0;
  size_t bytes = 0;
  double duration_ms = 0;
};

// The line Write adds for r at `unix_micros`, with its newline.
std::string AccessLine(const AccessRecord& r, int64_t unix_micros);

class AccessLog {
 public:
  static constexpr size_t kBlockBytes = 64 * 1024;
  static constexpr int kFlushMs = 200;

  explicit AccessLog(std::FILE* out);  // null: log nothing
  ~AccessLog();                        // writes what is waiting
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Write(const AccessRecord& r);

 private:
  void FlushLoop();

  std::FILE* out_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_;
  bool stop_ = false;
  std::thread flusher_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_ACCESS_LOG_H_
