// Seed 001 "Process for sharing, accessing and storing information" ¶3: the
// receiving inspectorate does not publish, disclose or share onwards a
// report unless it is lawfully public, a legal obligation requires it, or
// the originator consented in writing (and DESIGN.md §3: an FOI request is
// not by itself a legal obligation).
#include "tests/policies/rules/isp_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class IspOnwardTest : public IspTest {
 protected:
  // Ofsted's report rep-1, shared with CQC under the protocol.
  void SetUp() override {
    IspTest::SetUp();
    Report("rep-1");
    Recorded r = Share("o.policy", "rep-1", "cqc");
    ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  }
  Recorded Onward(const std::string& user, json::object extra) {
    json::object body{{"item", "rep-1"},
                      {"to", "Family Court, case ZW24C00123"},
                      {"purpose", "disclosure ordered by the court"}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return Record(user, "disclosure.onward", std::move(body));
  }
  Recorded Consent(const std::string& user, const std::string& type, const std::string& to) {
    json::object body{{"item", "rep-1"}, {"to", to}};
    if (type == "consent.given") {
      body["reference"] = "OFS-IG-2025-041";
    } else {
      body["reason"] = "the inspection is under challenge";
    }
    return Record(user, type, std::move(body));
  }
};

// 001 "Process for sharing, accessing and storing information" ¶3: "will not
// be ... shared onwards by the inspectorate receiving that information".
TEST_F(IspOnwardTest, OnwardDisclosure_RecipientShareRefusedWithoutGround) {
  Recorded r = Share("c.chj", "rep-1", "hmi-prisons");
  ExpectRefusedOnLedger(r, "onward.grounds", "share");
  EXPECT_EQ(ParaOf(r, "onward.grounds"),
            "Process for sharing, accessing and storing information ¶3");
  EXPECT_EQ(EntryAt(r.seq).at("body").at("attempt").at("body").at("to"), "hmi-prisons");
}

// 001 "Process for sharing, accessing and storing information" ¶3, first
// criterion: "the information is already, lawfully in the public domain".
TEST_F(IspOnwardTest, OnwardDisclosure_AllowedOncePublished) {
  Recorded r = Onward("c.chj", {{"ground", "public_domain"}});
  ExpectRefusedOnLedger(r, "onward.grounds", "disclosure.onward");

  ASSERT_TRUE(
      Record("o.policy", "publication", {{"item", "rep-1"}, {"date", "2025-03-03"}}).allowed());
  r = Onward("c.chj", {{"ground", "public_domain"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_TRUE(HasObligation(r, "onward.published-version")) << r.Findings();
  r = Share("c.chj", "rep-1", "hmi-prisons", {{"marking", nullptr}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_FALSE(r.Has("onward.grounds"));
}

// 001 "Process for sharing, accessing and storing information" ¶3, second
// criterion: "there is a legal obligation to disclose (for example, under a
// court order)".
TEST_F(IspOnwardTest, OnwardDisclosure_LegalObligationRecordedIsAllowed) {
  Recorded r = Onward("c.chj", {{"ground", "legal_obligation"},
                                {"obligation_kind", "court_order"},
                                {"obligation_reference", "ZW24C00123 order of 28 Feb 2025"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_EQ(r.outcome(), "allow");
  EXPECT_EQ(EntryAt(r.seq).at("type"), "disclosure.onward");
}

// DESIGN.md §3: "An FOI request is not by itself a 'legal obligation to
// disclose'": a legal obligation must be named, and FOI is no ground.
TEST_F(IspOnwardTest, OnwardDisclosure_LegalObligationWithoutObligationIsMalformed) {
  uint64_t before = Size();
  Recorded r = Onward(
      "c.foi", {{"ground", "legal_obligation"}, {"purpose", "FOI request CQC-FOI-2025-0193"}});
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.obligation_reference"), std::string::npos)
      << r.status.message();
  r = Onward("c.foi", {{"ground", "legal_obligation"}, {"obligation_kind", "court_order"}});
  EXPECT_FALSE(r.status.ok());
  r = Onward("c.foi", {{"ground", "foi_request"}});
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.ground"), std::string::npos) << r.status.message();
  EXPECT_EQ(Size(), before);
}

// DESIGN.md §3: an FOI or EIR request named as the "legal obligation" is
// refused and recorded, however it is labelled.
TEST_F(IspOnwardTest, OnwardDisclosure_InformationRequestIsNotALegalObligation) {
  for (auto [kind, ref] : std::vector<std::pair<const char*, const char*>>{
           {"information_request", "CQC-2025-0193"},
           {"statute", "FOIA s1 request CQC-2025-0194"},
           {"other", "Environmental Information Regulations request 77"}}) {
    Recorded r = Onward(
        "c.foi",
        {{"ground", "legal_obligation"}, {"obligation_kind", kind}, {"obligation_reference", ref}});
    ExpectRefusedOnLedger(r, "onward.foi-not-obligation", "disclosure.onward", "DESIGN.md");
  }
  // A statute that is not an information-access request still counts;
  // "foil" is not "FOI".
  Recorded r =
      Onward("c.chj", {{"ground", "legal_obligation"},
                       {"obligation_kind", "statute"},
                       {"obligation_reference", "Children Act 1989 s47 enquiry, foil ref 3"}});
  EXPECT_TRUE(r.allowed()) << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶3, third
// criterion: "the originating inspectorate has consented in writing to this".
TEST_F(IspOnwardTest, OnwardDisclosure_WrittenConsentAllowsUntilWithdrawn) {
  Recorded r = Onward("c.chj", {{"ground", "written_consent"}});
  ExpectRefusedOnLedger(r, "onward.grounds", "disclosure.onward");

  ASSERT_TRUE(Consent("o.policy", "consent.given", "cqc").allowed());
  r = Share("c.chj", "rep-1", "hmi-prisons");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  r = Onward("c.chj", {{"ground", "written_consent"}});
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();

  Recorded w = Consent("o.policy", "consent.withdrawn", "cqc");
  ASSERT_TRUE(w.allowed()) << w.status.ToString() << w.Findings();
  r = Share("c.chj", "rep-1", "hmicfrs");
  ExpectRefusedOnLedger(r, "onward.grounds", "share");
  r = Onward("c.chj", {{"ground", "written_consent"}});
  ExpectRefusedOnLedger(r, "onward.grounds", "disclosure.onward");
}

// 001 "Process for sharing, accessing and storing information" ¶3: consent
// is the originating inspectorate's, wherever the copy it covers now is.
TEST_F(IspOnwardTest, OnwardDisclosure_ConsentByNonOriginatorRefused) {
  Recorded r = Consent("c.chj", "consent.given", "cqc");
  ExpectRefusedOnLedger(r, "onward.consent-by-originator", "consent.given");
  EXPECT_EQ(ParaOf(r, "onward.consent-by-originator"),
            "Process for sharing, accessing and storing information ¶3");
  r = Consent("c.chj", "consent.given", "hmi-prisons");
  ExpectRefusedOnLedger(r, "onward.consent-by-originator", "consent.given");
  // Nothing was given, so the recipient is still bound.
  r = Share("c.chj", "rep-1", "hmi-prisons");
  EXPECT_TRUE(r.Has("onward.grounds")) << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶3: only the
// originator withdraws; a withdrawal with nothing in force is malformed.
TEST_F(IspOnwardTest, OnwardDisclosure_WithdrawalByNonOriginatorRefused) {
  uint64_t before = Size();
  EXPECT_FALSE(Consent("o.policy", "consent.withdrawn", "cqc").status.ok());
  EXPECT_EQ(Size(), before);
  ASSERT_TRUE(Consent("o.policy", "consent.given", "cqc").allowed());
  Recorded r = Consent("c.chj", "consent.withdrawn", "cqc");
  ExpectRefusedOnLedger(r, "onward.consent-by-originator", "consent.withdrawn");
  EXPECT_TRUE(Share("c.chj", "rep-1", "hmi-prisons").allowed());
}

// 001 "Process for sharing, accessing and storing information" ¶3 binds
// "the inspectorate receiving that information": returning it to the
// originator is not an onward disclosure, and the originator stays free.
TEST_F(IspOnwardTest, OnwardDisclosure_SharingBackToOriginatorIsNotOnward) {
  Recorded r = Share("c.chj", "rep-1", "ofsted");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  EXPECT_FALSE(r.Has("onward.grounds"));
  r = Share("o.policy", "rep-1", "hmicfrs");
  ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
  r = Onward("o.policy", {{"ground", "written_consent"}});
  EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
}

// 001 "Process for sharing, accessing and storing information" ¶3: the
// restriction binds each receiving inspectorate in turn.
TEST_F(IspOnwardTest, OnwardDisclosure_SecondRecipientIsBoundToo) {
  ASSERT_TRUE(Consent("o.policy", "consent.given", "cqc").allowed());
  ASSERT_TRUE(Share("c.chj", "rep-1", "hmi-prisons").allowed());
  Recorded r = Share("p.smt", "rep-1", "hmicfrs");
  ExpectRefusedOnLedger(r, "onward.grounds", "share");
}

}  // namespace
}  // namespace sharetrail::policy::testing
