// Seed 002, the MOU between the Children's Commissioner and HMCI (agreement
// cc-hmci-mou): matters raised under s117/s119 are identified as such by the
// Commissioner, raised with the Chief Inspector, and get a response.
#include "tests/policies/rules/rules_fixture.h"

namespace sharetrail::policy::testing {
namespace {

constexpr char kSeed[] = "002_9ccb7e68083a20cd.txt";

class MattersTest : public RulesTest {
 protected:
  Recorded Raise(const std::string& user, const std::string& matter, const std::string& to,
                 const std::string& section = "117") {
    return Record(user, "matter.raised",
                  {{"matter", matter},
                   {"section", section},
                   {"to", to},
                   {"summary", "children placed out of area are not told of advocacy services"}});
  }
  Recorded Answer(const std::string& user, const std::string& matter) {
    return Record(user, "matter.answered",
                  {{"matter", matter},
                   {"outcome", "considered; the issue will be a line of enquiry in inspections"},
                   {"actions", "inspection guidance updated"}});
  }
};

// 002 §11: "The Children's Commissioner will identify as such any matter
// being raised under sections 117 or 119"; §13: "The Chief Inspector or his
// representative will send a response".
TEST_F(MattersTest, MattersRaisedBy) {
  Recorded ok = Raise("cc.contact", "m-117-1", "ofsted");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  EXPECT_EQ(ok.outcome(), "allow");
  std::string duty = Obligation(ok, "matters.response");
  EXPECT_NE(duty.find("ofsted"), std::string::npos) << ok.Findings();
  EXPECT_NE(duty.find("section 117"), std::string::npos) << duty;
  EXPECT_EQ(ok.decision.at("agreements").at(0).at("id"), "cc-hmci-mou");

  // CQC has no such power under the MOU.
  Recorded r = Raise("c.chj", "m-117-2", "ofsted");
  ExpectRefusedOnLedger(r, "matter.raised", "matters.raised-by", kSeed);
  EXPECT_NE(Reason(r, "matters.raised-by").find("childrens-commissioner"), std::string::npos);
  EXPECT_EQ(EntryAt(r.seq).at("body").at("attempt").at("body").at("section"), "117");
  EXPECT_TRUE(Raise("cc.senior", "m-119-1", "ofsted", "119").allowed());
}

// 002 §12: the Commissioner raises matters "with the Chief Inspector".
TEST_F(MattersTest, MattersRaisedWith) {
  ExpectRefusedOnLedger(Raise("cc.contact", "m-117-3", "cqc"), "matter.raised",
                        "matters.raised-with", kSeed);
}

// 002 §13: the Chief Inspector, "or an appropriate senior member of the
// staff of the Office on his behalf", answers; nobody else can close the
// matter, and it is answered once.
TEST_F(MattersTest, MatterAnswered) {
  ASSERT_TRUE(Raise("cc.contact", "m-117-1", "ofsted").allowed());

  Recorded r = Answer("d.data", "m-117-1");
  ExpectRefusedOnLedger(r, "matter.answered", "scope.party", kSeed);
  EXPECT_EQ(EntryAt(r.seq).at("body").at("decision").at("findings").at(0).at("cite").at("para"),
            "§13");

  // The refused attempt left the matter open for Ofsted to answer.
  Recorded ok = Answer("o.hmci", "m-117-1");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();

  uint64_t before = Size();
  Recorded twice = Answer("o.hmci", "m-117-1");
  EXPECT_FALSE(twice.status.ok());
  EXPECT_NE(twice.status.message().find("was answered at seq " + std::to_string(ok.seq)),
            std::string::npos)
      << twice.status.message();
  EXPECT_EQ(Size(), before);
}

TEST_F(MattersTest, AnsweringAnUnknownMatterIsMalformed) {
  uint64_t before = Size();
  Recorded r = Answer("o.hmci", "m-none");
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.matter: unknown matter"), std::string::npos);
  EXPECT_EQ(Size(), before);
}

}  // namespace
}  // namespace sharetrail::policy::testing
