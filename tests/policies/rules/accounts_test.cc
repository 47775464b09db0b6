// Account events and scoped reads (policies/rules/accounts.cc): only an
// administrator disables users and issues or revokes tokens; a disabled
// user can no longer act; a user reads only their own party's lists while
// an auditor reads any; an auditor's item reads are allowed and recorded.
#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class AccountsTest : public PolicyTest {};

TEST_F(AccountsTest, OnlyAnAdministratorDisablesAndTheUserCanNoLongerAct) {
  Recorded r = Record("o.siro", "user.disabled", {{"user", "o.arc"}, {"reason", "left"}});
  EXPECT_TRUE(r.refused());
  EXPECT_TRUE(r.Has("scope.role")) << r.Findings();
  r = Record("admin", "user.disabled", {{"user", "o.arc"}, {"reason", "left Ofsted"}});
  ASSERT_TRUE(r.allowed()) << r.Findings() << r.status.ToString();
  r = Item("o.arc", "after-leaving", "inspection_report");
  EXPECT_TRUE(r.refused());
  EXPECT_TRUE(r.Has("account.disabled")) << r.Findings();
  r = Record("admin", "user.disabled", {{"user", "o.arc"}, {"reason", "again"}});
  EXPECT_NE(r.status.message().find("already disabled"), std::string::npos);
  r = Record("admin", "user.disabled", {{"user", "admin"}, {"reason", "oops"}});
  EXPECT_TRUE(r.Has("account.self-disable")) << r.Findings();
}

TEST_F(AccountsTest, TokensAreIssuedAndRevokedOnceByAnAdministrator) {
  EXPECT_TRUE(Record("o.ig", "token.issued", {{"user", "o.ig"}, {"token", "tok-1"}}).refused());
  ASSERT_TRUE(Record("admin", "token.issued", {{"user", "o.ig"}, {"token", "tok-1"}}).allowed());
  Recorded again = Record("admin", "token.issued", {{"user", "o.ig"}, {"token", "tok-1"}});
  EXPECT_NE(again.status.message().find("body.token"), std::string::npos);
  ASSERT_TRUE(Record("admin", "token.revoked", {{"token", "tok-1"}}).allowed());
  Recorded twice = Record("admin", "token.revoked", {{"token", "tok-1"}});
  EXPECT_NE(twice.status.message().find("already revoked"), std::string::npos);
  Recorded unknown = Record("admin", "token.revoked", {{"token", "tok-2"}});
  EXPECT_NE(unknown.status.message().find("unknown token"), std::string::npos);
}

TEST_F(AccountsTest, PasswordsAreSetByTheirUserOrAnAdministrator) {
  EXPECT_TRUE(Record("o.ig", "credential.set", {{"user", "o.ig"}}).allowed());
  EXPECT_TRUE(Record("admin", "credential.set", {{"user", "o.ig"}}).allowed());
  Recorded other = Record("o.siro", "credential.set", {{"user", "o.ig"}});
  EXPECT_TRUE(other.refused());
  EXPECT_TRUE(other.Has("account.credential")) << other.Findings();
}

TEST_F(AccountsTest, ReadsOfAnotherPartysListsAreRefusedExceptForAuditors) {
  Recorded r = Record("o.ig", "read", {{"resource", "/api/v1/shared-with"}, {"party", "dfe"}});
  EXPECT_TRUE(r.refused());
  EXPECT_TRUE(r.Has("scope.party")) << r.Findings();
  EXPECT_TRUE(Record("o.ig", "read", {{"resource", "/x"}, {"party", "ofsted"}}).allowed());
  EXPECT_TRUE(Record("o.audit", "read", {{"resource", "/x"}, {"party", "dfe"}}).allowed());
  Recorded unknown = Record("o.ig", "read", {{"resource", "/x"}, {"party", "atlantis"}});
  EXPECT_NE(unknown.status.message().find("body.party"), std::string::npos);
}

TEST_F(AccountsTest, AuditorsReadAnyItemAndTheReadIsRecorded) {
  ASSERT_TRUE(Item("o.arc", "report-1", "inspection_report").allowed());
  Recorded r = Record("o.audit", "access", {{"item", "report-1"}});
  EXPECT_TRUE(r.allowed()) << r.Findings();
  EXPECT_EQ(EntryAt(r.seq).at("actor").at("role"), "auditor");
}

TEST_F(AccountsTest, FailedSignInsAreRecordedForEveryRole) {
  EXPECT_TRUE(
      Record("o.audit", "login.failed", {{"address", "127.0.0.1"}, {"reason", "wrong password"}})
          .allowed());
}

}  // namespace
}  // namespace sharetrail::policy::testing
