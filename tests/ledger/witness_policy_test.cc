#include "ledger/witness_policy.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/ledger/published_cosigned.h"

namespace sharetrail {
namespace {

// The published arche2025h1 checkpoint of cosignature_test.cc, checked with
// a policy in the Sigsum format whose witness lines are the Sigsum test
// policy's (florolf/spic doc/example.md): raw hex Ed25519 keys.
const std::string kArcheNote = kArcheText + "\n" + kArcheSigs;

const std::string kWitnessLines =
    "log "
    "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/"
    "PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f\n"
    "# Test witness operated by Niels Möller (has not cosigned this one)\n"
    "witness poc.sigsum.org/nisse "
    "1c25f8a44c635457e2e391d1efbca7d4c2951a0aef06225a881e46b98962ac6c\n"
    "witness witness1.smartit.nu/witness1 "
    "f4855a0f46e8a3e23bb40faf260ee57ab8a18249fa402f2ca2d28a60e1a3130e "
    "https://witness1.smartit.nu/witness1\n"
    "witness remora.n621.de remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2\n"
    "witness witness.stagemole.eu "
    "4a921b7caef58ae670cdc11ef4184f1c058f7b9259a9107a969f69fa54aa496f\n"
    "witness transparency.dev/DEV:witness-little-garden "
    "2b6eb0ec483503544cde4e8fc1ce6d1921db21dffccc186865f808f7625443cc\n";

TEST(WitnessPolicyTest, PublishedCheckpointMeetsAThreeOfFiveQuorum) {
  auto p = WitnessPolicy::Parse(kWitnessLines +
                                "group public 3 poc.sigsum.org/nisse witness1.smartit.nu/witness1 "
                                "remora.n621.de witness.stagemole.eu "
                                "transparency.dev/DEV:witness-little-garden\nquorum public\n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->witnesses()[1].url, "https://witness1.smartit.nu/witness1");
  auto c = p->Check(kArcheNote);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->satisfied) << c->missing;
  EXPECT_EQ(c->cosigned.size(), 4u);
  EXPECT_EQ(c->missing, "");
}

TEST(WitnessPolicyTest, UnmetQuorumNamesWhatIsMissing) {
  auto p = WitnessPolicy::Parse(kWitnessLines +
                                "group nisse-and-remora all poc.sigsum.org/nisse remora.n621.de\n"
                                "group either any nisse-and-remora witness.stagemole.eu\n"
                                "group strict all either poc.sigsum.org/nisse\n"
                                "quorum strict\n");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto c = p->Check(kArcheNote);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE(c->satisfied);
  EXPECT_EQ(c->missing,
            "group strict needs 2 of 2, has 1; no cosignature from witness poc.sigsum.org/nisse");
}

TEST(WitnessPolicyTest, QuorumNoneAndSingleWitness) {
  auto none = WitnessPolicy::Parse("quorum none\n");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->Check(kArcheNote)->satisfied);
  auto one = WitnessPolicy::Parse(kWitnessLines + "quorum poc.sigsum.org/nisse\n");
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->Check(kArcheNote)->satisfied);
}

TEST(WitnessPolicyTest, WrongLogKeyOrTamperedCosignatureIsAnError) {
  auto other_log = WitnessPolicy::Parse(
      "log 1c25f8a44c635457e2e391d1efbca7d4c2951a0aef06225a881e46b98962ac6c\nquorum none\n");
  ASSERT_TRUE(other_log.ok());
  auto c = other_log->Check(kArcheNote);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("log signature"), std::string::npos);

  auto p = WitnessPolicy::Parse(kWitnessLines + "quorum remora.n621.de\n");
  ASSERT_TRUE(p.ok());
  std::string tampered = kArcheNote;
  size_t at = tampered.find("2net5w") + 20;
  tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(p->Check(tampered).ok());
}

TEST(WitnessPolicyTest, ParseErrorsNameTheLine) {
  struct Case {
    std::string text, want;
  } cases[] = {
      {"quorum x\n", "line 1: quorum: \"x\" is not a witness or group defined above"},
      {"\n\nfrobnicate\nquorum none\n", "line 3: unknown line kind"},
      {"witness a 00\nquorum none\n", "line 1: "},
      {kWitnessLines + "group g 5 remora.n621.de witness.stagemole.eu\nquorum g\n",
       "line 8: group g: threshold 5 is not between 1 and its 2 members"},
      {kWitnessLines + "group g any remora.n621.de remora.n621.de\nquorum g\n", "twice"},
      {kWitnessLines + "quorum none\nquorum none\n", "line 9: a second quorum line"},
      {"witness a 4a921b7caef58ae670cdc11ef4184f1c058f7b9259a9107a969f69fa54aa496f\n"
       "witness b 4a921b7caef58ae670cdc11ef4184f1c058f7b9259a9107a969f69fa54aa496f\nquorum a\n",
       "line 2: witness b has the key of witness a"},
      {"witness x remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2\nquorum x\n",
       "the name must be the cosignature's key name"},
      {"log 00\n", "line 1: "},
      {"witness a 4a921b7caef58ae670cdc11ef4184f1c058f7b9259a9107a969f69fa54aa496f\n",
       "no quorum line"},
  };
  for (const Case& c : cases) {
    auto p = WitnessPolicy::Parse(c.text, "p");
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_NE(p.status().message().find(c.want), std::string::npos)
        << c.text << " -> " << p.status().ToString();
  }
}

}  // namespace
}  // namespace sharetrail
