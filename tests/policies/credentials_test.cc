// The credential store beside the ledger: scrypt passwords with their
// parameters, tokens kept only as hashes, 0600 files, changes seen across
// instances (the CLI writes, the server reads).
#include "policies/credentials.h"

#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "tests/testutil.h"

namespace sharetrail::policy {
namespace {

using sharetrail::testing::TempDir;

// Cheap parameters keep the test fast; production uses the defaults.
const ScryptParams kFast{1 << 10, 8, 1};

std::string FileOf(const TempDir& dir) {
  std::ifstream in(dir.Sub("auth/credentials.json"));
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST(CredentialStoreTest, PasswordsAreScryptWithSaltAndParameters) {
  TempDir dir;
  auto store = std::move(CredentialStore::Open(dir.path()).value());
  ASSERT_TRUE(store->SetPassword("alice", "correct horse battery", kFast).ok());
  EXPECT_TRUE(*store->CheckPassword("alice", "correct horse battery"));
  EXPECT_FALSE(*store->CheckPassword("alice", "correct horse batterY"));
  EXPECT_FALSE(*store->CheckPassword("bob", "correct horse battery"));
  std::string file = FileOf(dir);
  EXPECT_EQ(file.find("correct horse"), std::string::npos);
  EXPECT_NE(file.find("scrypt$1024$8$1$"), std::string::npos) << file;
  ASSERT_TRUE(store->SetPassword("bob", "correct horse battery", kFast).ok());
  std::string again = FileOf(dir);
  size_t a = again.find("\"alice\":\""), b = again.find("\"bob\":\"");
  EXPECT_NE(again.substr(a + 9, 60), again.substr(b + 7, 60)) << "per-user salt";
  struct stat st;
  ASSERT_EQ(stat(dir.Sub("auth/credentials.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(CredentialStoreTest, ShortPasswordsAreRefused) {
  TempDir dir;
  auto store = std::move(CredentialStore::Open(dir.path()).value());
  Status s = store->SetPassword("alice", "short", kFast);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("password: must be at least 12", 0), 0u) << s.message();
}

TEST(CredentialStoreTest, TokensAreStoredOnlyAsHashes) {
  TempDir dir;
  auto store = std::move(CredentialStore::Open(dir.path()).value());
  IssuedToken t = *CredentialStore::NewToken();
  EXPECT_EQ(t.bearer.rfind(t.id + ".", 0), 0u);
  ASSERT_TRUE(store->SaveToken("alice", t).ok());
  EXPECT_EQ(FileOf(dir).find(t.bearer.substr(t.id.size() + 1)), std::string::npos);
  auto owner = *store->FindToken(t.bearer);
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(owner->user, "alice");
  EXPECT_EQ(owner->id, t.id);
  std::string wrong = t.bearer;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(store->FindToken(wrong)->has_value());
  EXPECT_FALSE(store->FindToken("no-dot")->has_value());
  EXPECT_FALSE(owner->revoked);
  ASSERT_TRUE(store->RevokeToken(t.id).ok());
  // Still known as alice's, so its use can be refused and recorded as hers.
  auto revoked = *store->FindToken(t.bearer);
  ASSERT_TRUE(revoked.has_value());
  EXPECT_TRUE(revoked->revoked);
  EXPECT_EQ(revoked->user, "alice");
  EXPECT_FALSE(store->FindToken(wrong)->has_value());
}

TEST(CredentialStoreTest, AnotherInstancesChangesAreSeen) {
  TempDir dir;
  auto server = std::move(CredentialStore::Open(dir.path()).value());
  EXPECT_FALSE(*server->CheckPassword("alice", "correct horse battery"));
  auto cli = std::move(CredentialStore::Open(dir.path()).value());
  ASSERT_TRUE(cli->SetPassword("alice", "correct horse battery", kFast).ok());
  EXPECT_TRUE(*server->CheckPassword("alice", "correct horse battery"));
}

TEST(CredentialStoreTest, AFileOthersCanReadIsRefused) {
  TempDir dir;
  auto store = std::move(CredentialStore::Open(dir.path()).value());
  ASSERT_TRUE(store->SetPassword("alice", "correct horse battery", kFast).ok());
  chmod(dir.Sub("auth/credentials.json").c_str(), 0644);
  auto reopened = CredentialStore::Open(dir.path());
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), Code::kPermissionDenied);
}

}  // namespace
}  // namespace sharetrail::policy
