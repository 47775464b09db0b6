// The witness's evidence (policies/rules/witness.cc): only the node itself,
// as the system actor "witness", records that it refused to cosign another
// party's inconsistent checkpoint; the entry carries a warning with its
// rule and citation; no person, whatever their role, can record one.
#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class WitnessRefusedTest : public PolicyTest {
 protected:
  json::object Body(int64_t old_size, int64_t size) {
    return {{"origin", "dfe.example/ledger"},
            {"old_size", old_size},
            {"size", size},
            {"root", "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="},
            {"reason", "consistency proof failed"},
            {"note", "dfe.example/ledger\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"}};
  }
};

TEST_F(WitnessRefusedTest, TheNodeRecordsItWithAWarningAndCitation) {
  Recorded r = Record("witness", "witness.refused", Body(10, 12), "system");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.type, "witness.refused");
  EXPECT_EQ(r.decision.at("outcome"), "warn");
  EXPECT_TRUE(r.Has("witness.inconsistent-checkpoint")) << r.Findings();
  json::object entry = EntryAt(r.seq);
  EXPECT_EQ(entry.at("actor").at("user"), "witness");
  EXPECT_EQ(entry.at("actor").at("role"), "system");
  EXPECT_FALSE(entry.at("actor").as_object().contains("party"));
}

TEST_F(WitnessRefusedTest, NoPersonCanRecordIt) {
  // An administrator holds no system role: refused, and so recorded.
  Recorded admin = Record("admin", "witness.refused", Body(10, 12));
  EXPECT_TRUE(admin.refused());
  EXPECT_TRUE(admin.Has("scope.role")) << admin.Findings();
  // A person claiming the system role is malformed input, even one whose
  // user name is the system actor's.
  EXPECT_NE(Record("admin", "witness.refused", Body(10, 12), "system")
                .status.message()
                .find("the system actor is \"witness\", not \"admin\""),
            std::string::npos);
  ASSERT_TRUE(Record("admin", "user.registered",
                     {{"user", "witness"},
                      {"party", "ofsted"},
                      {"team", "information-governance"},
                      {"roles", json::array{"staff"}}})
                  .allowed());
  Recorded person = Record("witness", "witness.refused", Body(10, 12), "system");
  EXPECT_NE(person.status.message().find("directory user"), std::string::npos)
      << person.status.ToString();
  // Another name as the system actor, or the system actor on a person's kind.
  EXPECT_NE(Record("robot", "witness.refused", Body(10, 12), "system")
                .status.message()
                .find("the system actor is \"witness\""),
            std::string::npos);
  EXPECT_NE(Record("witness", "login.failed", {{"address", "x"}, {"reason", "y"}}, "system")
                .status.message()
                .find("only the node's own observations"),
            std::string::npos);
}

// A checkpoint the log really signed can be resubmitted by anyone; the
// ledger records it once, and a different checkpoint is still recorded.
TEST_F(WitnessRefusedTest, EachInconsistentCheckpointIsRecordedOnce) {
  Recorded first = Record("witness", "witness.refused", Body(10, 12), "system");
  ASSERT_TRUE(first.status.ok()) << first.status.ToString();
  uint64_t size = Size();
  Recorded again = Record("witness", "witness.refused", Body(10, 12), "system");
  ASSERT_FALSE(again.status.ok());
  EXPECT_NE(again.status.message().find("already recorded as refused at seq " +
                                        std::to_string(first.seq)),
            std::string::npos)
      << again.status.ToString();
  EXPECT_EQ(Size(), size);
  json::object other = Body(10, 13);
  EXPECT_TRUE(Record("witness", "witness.refused", other, "system").status.ok());
}

TEST_F(WitnessRefusedTest, MalformedEvidenceIsAnError) {
  Recorded r = Record("witness", "witness.refused", Body(12, 10), "system");
  EXPECT_NE(r.status.message().find("body.old_size"), std::string::npos) << r.status.ToString();
  json::object missing = Body(1, 2);
  missing.erase("note");
  EXPECT_FALSE(Record("witness", "witness.refused", missing, "system").status.ok());
}

}  // namespace
}  // namespace sharetrail::policy::testing
