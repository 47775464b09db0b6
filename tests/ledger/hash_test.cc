#include "ledger/hash.h"

#include <gtest/gtest.h>

namespace sharetrail {
namespace {

// FIPS 180-2 / NIST example values.
TEST(Hash, Sha256KnownAnswers) {
  EXPECT_EQ(HashHex(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 6962 leaf and node domain separation; values from the transparency-dev
// reference vectors (empty leaf, and the 2-leaf root of "" and "\x00").
TEST(Hash, Rfc6962DomainSeparation) {
  EXPECT_EQ(HashHex(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(HashHex(NodeHash(LeafHash(""), LeafHash(std::string_view("\x00", 1)))),
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
  EXPECT_EQ(EmptyTreeHash(), Sha256(""));
}

}  // namespace
}  // namespace sharetrail
