// Seed 001 "Sharing information on a Joint Targeted Area Inspection": the
// section binds Ofsted, CQC, HMIC and HMI Probation only (footnote 4), and
// at the end of an inspection each inspectorate removes from the portal the
// information it requested (¶4).
#include "tests/policies/rules/isp_fixture.h"

namespace sharetrail::policy::testing {
namespace {

constexpr char kJtaiPara4[] = "Sharing information on a Joint Targeted Area Inspection ¶4";

class IspJtaiTest : public IspTest {
 protected:
  Recorded Request(const std::string& user, const std::string& request,
                   const std::string& inspection = "jtai-rochdale-2025") {
    return Record(user, "jtai.requested",
                  {{"inspection", inspection},
                   {"request", request},
                   {"agency", "rochdale-mbc"},
                   {"description", "case records for the 12 children sampled"}});
  }
  Recorded Removed(const std::string& user, const std::string& request,
                   const std::string& inspection = "jtai-rochdale-2025") {
    return Record(user, "jtai.removed", {{"inspection", inspection}, {"request", request}});
  }
  Recorded Ended(const std::string& user, const std::string& inspection = "jtai-rochdale-2025") {
    return Record(user, "inspection.ended", {{"inspection", inspection}, {"date", "2025-03-03"}});
  }
};

// 001 "Sharing information on a Joint Targeted Area Inspection" ¶1, footnote
// 4: "This section of the agreement applies to Ofsted, the CQC, HMIC and HMI
// Probation. It does not apply to HMI Prisons or HMCPSI."
TEST_F(IspJtaiTest, JtaiParties_HmiPrisonsRequestRefused) {
  Recorded r = Request("p.smt", "req-p1");
  ExpectRefusedOnLedger(r, "jtai.parties", "jtai.requested");
  EXPECT_EQ(ParaOf(r, "jtai.parties"),
            "Sharing information on a Joint Targeted Area Inspection ¶1, footnote 4");
  // A refused request opens nothing to remove.
  uint64_t before = Size();
  EXPECT_FALSE(Removed("p.smt", "req-p1").status.ok());
  EXPECT_EQ(Size(), before);
}

// 001 JTAI ¶1 footnote 4 and ¶4: a participating inspectorate's request is
// allowed and carries the duty to remove the data at the end.
TEST_F(IspJtaiTest, JtaiParties_OfstedRequestAllowedWithRemovalObligation) {
  Recorded r = Request("o.inspector", "req-o1");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_TRUE(HasObligation(r, "jtai.removal")) << r.Findings();
  for (const char* user : {"c.chj", "h.pvp"}) {
    r = Request(user, std::string("req-") + user);
    EXPECT_TRUE(r.allowed()) << user << ": " << r.status.ToString() << r.Findings();
  }
}

// 001 JTAI ¶4: "each inspectorate is responsible for removing the
// information they requested".
TEST_F(IspJtaiTest, JtaiRemover_OtherInspectorateRefused) {
  ASSERT_TRUE(Request("o.inspector", "req-o1").allowed());
  ASSERT_TRUE(Ended("o.inspector").allowed());
  Recorded r = Removed("c.chj", "req-o1");
  ExpectRefusedOnLedger(r, "jtai.remover", "jtai.removed");
  EXPECT_EQ(ParaOf(r, "jtai.remover"), kJtaiPara4);
}

// 001 JTAI ¶4: the requester removes, once.
TEST_F(IspJtaiTest, JtaiRemover_RequesterAllowed) {
  ASSERT_TRUE(Request("o.inspector", "req-o1").allowed());
  ASSERT_TRUE(Ended("o.inspector").allowed());
  Recorded r = Removed("o.policy", "req-o1");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  uint64_t before = Size();
  r = Removed("o.policy", "req-o1");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("already removed"), std::string::npos);
  EXPECT_EQ(Size(), before);
}

// 001 JTAI ¶4: "At the end of an inspection" the data comes off the portal;
// no new request can open after the end.
TEST_F(IspJtaiTest, JtaiRemoval_NoNewRequestAfterInspectionEnded) {
  ASSERT_TRUE(Request("o.inspector", "req-o1").allowed());
  ASSERT_TRUE(Ended("o.inspector").allowed());
  uint64_t before = Size();
  Recorded r = Request("c.chj", "req-c1");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.inspection"), std::string::npos) << r.status.message();
  EXPECT_EQ(Size(), before);
  // Another inspection is unaffected.
  EXPECT_TRUE(Request("c.chj", "req-c1", "jtai-northshire-2025").allowed());
}

// 001 JTAI ¶1, footnote 4: an inspectorate outside the JTAI arrangements
// does not close a JTAI.
TEST_F(IspJtaiTest, JtaiParties_HmiPrisonsCannotEndInspection) {
  ASSERT_TRUE(Request("o.inspector", "req-o1").allowed());
  Recorded r = Ended("p.smt");
  ExpectRefusedOnLedger(r, "jtai.parties", "inspection.ended");
  EXPECT_TRUE(Request("c.chj", "req-c1").allowed());
}

}  // namespace
}  // namespace sharetrail::policy::testing
