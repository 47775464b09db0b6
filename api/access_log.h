// The structured access log: one JSON object per request, one per line, so
// it can be shipped and queried as is. It holds no secrets: no bodies, no
// query strings (they can carry subject references), no cookies or tokens.
#ifndef SHARETRAIL_API_ACCESS_LOG_H_
#define SHARETRAIL_API_ACCESS_LOG_H_

#include <cstdio>
#include <mutex>
#include <string>

namespace sharetrail::api {

struct AccessRecord {
  std::string method, path, user, addr;
  int status = 0;
  size_t bytes = 0;
  double duration_ms = 0;
};

class AccessLog {
 public:
  explicit AccessLog(std::FILE* out) : out_(out) {}
  void Write(const AccessRecord& r);

 private:
  std::mutex mu_;
  std::FILE* out_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_ACCESS_LOG_H_
