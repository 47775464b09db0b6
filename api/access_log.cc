#include "api/access_log.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cmath>

#include "ledger/entry.h"

namespace sharetrail::api {

std::string AccessLine(const AccessRecord& r, int64_t unix_micros) {
  boost::json::object o{
      {"time", FormatTime(unix_micros)},
      {"method", r.method},
      {"path", r.path},
      {"status", r.status},
      {"user", r.user.empty() ? boost::json::value(nullptr) : boost::json::value(r.user)},
      {"addr", r.addr},
      {"bytes", r.bytes}};
  // Milliseconds with three decimals, in integers: Boost.JSON prints
  // doubles in exponent form, and printf's %f is a tenth of a line's cost.
  int64_t us = std::llround(r.duration_ms * 1000);
  if (us < 0) us = 0;
  std::string frac = std::to_string(1000 + us % 1000).substr(1);
  std::string line = boost::json::serialize(o);
  line.pop_back();
  line += ",\"duration_ms\":" + std::to_string(us / 1000) + "." + frac + "}\n";
  return line;
}

AccessLog::AccessLog(std::FILE* out) : out_(out) {
  if (out_ != nullptr) flusher_ = std::thread([this] { FlushLoop(); });
}

AccessLog::~AccessLog() {
  if (out_ == nullptr) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  flusher_.join();
}

void AccessLog::Write(const AccessRecord& r) {
  if (out_ == nullptr) return;
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  std::string line = AccessLine(r, micros);
  std::lock_guard lock(mu_);
  pending_ += line;
  // The flusher starts its countdown on the first line, and writes at once
  // when a block is full.
  if (pending_.size() == line.size() || pending_.size() >= kBlockBytes) cv_.notify_one();
}

// The only writer of out_, so lines go out in the order they were added;
// requests never wait on the file, only on appending to pending_.
void AccessLog::FlushLoop() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || !pending_.empty(); });
    cv_.wait_for(lock, std::chrono::milliseconds(kFlushMs),
                 [this] { return stop_ || pending_.size() >= kBlockBytes; });
    std::string block;
    block.swap(pending_);
    bool stopping = stop_;
    lock.unlock();
    if (!block.empty()) {
      std::fwrite(block.data(), 1, block.size(), out_);
      std::fflush(out_);
    }
    if (stopping) return;
    lock.lock();
  }
}

}  // namespace sharetrail::api
