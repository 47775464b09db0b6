// ui/html and ui/form: escaping, the GOV.UK error pattern's ids, and turning
// a posted form into an event body with every problem listed.
#include "ui/html.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "policies/events.h"
#include "ui/form.h"

namespace sharetrail::ui {
namespace {

TEST(HtmlTest, EscapesEveryCharacterThatCanBreakOutOfTextOrAnAttribute) {
  EXPECT_EQ(Esc(R"(<a href="x" onclick='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(Link("/items/a\"b", "<script>"),
            "<a class=\"govuk-link\" href=\"/items/a&quot;b\">&lt;script&gt;</a>");
}

TEST(HtmlTest, AnInputWithAnErrorIsDescribedByItsHintAndError) {
  Input in("f-to", "f.to", "To");
  in.hint = "A party";
  in.error = "Enter To";
  std::string h = TextInput(in);
  EXPECT_NE(h.find("govuk-form-group--error"), std::string::npos);
  EXPECT_NE(h.find("aria-describedby=\"f-to-hint f-to-error\""), std::string::npos);
  EXPECT_NE(h.find("id=\"f-to-error\""), std::string::npos);
  EXPECT_NE(h.find("govuk-input--error"), std::string::npos);
  EXPECT_NE(ErrorSummary({{"f-to", "Enter To"}}).find("href=\"#f-to\""), std::string::npos);
  EXPECT_EQ(ErrorSummary({}), "");
}

TEST(HtmlTest, CheckboxesCanCarryOneNamePerValue) {
  Input in("f-roles", "f.roles", "Roles");
  std::string h = Checkboxes(in, {{"siro", "Siro"}, {"staff", "Staff"}}, {"staff"}, true);
  EXPECT_NE(h.find("name=\"f.roles.siro\""), std::string::npos);
  EXPECT_NE(h.find("id=\"f-roles\""), std::string::npos);  // the first box has the group's id
  EXPECT_NE(h.find("value=\"staff\" checked"), std::string::npos);
}

const policy::Schema& Schema(std::string_view type) { return policy::FindKind(type)->schema; }

TEST(FormTest, EveryMissingRequiredFieldIsListedNotJustTheFirst) {
  std::vector<FieldError> errors;
  BodyOf(Schema("share"), {}, &errors);
  std::vector<std::string> ids;
  for (const auto& e : errors) ids.push_back(e.id);
  EXPECT_EQ(
      ids, (std::vector<std::string>{"f-items", "f-to", "f-agreement", "f-purpose",
                                     "f-lawful_basis", "f-necessity", "f-decided_by", "f-method"}));
}

TEST(FormTest, ListsBooleansEnumsAndCountsBecomeTheirJsonTypes) {
  std::vector<FieldError> errors;
  auto body = BodyOf(Schema("share"),
                     {{"f.items", "a-1\n a-2 ,a-3\n\n"},
                      {"f.to", " dfe "},
                      {"f.urgent", "true"},
                      {"f.necessity", "  kept as typed  "}},
                     &errors);
  EXPECT_EQ(boost::json::serialize(body.at("items")), R"(["a-1","a-2","a-3"])");
  EXPECT_EQ(body.at("to"), "dfe");
  EXPECT_EQ(body.at("urgent"), true);
  EXPECT_EQ(body.at("necessity"), "  kept as typed  ");  // free text is not trimmed
  EXPECT_FALSE(body.contains("handling"));               // optional and empty: left out

  errors.clear();
  auto user = BodyOf(Schema("user.registered"),
                     {{"f.user", "u"},
                      {"f.party", "p"},
                      {"f.team", "t"},
                      {"f.roles.siro", "siro"},
                      {"f.roles.staff", "staff"}},
                     &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(boost::json::serialize(user.at("roles")), R"(["siro","staff"])");

  errors.clear();
  BodyOf(Schema("payload.stored"), {{"f.item", "i"}, {"f.digest", "d"}, {"f.size", "12x"}},
         &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].id, "f-size");
  EXPECT_NE(errors[0].message.find("whole number"), std::string::npos);

  errors.clear();
  BodyOf(Schema("agreement.registered"), {{"f.agreement", "{not json"}}, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].id, "f-agreement");
}

TEST(FormTest, AnApiErrorsFieldLeadsToItsInput) {
  EXPECT_EQ(InputIdOfApiField("body.items[1]"), "f-items");
  EXPECT_EQ(InputIdOfApiField("body.agreement.parties"), "f-agreement");
  EXPECT_EQ(InputIdOfApiField("to"), "f-to");
  EXPECT_EQ(LabelOf("lawful_basis"), "Lawful basis");
}

TEST(FormTest, AFormIsMadeFromTheSchemaWithItsValuesKept) {
  std::string h = FieldsHtml(Schema("deletion.requested"), {{"f.item", "x<y"}}, {});
  EXPECT_NE(h.find("name=\"f.request\""), std::string::npos);
  EXPECT_NE(h.find("value=\"x&lt;y\""), std::string::npos);
  EXPECT_NE(h.find("<textarea"), std::string::npos);  // reason is free text
}

}  // namespace
}  // namespace sharetrail::ui
