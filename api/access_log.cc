#include "api/access_log.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>

#include "ledger/entry.h"

namespace sharetrail::api {

void AccessLog::Write(const AccessRecord& r) {
  if (out_ == nullptr) return;
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  boost::json::object o{
      {"time", FormatTime(micros)},
      {"method", r.method},
      {"path", r.path},
      {"status", r.status},
      {"user", r.user.empty() ? boost::json::value(nullptr) : boost::json::value(r.user)},
      {"addr", r.addr},
      {"bytes", r.bytes}};
  // Boost.JSON prints doubles in exponent form; the log gets plain decimals.
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", r.duration_ms);
  std::string line = boost::json::serialize(o);
  line.pop_back();
  line += std::string(",\"duration_ms\":") + ms + "}\n";
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace sharetrail::api
