// Seed 004, the register of children's homes: who may receive it, who asks,
// which fields, for what purpose, and that HMCI sends it only in answer to
// the recipient's own request. Standing requests and uses beyond purpose
// are in register_standing_test.cc and register_purpose_use_test.cc.
#include "tests/policies/rules/register_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class RegisterRequestTest : public RegisterTest {};

// 004 "Legal position" ¶2: "that information can only be disclosed to
// certain specified public authorities, namely the Secretary of State for
// Education, the Chief Officer of Police, a local authority and the Office of
// the Children's Commissioner".
TEST_F(RegisterRequestTest, RegisterRecipient) {
  Recorded r = Request("bw.manager", "bw-1");  // a provider
  ExpectRefusedOnLedger(r, "register.requested", "register.recipient", kRegisterSeed);
  EXPECT_NE(Reason(r, "register.recipient").find("brightwater-care-ltd"), std::string::npos);
  ExpectRefusedOnLedger(Request("c.chj", "cqc-1"), "register.requested", "register.recipient",
                        kRegisterSeed);  // another inspectorate

  // Of the government departments only DfE (the Secretary of State).
  ASSERT_TRUE(Record("admin", "user.registered",
                     {{"user", "moj.senior"},
                      {"party", "moj"},
                      {"team", "information-governance"},
                      {"roles", json::array{"senior_official"}}})
                  .allowed());
  ExpectRefusedOnLedger(Request("moj.senior", "moj-1"), "register.requested", "register.recipient",
                        kRegisterSeed);

  for (auto [user, id] : {std::pair{"wm.chief", "wm-1"}, std::pair{"r.dcs", "rd-1"},
                          std::pair{"cc.senior", "cc-1"}, std::pair{"d.senior", "dfe-1"}}) {
    Recorded ok = Request(user, id);
    EXPECT_TRUE(ok.allowed()) << user << ": " << ok.status.ToString() << ok.Findings();
    EXPECT_EQ(ok.outcome(), "allow") << user << ": " << ok.Findings();
  }
}

// 004 "How requests should be made" ¶1: "The request for disclosure will be
// sent to HMCI by the Chief Officer of Police for each police force and by
// the Director of Children's Services for the local authority"; DESIGN.md §3:
// "that role is not delegable" — not even to the force's SIRO.
TEST_F(RegisterRequestTest, RegisterRequester) {
  Recorded r = Request("wm.officer", "wm-1");
  ExpectRefusedOnLedger(r, "register.requested", "register.requester", kRegisterSeed);
  r = Request("wm.siro", "wm-2");
  ExpectRefusedOnLedger(r, "register.requested", "register.requester", kRegisterSeed);
  EXPECT_NE(Reason(r, "register.requester").find("not delegable"), std::string::npos)
      << r.Findings();
  EXPECT_EQ(EntryAt(r.seq).at("actor").at("role"), "siro");

  EXPECT_TRUE(Request("wm.chief", "wm-3").allowed());
  EXPECT_TRUE(Request("r.dcs", "rd-1").allowed());
  // ¶2: the Commissioner's Office and DfE ask through a senior official.
  ExpectRefusedOnLedger(Request("cc.contact", "cc-1"), "register.requested", "register.requester",
                        kRegisterSeed);
  EXPECT_TRUE(Request("cc.senior", "cc-2").allowed());
}

// 004 "Legal position" ¶3 lists the four fields that may be disclosed;
// "Background" ¶2: "Disclosure under the Registration Regulations will not
// include the names or personal details of individual children".
TEST_F(RegisterRequestTest, FieldsForbidden) {
  Recorded r =
      Request("wm.chief", "wm-1", {{"fields", {"home_name_address_telephone", "child_name"}}});
  ExpectRefusedOnLedger(r, "register.requested", "fields.forbidden", kRegisterSeed);
  EXPECT_NE(Reason(r, "fields.forbidden").find("\"child_name\""), std::string::npos);
  EXPECT_TRUE(Request("wm.chief", "wm-2").allowed());

  // The same limit holds on the extract HMCI sends.
  ASSERT_TRUE(Extract("ext-wm").allowed());
  json::object body = Disclosure("ext-wm", "west-mercia-police", "wm-2");
  body["fields"] = json::array{"home_name_address_telephone", "child_personal_details"};
  ExpectRefusedOnLedger(Record("o.arc", "share", body), "share", "fields.forbidden", kRegisterSeed);
}

// 004 "Legal position" ¶3: only the Schedule 5 paragraphs 1, 2, 3 and 10.
TEST_F(RegisterRequestTest, FieldsLimited) {
  Recorded r =
      Request("r.dcs", "rd-1", {{"fields", {"home_name_address_telephone", "ofsted_grade"}}});
  ExpectRefusedOnLedger(r, "register.requested", "fields.limited", kRegisterSeed);
  EXPECT_NE(Reason(r, "fields.limited").find("\"ofsted_grade\""), std::string::npos);
  EXPECT_TRUE(Request("r.dcs", "rd-2", {{"fields", {"home_name_address_telephone"}}}).allowed());
}

// 004 "Statement of values and principles" ¶1, bullets 1–2: requested and
// used "for the purposes of safeguarding the welfare of children".
TEST_F(RegisterRequestTest, RegisterPurpose) {
  Recorded r = Request("wm.chief", "wm-1", {{"purpose", "research"}});
  ExpectRefusedOnLedger(r, "register.requested", "register.purpose", kRegisterSeed);
  EXPECT_NE(Reason(r, "register.purpose").find("research"), std::string::npos);

  ASSERT_TRUE(Request("wm.chief", "wm-2").allowed());
  ASSERT_TRUE(Extract("ext-wm").allowed());
  json::object body = Disclosure("ext-wm", "west-mercia-police", "wm-2");
  body["purpose"] = "policy_development";
  ExpectRefusedOnLedger(Record("o.arc", "share", body), "share", "register.purpose", kRegisterSeed);
  EXPECT_TRUE(Disclose("ext-wm", "west-mercia-police", "wm-2").allowed());
}

// 004 "Legal position" ¶2: disclosed "where a request has been made by that
// public authority under section 36 of the CSA" — the recipient's own.
TEST_F(RegisterRequestTest, RegisterRequest) {
  ASSERT_TRUE(Request("wm.chief", "wm-1").allowed());
  ASSERT_TRUE(Request("r.dcs", "rd-1", {{"area", "Rochdale"}}).allowed());
  ASSERT_TRUE(Extract("ext-wm").allowed());

  Recorded r = Disclose("ext-wm", "west-mercia-police", "");
  ExpectRefusedOnLedger(r, "share", "register.request", kRegisterSeed);
  EXPECT_NE(r.Findings().find("\"para\":\"Legal position ¶2\""), std::string::npos) << r.Findings();

  r = Disclose("ext-wm", "west-mercia-police", "rd-1");  // Rochdale's request
  ExpectRefusedOnLedger(r, "share", "register.request", kRegisterSeed);
  EXPECT_NE(Reason(r, "register.request").find("rochdale-mbc"), std::string::npos);
  EXPECT_EQ(EntryAt(r.seq).at("body").at("attempt").at("body").at("request"), "rd-1");

  Recorded ok = Disclose("ext-wm", "west-mercia-police", "wm-1");
  ASSERT_TRUE(ok.allowed()) << ok.status.ToString() << ok.Findings();
  EXPECT_EQ(ok.outcome(), "allow") << ok.Findings();
  EXPECT_TRUE(Disclose("ext-wm", "rochdale-mbc", "rd-1").allowed());
}

// A refused request is on the ledger but opens nothing: naming it, or any
// unknown request, in a share is malformed and appends nothing.
TEST_F(RegisterRequestTest, RefusedRequestCannotBeAnswered) {
  ASSERT_TRUE(Request("wm.officer", "wm-1").refused());
  ASSERT_TRUE(Extract("ext-wm").allowed());
  uint64_t before = Size();
  Recorded r = Disclose("ext-wm", "west-mercia-police", "wm-1");
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("body.request: unknown request \"wm-1\""), std::string::npos)
      << r.status.message();
  EXPECT_EQ(Size(), before);
}

// 004 "Legal position" ¶2 binds the register wherever it travels: the CC-HMCI
// MOU's flow of registered-services lists to the Commissioner (002 §16) does
// not open a route around the request and safeguarding rules.
TEST_F(RegisterRequestTest, RegisterRulesBindUnderAnyAgreement) {
  ASSERT_TRUE(Extract("ext-cc").allowed());
  json::object body = Disclosure("ext-cc", "childrens-commissioner", "");
  body["agreement"] = "cc-hmci-mou";
  body["purpose"] = "other";
  Recorded r = Record("o.arc", "share", body);
  ExpectRefusedOnLedger(r, "share", "register.request", kRegisterSeed);
  EXPECT_TRUE(r.Has("register.purpose")) << r.Findings();

  ASSERT_TRUE(Request("cc.senior", "cc-lists").allowed());
  body["request"] = "cc-lists";
  body["purpose"] = "safeguarding";
  r = Record("o.arc", "share", body);
  EXPECT_FALSE(r.Has("register.request")) << r.Findings();
  EXPECT_FALSE(r.Has("register.purpose")) << r.Findings();
}

}  // namespace
}  // namespace sharetrail::policy::testing
