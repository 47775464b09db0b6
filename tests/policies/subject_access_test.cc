// DESIGN.md §4 "subject access (everything referring to a subject
// reference)": items registered with the pseudonymous reference and every
// entry on them, refused attempts included; nothing about other subjects.
#include "policies/queries.h"
#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class SubjectAccessTest : public PolicyTest {};

TEST_F(SubjectAccessTest, EverythingOnTheSubjectsItemsAndNothingElse) {
  ASSERT_TRUE(Item("o.arc", "notif-1", "notifiable_incident_notification",
                   {{"subjects", json::array{"subj-aaa"}}})
                  .allowed());
  ASSERT_TRUE(Item("o.arc", "notif-2", "notifiable_incident_notification",
                   {{"subjects", json::array{"subj-bbb"}}})
                  .allowed());
  ASSERT_TRUE(Item("o.arc", "summary-1", "notifiable_incident_summary",
                   {{"subjects", json::array{"subj-aaa", "subj-bbb"}}})
                  .allowed());
  Recorded r = Record("d.data", "access", {{"item", "notif-1"}});  // DfE holds no copy
  ASSERT_TRUE(r.refused());

  auto snap = ledger_->Read();
  auto t = SubjectAccess(**snap, "subj-aaa");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  std::vector<std::string> items, types;
  for (const auto& row : t->rows) {
    items.emplace_back(row.at("item").as_string());
    types.emplace_back(row.at("type").as_string());
  }
  EXPECT_EQ(items, (std::vector<std::string>{"notif-1", "notif-1", "summary-1"}));
  EXPECT_EQ(types,
            (std::vector<std::string>{"item.registered", "refused access", "item.registered"}));
  EXPECT_EQ(t->summary.at("items"), 2);
  auto none = SubjectAccess(**snap, "subj-zzz");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->rows.empty());
}

}  // namespace
}  // namespace sharetrail::policy::testing
