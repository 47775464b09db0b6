// What the seed stories share: a fresh ledger with the real agreements and
// the policy tests' cast registered through the real sharetrail binary, a
// runner, and helpers that read its --json answers. Each story then reads as
// the IG officer's day: record events, check the decisions, ask the questions.
//
// The CLI stamps entries with the real clock, so answers that depend on the
// ledger's day (index days, days open, reported dates) are today (UTC); a
// story run across midnight UTC may see two days.
#ifndef SHARETRAIL_TESTS_E2E_STORY_SUPPORT_H_
#define SHARETRAIL_TESTS_E2E_STORY_SUPPORT_H_

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ledger/canonical_json.h"
#include "policies/date.h"
#include "tests/policies/policy_fixture.h"
#include "tests/testutil.h"

namespace sharetrail::e2e {

namespace json = boost::json;

struct CmdResult {
  int code;
  std::string out, err;
};

// Today (UTC), as the ledger dates what it records.
inline Date TodayUtc() { return CivilFromDays(static_cast<int64_t>(std::time(nullptr)) / 86400); }

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// One JSON Lines event for `record --as USER -`.
inline std::string Line(const std::string& type, json::object body) {
  return json::serialize(json::object{{"type", type}, {"body", std::move(body)}}) + "\n";
}

// An item.registered line for official-sensitive personal data (the usual
// case in the seeds); `extra` adds or overrides fields.
inline std::string ItemLine(const std::string& id, const std::string& kind,
                            const std::string& owner, const std::string& category,
                            json::object extra = {}) {
  json::object body{
      {"item", id},           {"title", "Item " + id}, {"kind", kind},
      {"owner", owner},       {"category", category},  {"classification", "official-sensitive"},
      {"safeguarding", true}, {"personal_data", true}, {"digest", std::string(64, 'c')}};
  for (auto& kv : extra) body[kv.key()] = kv.value();
  return Line("item.registered", std::move(body));
}

// A share line with the record the ICO code asks for (lawful basis,
// necessity, who decided); `extra` adds or overrides fields.
inline std::string ShareLine(const std::string& decided_by, json::array items,
                             const std::string& to, const std::string& agreement,
                             const std::string& purpose, const std::string& method,
                             json::object extra = {}) {
  json::object body{{"items", std::move(items)},
                    {"to", to},
                    {"agreement", agreement},
                    {"purpose", purpose},
                    {"lawful_basis", "the sharing power the agreement names"},
                    {"necessity", "the purpose the agreement states"},
                    {"decided_by", decided_by},
                    {"method", method}};
  for (auto& kv : extra) body[kv.key()] = kv.value();
  return Line("share", std::move(body));
}

// The rule ids of a printed decision's findings, and of its obligations.
inline std::vector<std::string> Rules(const json::object& outcome, const char* list = "findings") {
  std::vector<std::string> out;
  for (const auto& f : outcome.at("decision").at(list).as_array()) {
    out.emplace_back(f.at("rule").as_string());
  }
  return out;
}
inline std::vector<std::string> Obligations(const json::object& outcome) {
  return Rules(outcome, "obligations");
}
inline bool Refused(const json::object& outcome) { return outcome.at("type") == "refused"; }
inline int64_t SeqOf(const json::object& outcome) { return outcome.at("seq").to_number<int64_t>(); }
inline std::string TimeOf(const json::object& outcome) {
  return std::string(outcome.at("time").as_string());
}

// One column of a --json list, each cell as compact JSON text for strings'
// contents ("cqc", not "\"cqc\"").
inline std::vector<std::string> Column(const json::array& rows, const char* column) {
  std::vector<std::string> out;
  for (const auto& r : rows) {
    const json::value& v = r.at(column);
    out.push_back(v.is_string() ? std::string(v.as_string()) : json::serialize(v));
  }
  return out;
}

// The row of a --json list whose column has this value (empty if none).
inline json::object RowWhere(const json::array& rows, const char* column,
                             const std::string& value) {
  for (const auto& r : rows) {
    if (r.at(column) == value.c_str()) return r.as_object();
  }
  ADD_FAILURE() << "no row with " << column << " = " << value << " in " << rows;
  return {};
}

class StoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.Sub("ledger");
    CmdResult r = Cli("init --origin e2e.test/stories");
    ASSERT_EQ(r.code, 0) << r.err;
    r = Cli("--json policy load --dir " + std::string(SHARETRAIL_SOURCE_DIR) +
            "/policies --as admin --party ofsted --team information-governance");
    ASSERT_EQ(r.code, 0) << r.err;
    std::string users;
    for (const auto& m : policy::testing::Cast()) {
      json::array roles(m.roles.begin(), m.roles.end());
      users += Line("user.registered",
                    {{"user", m.user}, {"party", m.party}, {"team", m.team}, {"roles", roles}});
    }
    for (const json::object& o : Record("admin", users)) ASSERT_FALSE(Refused(o)) << o;
    today_ = TodayUtc().ToString();
  }

  // Runs `sharetrail --ledger DIR args` with stdin text.
  // `env` is prepended to the command line ("NAME=value ...").
  CmdResult Cli(const std::string& args, const std::string& input = "",
                const std::string& env = "") {
    std::string in = tmp_.Sub("stdin"), out = tmp_.Sub("stdout"), err = tmp_.Sub("stderr");
    std::ofstream(in, std::ios::binary) << input;
    std::string cmd = env + (env.empty() ? "" : " ") + std::string(SHARETRAIL_BINARY_DIR) +
                      "/sharetrail --ledger " + dir_ + " " + args + " <" + in + " >" + out + " 2>" +
                      err;
    int status = std::system(cmd.c_str());
    // Killed by a signal: the shell's convention, 128 + the signal.
    int code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
    return {code, Slurp(out), Slurp(err)};
  }

  // `--json args`, parsed; the command must exit with `code`.
  json::value Json(const std::string& args, int code = 0) {
    CmdResult r = Cli("--json " + args);
    EXPECT_EQ(r.code, code) << args << "\n" << r.out << r.err;
    auto v = ParseStrict(r.out);
    EXPECT_TRUE(v.ok()) << args << ": not one JSON value:\n" << r.out;
    return v.ok() ? *v : json::value();
  }
  json::array Rows(const std::string& args) { return Json(args).at("rows").as_array(); }

  // `record --as USER -`: one printed decision per event. The command exits 1
  // exactly when some event was refused (and recorded as refused).
  std::vector<json::object> Record(const std::string& user, const std::string& lines,
                                   const std::string& flags = "") {
    CmdResult r = Cli("--json record --as " + user + " " + flags + " -", lines);
    std::vector<json::object> out;
    bool refused = false;
    size_t start = 0;
    while (start < r.out.size()) {
      size_t end = r.out.find('\n', start);
      auto v = ParseStrict(r.out.substr(start, end - start));
      EXPECT_TRUE(v.ok() && v->is_object()) << r.out;
      if (!v.ok() || !v->is_object()) break;
      out.push_back(v->as_object());
      refused = refused || Refused(out.back());
      start = end + 1;
    }
    EXPECT_EQ(r.code, refused ? 1 : 0) << r.out << r.err;
    return out;
  }
  json::object RecordOne(const std::string& user, const std::string& type, json::object body) {
    std::vector<json::object> out = Record(user, Line(type, std::move(body)));
    EXPECT_EQ(out.size(), 1u);
    return out.empty() ? json::object{} : out[0];
  }

  // The --json answers to these questions, concatenated, to compare before
  // and after a reindex.
  std::string Answers(const std::vector<std::string>& questions) {
    std::string all;
    for (const std::string& q : questions) {
      CmdResult r = Cli("--json " + q);
      EXPECT_EQ(r.code, 0) << q << ": " << r.err;
      all += q + " => " + r.out;
    }
    return all;
  }
  // DESIGN.md §1: verify rebuilds the derived state and compares it; a
  // reindex (the same rebuild, kept) must leave every answer as it was.
  void ExpectVerifiedAndReindexStable(const std::vector<std::string>& questions) {
    json::value v = Json("verify");
    EXPECT_EQ(v.at("ok"), true) << v;
    std::string before = Answers(questions);
    json::value re = Json("reindex");
    EXPECT_EQ(re.at("reindexed"), v.at("entries"));
    EXPECT_EQ(Answers(questions), before);
  }

  sharetrail::testing::TempDir tmp_;
  std::string dir_;
  std::string today_;  // YYYY-MM-DD (UTC)
};

}  // namespace sharetrail::e2e

#endif  // SHARETRAIL_TESTS_E2E_STORY_SUPPORT_H_
