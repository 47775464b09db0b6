#include "api/access_log.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

namespace sharetrail::api {
namespace {

namespace json = boost::json;

TEST(AccessLine, IsOneJsonObjectWithMillisecondsToThreeDecimals) {
  AccessRecord r{"GET", "/api/v1/proof/inclusion", "", "127.0.0.1", 200, 812, 1.2345};
  std::string line = AccessLine(r, 1764201600123456);
  ASSERT_EQ(line.back(), '\n');
  json::object o = json::parse(line).as_object();
  EXPECT_EQ(o.at("time"), "2025-11-27T00:00:00.123456Z");
  EXPECT_TRUE(o.at("user").is_null());
  EXPECT_EQ(o.at("status"), 200);
  EXPECT_NE(line.find("\"duration_ms\":1.235}"), std::string::npos) << line;
  r.duration_ms = 12;
  EXPECT_NE(AccessLine(r, 0).find("\"duration_ms\":12.000}"), std::string::npos);
  r.duration_ms = 0.0004;
  EXPECT_NE(AccessLine(r, 0).find("\"duration_ms\":0.000}"), std::string::npos);
}

// Every line reaches the file, in order, by the time the log is destroyed.
TEST(AccessLog, WritesEveryLineInOrder) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    AccessLog log(f);
    for (int i = 0; i < 5000; ++i) {
      log.Write({"GET", "/p/" + std::to_string(i), "u", "127.0.0.1", 200, 1, 0.5});
    }
  }
  std::rewind(f);
  std::string all;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) all.append(buf, n);
  std::fclose(f);
  size_t at = 0;
  for (int i = 0; i < 5000; ++i) {
    size_t end = all.find('\n', at);
    ASSERT_NE(end, std::string::npos) << "line " << i << " missing";
    json::object o = json::parse(all.substr(at, end - at)).as_object();
    ASSERT_EQ(o.at("path").as_string(), "/p/" + std::to_string(i));
    at = end + 1;
  }
  EXPECT_EQ(at, all.size());
}

}  // namespace
}  // namespace sharetrail::api
