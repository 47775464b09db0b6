// The vault: payloads sealed per id, bound to their id, written durably,
// and unrecoverable once shredded.
#include "ledger/vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "ledger/keys.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::TempDir;

std::string Hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", test case
// 14: AES-256, zero key and IV, one zero block.
TEST(Aead, OpensTheGcmSpecTestCase14) {
  std::string key(32, '\0');
  std::string sealed = std::string(12, '\0') + Hex("cea7403d4d606b6e074ec5d3baf39d18") +
                       Hex("d0d1c8a799996bf0265b98b5d48ab919");
  auto plain = AeadOpen(key, sealed, "");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(*plain, std::string(16, '\0'));
  sealed[20] ^= 1;
  EXPECT_EQ(AeadOpen(key, sealed, "").status().code(), Code::kPermissionDenied);
}

TEST(Aead, SealIsFreshEachTimeAndBindsTheAad) {
  std::string key = *RandomBytes(kAeadKeySize);
  auto a = AeadSeal(key, "payload", "item-1"), b = AeadSeal(key, "payload", "item-1");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);  // random nonces
  EXPECT_EQ(*AeadOpen(key, *a, "item-1"), "payload");
  EXPECT_FALSE(AeadOpen(key, *a, "item-2").ok());
}

class VaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = Vault::Open(dir_.path());
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    vault_ = std::move(v).value();
  }
  std::string Path(const char* sub, const std::string& name) {
    return dir_.path() + "/vault/" + sub + "/" + name;
  }
  TempDir dir_;
  std::unique_ptr<Vault> vault_;
};

TEST_F(VaultTest, RoundTripWithPrivateKeyFile) {
  ASSERT_TRUE(vault_->Put("rep-1", "Dear Director, ...").ok());
  EXPECT_EQ(*vault_->Get("rep-1"), "Dear Director, ...");
  struct stat st;
  ASSERT_EQ(stat(Path("keys", "rep-1.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(*vault_->List(), std::vector<std::string>{"rep-1"});
  EXPECT_EQ(vault_->Put("rep-1", "again").code(), Code::kFailedPrecondition);
}

TEST_F(VaultTest, CiphertextIsBoundToItsId) {
  ASSERT_TRUE(vault_->Put("a", "for a").ok());
  ASSERT_TRUE(vault_->Put("b", "for b").ok());
  // Swap a's data and key into b's place: it must not open as b.
  std::filesystem::copy_file(Path("data", "a.bin"), Path("data", "b.bin"),
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(Path("keys", "a.key"), Path("keys", "b.key"),
                             std::filesystem::copy_options::overwrite_existing);
  EXPECT_EQ(vault_->Get("b").status().code(), Code::kPermissionDenied);
}

TEST_F(VaultTest, ShredLeavesNothingReadable) {
  ASSERT_TRUE(vault_->Put("rep-2", "secret").ok());
  ASSERT_TRUE(vault_->Shred("rep-2").ok());
  EXPECT_EQ(vault_->Get("rep-2").status().code(), Code::kNotFound);
  EXPECT_FALSE(*vault_->Holds("rep-2"));
  EXPECT_FALSE(std::filesystem::exists(Path("keys", "rep-2.key")));
  EXPECT_FALSE(std::filesystem::exists(Path("data", "rep-2.bin")));
  EXPECT_TRUE(vault_->Shred("rep-2").ok());  // idempotent
}

TEST_F(VaultTest, AKeyOverwrittenButNotYetUnlinkedReadsAsDestroyed) {
  // What a crash between the overwrite and the unlink leaves behind.
  ASSERT_TRUE(vault_->Put("rep-3", "secret").ok());
  std::ofstream(Path("keys", "rep-3.key"), std::ios::binary | std::ios::trunc)
      << std::string(33, 'x');
  auto got = vault_->Get("rep-3");
  EXPECT_EQ(got.status().code(), Code::kNotFound);
  EXPECT_NE(got.status().message().find("destroyed"), std::string::npos);
  EXPECT_TRUE(*vault_->Holds("rep-3"));  // a remnant recovery must finish
  ASSERT_TRUE(vault_->Shred("rep-3").ok());
  EXPECT_FALSE(*vault_->Holds("rep-3"));
}

TEST_F(VaultTest, RejectsIdsThatAreNotIds) {
  for (const char* bad : {"", "../x", ".hidden", "Upper", "a/b"}) {
    EXPECT_EQ(vault_->Put(bad, "x").code(), Code::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace sharetrail
