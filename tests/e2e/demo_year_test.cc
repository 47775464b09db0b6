// Issue 13: `sharetrail demo --year Y --seed N` prints a deterministic year
// that the real binary records through the rule engine: every kind of work
// the issue lists is in it, the refusals are the engine's own for the rules
// the story breaks on purpose, and the ledger verifies.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "ledger/canonical_json.h"
#include "ledger/ledger.h"
#include "policies/date.h"
#include "policies/engine.h"
#include "tests/e2e/story_support.h"
#include "tests/testutil.h"

namespace sharetrail::e2e {
namespace {

namespace json = boost::json;

// The ledger dates entries by the real clock: the year they were recorded in.
std::string TodayYear() {
  return std::to_string(CivilFromDays(static_cast<int64_t>(std::time(nullptr)) / 86400).year);
}

std::vector<json::object> JsonLines(const std::string& text) {
  std::vector<json::object> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto v = ParseStrict(std::string_view(text).substr(start, end - start));
    EXPECT_TRUE(v.ok() && v->is_object()) << text.substr(start, 200);
    if (v.ok() && v->is_object()) out.push_back(v->as_object());
    start = end + 1;
  }
  return out;
}

class DemoYearTest : public ::testing::Test {
 protected:
  // `sharetrail args` with stdout and stderr to files; the exit code.
  int Run(const std::string& args, std::string* out = nullptr) {
    std::string o = tmp_.Sub("out"), e = tmp_.Sub("err");
    std::string cmd =
        std::string(SHARETRAIL_BINARY_DIR) + "/sharetrail " + args + " >" + o + " 2>" + e;
    int status = std::system(cmd.c_str());
    if (out != nullptr) *out = Slurp(o);
    err_ = Slurp(e);
    return WEXITSTATUS(status);
  }
  std::string L() const { return "--ledger " + tmp_.Sub("ledger") + " "; }

  sharetrail::testing::TempDir tmp_;
  std::string err_;
};

// 2025: a whole year in the past, so no event is dated after today.
TEST_F(DemoYearTest, AYearRecordedThroughTheEngine) {
  std::string a = tmp_.Sub("a.jsonl"), b = tmp_.Sub("b.jsonl"), c = tmp_.Sub("c.jsonl");
  ASSERT_EQ(Run("demo --year 2025 --seed 7 --out " + a), 0) << err_;
  ASSERT_EQ(Run("demo --year 2025 --seed 7 --out " + b), 0) << err_;
  ASSERT_EQ(Run("demo --year 2025 --seed 8 --out " + c), 0) << err_;
  const std::string year = Slurp(a);
  EXPECT_EQ(year, Slurp(b)) << "same year and seed, different output";
  EXPECT_NE(year, Slurp(c)) << "the seed changes nothing";
  std::string until;
  ASSERT_EQ(Run("demo --year 2025 --seed 7 --until 2025-06-30", &until), 0) << err_;
  EXPECT_EQ(year.substr(0, until.size()), until) << "--until is a prefix of the year";
  EXPECT_LT(until.size(), year.size() * 3 / 5);

  // Every kind of work the issue lists.
  std::vector<json::object> events = JsonLines(year);
  EXPECT_GT(events.size(), 40000u);
  EXPECT_LT(events.size(), 60000u);
  std::map<std::string, int> types, regimes, categories;
  std::map<std::string, int> digests;  // round robins share a request digest
  std::set<std::string> parties;
  for (const json::object& e : events) {
    std::string type(e.at("type").as_string());
    ++types[type];
    const json::object& body = e.at("body").as_object();
    if (type == "foi.received") {
      ++regimes[std::string(body.at("regime").as_string())];
      if (body.contains("digest")) ++digests[std::string(body.at("digest").as_string())];
    }
    if (type == "item.registered") ++categories[std::string(body.at("category").as_string())];
    if (type == "user.registered") parties.insert(std::string(body.at("party").as_string()));
  }
  for (const char* t : {"user.registered",
                        "item.registered",
                        "share",
                        "access",
                        "publication",
                        "consent.given",
                        "disclosure.onward",
                        "provider.notified",
                        "incident.reported",
                        "incident.consulted",
                        "register.requested",
                        "standing_request.reconfirmed",
                        "purpose.use",
                        "matter.raised",
                        "matter.answered",
                        "jtai.requested",
                        "inspection.ended",
                        "jtai.removed",
                        "hold.placed",
                        "deletion.requested",
                        "disposition.approved",
                        "disposed",
                        "agreement.reviewed",
                        "foi.received",
                        "foi.informed",
                        "foi.responded",
                        "foi.clarification-requested",
                        "foi.clarification-received",
                        "foi.fee-notified",
                        "foi.fee-paid",
                        "foi.review-requested",
                        "foi.review-decided",
                        "foi.ico-complaint",
                        "foi.ico-decided"}) {
    EXPECT_GT(types[t], 0) << t;
  }
  EXPECT_GE(types["share"], 240) << "a daily summary every working day";
  for (const char* r : {"foia", "eir", "sar"}) EXPECT_GT(regimes[r], 0) << r;
  for (const char* c : {"notifiable_incident_summary", "notifiable_incident_notification",
                        "scr_update", "inspection_report", "inspection_evidence", "concerns_letter",
                        "register_extract", "jtai_case_data"}) {
    EXPECT_GT(categories[c], 0) << c;
  }
  int round_robins = 0;
  for (const auto& [digest, n] : digests) round_robins += n >= 3 ? 1 : 0;
  EXPECT_GE(round_robins, 3);
  EXPECT_GE(parties.size(), 12u);

  // Recorded through the real binary: exit 1, because some were refused.
  ASSERT_EQ(Run(L() + "init --origin e2e.test/demo-year"), 0) << err_;
  ASSERT_EQ(Run(L() + "policy load --dir " + std::string(SHARETRAIL_SOURCE_DIR) +
                "/policies --as admin --party ofsted --team information-governance"),
            0)
      << err_;
  std::string recorded;
  ASSERT_EQ(Run(L() + "--json record " + a, &recorded), 1) << err_;
  std::vector<json::object> outcomes = JsonLines(recorded);
  ASSERT_EQ(outcomes.size(), events.size());
  std::map<std::string, std::set<std::string>> refused;  // rule -> proposed types
  std::map<std::string, int> warned;
  for (const json::object& o : outcomes) {
    for (const auto& f : o.at("decision").at("findings").as_array()) {
      std::string rule(f.at("rule").as_string());
      if (o.at("type") == "refused") {
        refused[rule].insert(std::string(o.at("proposed").as_string()));
      } else if (f.at("severity") == "warn") {
        ++warned[rule];
      }
    }
  }
  // Exactly the rules the story breaks on purpose, each by the kind of event meant.
  std::map<std::string, std::set<std::string>> intended = {
      {"embargo.marking", {"share"}},
      {"embargo.named-teams", {"access"}},
      {"onward.grounds", {"disclosure.onward"}},
      {"fields.limited", {"share"}},
      {"share.method", {"share"}},
      {"daily-summary.method", {"share"}},
      {"daily-summary.password", {"share"}},
      {"provider.first", {"share"}},
      {"register.requester", {"register.requested"}},
      {"fields.forbidden", {"register.requested"}},
      {"purpose.unauthorised", {"purpose.use"}},
      {"hold.iicsa", {"deletion.requested"}},
      {"retention.minimum", {"deletion.requested"}},
      {"jtai.parties", {"jtai.requested"}},
      {"scope.party", {"agreement.reviewed"}}};
  EXPECT_EQ(refused, intended);
  // A few answers late, a few given before the other party was told.
  int responded = types["foi.responded"];
  EXPECT_GT(warned["foi.late"], 0);
  EXPECT_LT(warned["foi.late"] * 20, responded);
  EXPECT_GT(warned["foi.inform-before-response"], 0);

  // The year's questions answer from it.
  std::string out;
  ASSERT_EQ(Run(L() + "--json reviews --due --on 2025-12-31", &out), 0) << err_;
  json::array due = json::parse(out).at("rows").as_array();
  ASSERT_EQ(due.size(), 1u) << out;
  EXPECT_EQ(due[0].at("agreement"), "ofsted-dfe-notifiable-incidents");
  EXPECT_EQ(due[0].at("state"), "overdue");
  ASSERT_EQ(Run(L() + "--json incidents outstanding", &out), 0) << err_;
  EXPECT_EQ(json::parse(out).at("rows").as_array().size(), 1u) << out;
  ASSERT_EQ(Run(L() + "--json disposals --year " + TodayYear(), &out), 0) << err_;
  EXPECT_GT(json::parse(out).at("rows").as_array().size(), 50u);
  // West Mercia's and Northshire's, Leicestershire's from the summer before
  // and the one it made after that lapsed (seed 004 ¶4, ¶6).
  ASSERT_EQ(Run(L() + "--json standing-requests", &out), 0) << err_;
  EXPECT_EQ(json::parse(out).at("rows").as_array().size(), 4u) << out;
  ASSERT_EQ(Run(L() + "--json jtai outstanding", &out), 0) << err_;
  EXPECT_EQ(json::parse(out).at("rows").as_array().size(), 1u) << out;
  ASSERT_EQ(Run(L() + "--json matters --awaiting", &out), 0) << err_;
  EXPECT_GE(json::parse(out).at("rows").as_array().size(), 1u) << out;
  ASSERT_EQ(Run(L() + "--json purpose-exceptions --count --year " + TodayYear(), &out), 0);
  EXPECT_EQ(json::parse(out).at("summary").at("total"), 2) << out;
  ASSERT_EQ(Run(L() + "verify", &out), 0) << out << err_;

  // A standing request lapses twelve months after its last confirmation
  // (seed 004 ¶4, ¶6): the first extract sent after that is refused. The CLI
  // records with the real clock, so West Mercia's (reconfirmed when this
  // test recorded it) lapses for a clock set 400 days ahead.
  {
    LedgerOptions o;
    o.state_machine = std::make_shared<policy::Engine>();
    const int64_t later = static_cast<int64_t>(std::time(nullptr)) + 400 * 86400;
    o.clock = [later] { return later * 1000000; };
    auto ledger = Ledger::Open(tmp_.Sub("ledger"), o);
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    json::object share{{"items", json::array{"register-extract-wmp-reg-2025-01-2025-12"}},
                       {"to", "west-mercia-police"},
                       {"agreement", "register-of-childrens-homes"},
                       {"purpose", "safeguarding"},
                       {"lawful_basis", "Care Standards Act 2000"},
                       {"necessity", "safeguarding children in the area"},
                       {"decided_by", "ofsted.ig.vance"},
                       {"method", "secure_email"},
                       {"request", "wmp-reg-2025-01"},
                       {"classification", "official-sensitive"}};
    auto r = (*ledger)->Append(Event{{{"user", "ofsted.arc.penrose"}}, "share", share});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    json::object outcome = json::parse(r->outcome).as_object();
    EXPECT_EQ(outcome.at("type"), "refused") << outcome;
    EXPECT_NE(r->outcome.find("standing.lapsed"), std::string::npos) << r->outcome;
  }
  ASSERT_EQ(Run(L() + "verify", &out), 0) << out << err_;
}

// demo --record: a new ledger whose entries carry the story's own days, so
// the day-indexed answers and clocks follow the story (a standing request
// is confirmed on the day it was made, not the day the demo ran).
TEST_F(DemoYearTest, RecordStampsEachDayOfTheStory) {
  std::string out;
  ASSERT_EQ(Run(L() + "demo --year 2025 --seed 7 --until 2025-03-31 --record --policies " +
                    std::string(SHARETRAIL_SOURCE_DIR) + "/policies",
                &out),
            0)
      << err_;
  EXPECT_NE(err_.find("demo: recorded "), std::string::npos) << err_;
  ASSERT_EQ(Run(L() + "--json standing-requests", &out), 0) << err_;
  auto v = json::parse(out);
  ASSERT_FALSE(v.at("rows").as_array().empty()) << out;
  for (const auto& row : v.at("rows").as_array()) {
    std::string confirmed(row.at("confirmed").as_string());
    EXPECT_TRUE(confirmed >= "2024-06-01" && confirmed <= "2025-03-31") << confirmed;
  }
  // Leicestershire's request of June 2024, never reconfirmed, has lapsed by
  // the end of June 2025 (seed 004, "How requests should be made" ¶4, ¶6).
  ASSERT_EQ(Run(L() + "--json standing-requests --lapsed-on 2025-06-30", &out), 0) << err_;
  v = json::parse(out);
  ASSERT_EQ(v.at("rows").as_array().size(), 1u) << out;
  EXPECT_EQ(v.at("rows").at(0).at("request"), "lp-reg-2024-06") << out;
  EXPECT_EQ(v.at("rows").at(0).at("state"), "lapsed") << out;
  // Entry times run through the story's days and never backwards.
  ASSERT_EQ(Run(L() + "checkpoint", &out), 0);
  uint64_t size = std::stoull(out.substr(out.find('\n') + 1));
  std::string last;
  for (uint64_t seq : {uint64_t{0}, size / 2, size - 1}) {
    ASSERT_EQ(Run(L() + "--json show --seq " + std::to_string(seq), &out), 0) << err_;
    std::string time(json::parse(out).at("entry").at("time").as_string());
    EXPECT_TRUE(time >= "2024-06-03" && time < "2025-04") << seq << ": " << time;
    EXPECT_GE(time, last);
    last = time;
  }
  ASSERT_EQ(Run(L() + "verify", &out), 0) << out << err_;

  // Only a new ledger is made so, and --out does not go with it.
  EXPECT_EQ(Run(L() + "demo --year 2025 --seed 7 --until 2025-01-31 --record"), 3);
  EXPECT_NE(err_.find("already exists"), std::string::npos) << err_;
  EXPECT_EQ(Run("--ledger " + tmp_.Sub("other") + " demo --year 2025 --record --out x.jsonl"), 2);
}

TEST_F(DemoYearTest, BadArgumentsAreRefused) {
  EXPECT_EQ(Run("demo"), 2);
  EXPECT_EQ(Run("demo --year 1066"), 2);
  EXPECT_NE(err_.find("--year 1066"), std::string::npos) << err_;
  EXPECT_EQ(Run("demo --year 2025 --until 2025-02-30"), 2);
  EXPECT_NE(err_.find("--until"), std::string::npos) << err_;
}

}  // namespace
}  // namespace sharetrail::e2e
