#include "ledger/base64.h"

#include <gtest/gtest.h>

namespace sharetrail {
namespace {

// RFC 4648 §10 test vectors.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> kVectors[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, coded] : kVectors) {
    EXPECT_EQ(Base64Encode(plain), coded);
    auto back = Base64Decode(coded);
    ASSERT_TRUE(back.ok()) << coded;
    EXPECT_EQ(*back, plain);
  }
}

TEST(Base64, RejectsMalformed) {
  for (const char* bad : {"Zg=", "Zg", "Z===", "Zh==", "Zm9=", "Zm 9v", "Zm9v\n", "=Zm9", "Zg==Zg=="}) {
    EXPECT_FALSE(Base64Decode(bad).ok()) << bad;
  }
}

TEST(Base64, HashNeedsExactly32Bytes) {
  EXPECT_FALSE(HashFromBase64("Zm9v").ok());
  Hash h{};
  h[31] = 7;
  auto back = HashFromBase64(Base64(h));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, h);
}

}  // namespace
}  // namespace sharetrail
