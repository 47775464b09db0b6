// What the information-request tests share: an FOI officer at Ofsted and at
// DfE, and one-line calls for each step of a request, so a test reads as
// the FOI team's day. Every expected deadline in the tests is counted by
// hand on a calendar, with the count in a comment.
#ifndef SHARETRAIL_TESTS_POLICIES_RULES_FOI_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_RULES_FOI_FIXTURE_H_

#include <string>

#include "tests/policies/rules/holds_fixture.h"

namespace sharetrail::policy::testing {

inline constexpr char kFoia[] = "Freedom of Information Act 2000";

class FoiTest : public HoldsTest {
 protected:
  void SetUp() override {
    HoldsTest::SetUp();
    for (auto [user, party] : {std::pair{"o.foi", "ofsted"}, std::pair{"d.foi", "dfe"}}) {
      ASSERT_TRUE(Record("admin", "user.registered",
                         {{"user", user},
                          {"party", party},
                          {"team", "foi"},
                          {"roles", json::array{"foi_officer"}}})
                      .allowed());
    }
  }

  Recorded Receive(const std::string& user, const std::string& request, const std::string& regime,
                   const std::string& received, json::object extra = {}) {
    json::object body{{"request", request},
                      {"regime", regime},
                      {"received", received},
                      {"requester", "requester-ref-" + request}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return Record(user, "foi.received", std::move(body));
  }
  Recorded Step(const std::string& user, const std::string& type, const std::string& request,
                json::object extra = {}) {
    json::object body{{"request", request}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return Record(user, type, std::move(body));
  }
  Recorded Respond(const std::string& user, const std::string& request, const std::string& date,
                   const std::string& outcome = "disclosed", json::array exemptions = {}) {
    json::object body{{"date", date}, {"outcome", outcome}};
    if (!exemptions.empty()) body["exemptions"] = exemptions;
    return Step(user, "foi.responded", request, std::move(body));
  }
  Recorded Inform(const std::string& user, const std::string& request, const std::string& party) {
    return Step(user, "foi.informed", request, {{"party", party}});
  }

  json::object Foi(const std::string& request) { return State(keys::Foi(request)); }
  std::string Due(const std::string& request) { return Str(Foi(request), "due"); }

  // The seed 000 §15 citation on a finding or an inform-list entry.
  static void ExpectSeed000Para15(const json::object& cite) {
    EXPECT_EQ(Str(cite, "seed"), kSeed000);
    EXPECT_EQ(Str(cite, "para"), "§15");
  }
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_RULES_FOI_FIXTURE_H_
