// Sessions and the failed-login limiter, on a clock the test moves.
#include "api/sessions.h"

#include <gtest/gtest.h>

#include "api/rate_limit.h"

namespace sharetrail::api {
namespace {

TEST(SessionsTest, CreateFindExpireRemove) {
  int64_t now = 1000;
  SessionTable t(60, [&] { return now; });
  Session s = *t.Create("alice");
  EXPECT_GE(s.id.size(), 43u);  // 256 bits, base64url
  EXPECT_NE(s.id, s.csrf);
  auto found = t.Find(s.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user, "alice");
  EXPECT_EQ(found->csrf, s.csrf);
  EXPECT_TRUE(found->id.empty()) << "the table does not keep the id itself";
  EXPECT_FALSE(t.Find(s.csrf).has_value());
  now += 60;
  EXPECT_FALSE(t.Find(s.id).has_value()) << "expired at ttl";
  Session s2 = *t.Create("bob");
  t.Remove(s2.id);
  EXPECT_FALSE(t.Find(s2.id).has_value());
}

TEST(SessionsTest, IdsAreUnique) {
  SessionTable t(60, [] { return int64_t{0}; });
  EXPECT_NE(t.Create("a")->id, t.Create("a")->id);
}

TEST(LoginLimiterTest, BlocksAfterMaxFailuresUntilTheWindowPasses) {
  int64_t now = 0;
  LoginLimiter l(3, 100, [&] { return now; });
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(l.RetryAfter("alice|1.2.3.4"), 0);
    l.Fail("alice|1.2.3.4");
    now += 10;
  }
  EXPECT_EQ(l.RetryAfter("alice|1.2.3.4"), 70);  // the first failure leaves at 100
  EXPECT_EQ(l.RetryAfter("alice|5.6.7.8"), 0) << "per user and address";
  now = 100;
  EXPECT_EQ(l.RetryAfter("alice|1.2.3.4"), 0);
  l.Fail("alice|1.2.3.4");
  EXPECT_EQ(l.RetryAfter("alice|1.2.3.4"), 10);
  l.Succeed("alice|1.2.3.4");
  EXPECT_EQ(l.RetryAfter("alice|1.2.3.4"), 0);
}

}  // namespace
}  // namespace sharetrail::api
