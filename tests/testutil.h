// Helpers shared by tests: scratch directories and realistic events.
#ifndef SHARETRAIL_TESTS_TESTUTIL_H_
#define SHARETRAIL_TESTS_TESTUTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "ledger/entry.h"

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

// A share event of about 650 canonical bytes, varied by n.
inline Event ShareEvent(uint64_t n) {
  Event e;
  e.actor = {{"user", "ig-officer-" + std::to_string(n % 17)},
             {"party", "ofsted"},
             {"team", "social-care-policy"},
             {"role", "ig_officer"}};
  e.type = "share";
  e.body = {{"agreement", "ofsted-dfe-notifiable-incidents-2016"},
            {"to", "dfe"},
            {"items", boost::json::array{"item-" + std::to_string(n), "item-annex-a-summary"}},
            {"legal_basis", "Children Act 1989 s.83; Education and Inspections Act 2006 s.149"},
            {"purpose", "daily notifiable incidents summary (MOU section 12, Annex A)"},
            {"method", "secure platform"},
            {"marking", "OFFICIAL-SENSITIVE"},
            {"handling", "Recipient team only; do not forward; delete after case closure review"},
            {"digest", "sha256:9f2c4e1b7a0d5c3e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9012345678" +
                           std::to_string(n % 10)},
            {"n", n}};
  return e;
}

}  // namespace sharetrail::testing

#endif  // SHARETRAIL_TESTS_TESTUTIL_H_
