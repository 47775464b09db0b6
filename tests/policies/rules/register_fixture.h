// Seed 004, the joint protocol on disclosing the register of children's
// homes (agreement register-of-childrens-homes): requests, extracts and
// shares shaped as the protocol describes them, for the register tests.
#ifndef SHARETRAIL_TESTS_POLICIES_RULES_REGISTER_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_RULES_REGISTER_FIXTURE_H_

#include <string>

#include "tests/policies/rules/rules_fixture.h"

namespace sharetrail::policy::testing {

inline constexpr char kRegisterSeed[] = "004_d812ff6ebb8a0937.txt";
inline constexpr char kRegister[] = "register-of-childrens-homes";

// "Legal position" ¶3: the four Schedule 5 items that may be disclosed.
inline json::array RegisterFields() {
  return {"registered_person_name_address", "responsible_individual_name_address",
          "home_name_address_telephone", "enforcement_action_date_nature"};
}

class RegisterTest : public RulesTest {
 protected:
  // A request for disclosure (register.requested) as `user`; `extra`
  // overrides or adds fields.
  Recorded Request(const std::string& user, const std::string& id, json::object extra = {}) {
    json::object body{{"request", id},
                      {"area", "West Mercia police force area"},
                      {"fields", RegisterFields()},
                      {"purpose", "safeguarding"},
                      {"standing", false},
                      {"secure_email", "register-requests@force.example.gov.uk"}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return Record(user, "register.requested", std::move(body));
  }

  // An extract of the register for one area, held by Ofsted.
  Recorded Extract(const std::string& id) {
    return Item("o.arc", id, "register_extract",
                {{"kind", "register_extract"},
                 {"agreement", kRegister},
                 {"fields", RegisterFields()},
                 {"safeguarding", true}});
  }

  // HMCI sending an extract to `to` in answer to `request`.
  json::object Disclosure(const std::string& item, const std::string& to,
                          const std::string& request) {
    json::object body{{"items", json::array{json::value(item)}},
                      {"to", to},
                      {"agreement", kRegister},
                      {"purpose", "safeguarding"},
                      {"lawful_basis", "Registration Regulations 2010 reg 7; CSA 2000 s36"},
                      {"necessity", "safeguarding children accommodated in the area's homes"},
                      {"decided_by", "o.arc"},
                      {"method", "secure_email"},
                      {"classification", "official-sensitive"}};
    if (!request.empty()) body["request"] = request;
    return body;
  }
  Recorded Disclose(const std::string& item, const std::string& to, const std::string& request) {
    return Record("o.arc", "share", Disclosure(item, to, request));
  }
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_RULES_REGISTER_FIXTURE_H_
