#include "ledger/utf8.h"

#include <gtest/gtest.h>

namespace sharetrail {
namespace {

TEST(ScrubUtf8, KeepsValidTextAsIs) {
  for (std::string_view s :
       {"", "GET /api/v1/items", "caf\xc3\xa9", "\xe2\x82\xac 5", "\xf0\x9f\x98\x80 emoji"}) {
    EXPECT_EQ(ScrubUtf8(s), s);
  }
}

// Each byte that cannot start a valid sequence becomes U+FFFD (EF BF BD);
// what follows it is decoded afresh.
TEST(ScrubUtf8, ReplacesEachBadByte) {
  EXPECT_EQ(ScrubUtf8("GE\xd2T"), "GE\xef\xbf\xbdT");                            // truncated
  EXPECT_EQ(ScrubUtf8("\x80\x80"), "\xef\xbf\xbd\xef\xbf\xbd");                  // continuations
  EXPECT_EQ(ScrubUtf8("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");                  // overlong '/'
  EXPECT_EQ(ScrubUtf8("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  EXPECT_EQ(ScrubUtf8("a\xff"), "a\xef\xbf\xbd");
}

}  // namespace
}  // namespace sharetrail
