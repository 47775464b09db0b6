// Helpers shared by tests: scratch directories and realistic events.
#ifndef SHARETRAIL_TESTS_TESTUTIL_H_
#define SHARETRAIL_TESTS_TESTUTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "ledger/entry.h"
#include "tests/fixtures/events.h"

namespace sharetrail::testing {

// A fresh directory removed when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = ::testing::TempDir() + "sharetrail-XXXXXX";
    char* p = mkdtemp(tmpl.data());
    EXPECT_NE(p, nullptr);
    path_ = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace sharetrail::testing

#endif  // SHARETRAIL_TESTS_TESTUTIL_H_
