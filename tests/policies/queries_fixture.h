// The fixture the query tests share: PolicyTest's ledger and cast, plus a
// way to ask one question against one snapshot and the shares the seeds'
// stories start from.
#ifndef SHARETRAIL_TESTS_POLICIES_QUERIES_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_QUERIES_FIXTURE_H_

#include <functional>
#include <string>
#include <vector>

#include "policies/queries.h"
#include "tests/policies/policy_fixture.h"

namespace sharetrail::policy::testing {

inline constexpr char kMarking[] =
    "Pre-publication report – not to be shared beyond authorised reviewers";
inline constexpr char kIsp[] = "inspectorates-isp";
inline constexpr char kNotifiable[] = "ofsted-dfe-notifiable-incidents";

inline Date D(const std::string& s) { return *ParseDate(s); }

inline std::vector<uint64_t> Seqs(const Table& t) {
  std::vector<uint64_t> out;
  for (const auto& r : t.rows) out.push_back(r.at("seq").to_number<uint64_t>());
  return out;
}

inline std::vector<std::string> Column(const Table& t, const char* column) {
  std::vector<std::string> out;
  for (const auto& r : t.rows) out.push_back(CellText(r.at(column)));
  return out;
}

class QueriesTest : public PolicyTest {
 protected:
  // Each question reads one snapshot, as the CLI does.
  Result<Table> Try(const std::function<Result<Table>(const Snapshot&)>& q) {
    auto snap = ledger_->Read();
    if (!snap.ok()) return snap.status();
    return q(**snap);
  }
  Table Ask(const std::function<Result<Table>(const Snapshot&)>& q) {
    auto t = Try(q);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : Table{};
  }

  // A share with the record the ICO code asks for; `extra` adds or overrides.
  Recorded Share(const std::string& user, json::array items, const std::string& to,
                 const std::string& agreement, json::object extra = {}) {
    json::object body{{"items", items},
                      {"to", to},
                      {"agreement", agreement},
                      {"purpose", "respond_to_queries"},
                      {"lawful_basis", "EIA 2006 Sch 13 para 8"},
                      {"necessity", "to answer queries once the report is published"},
                      {"decided_by", user},
                      {"method", "email"},
                      {"classification", "official-sensitive"},
                      {"handling", "named teams only; do not forward"}};
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return Record(user, "share", std::move(body));
  }
  // Seed 001: an Ofsted pre-publication report shared with CQC under embargo.
  uint64_t ReportSharedWithCqc(const std::string& id) {
    EXPECT_TRUE(
        Item("o.policy", id, "inspection_report", {{"agreement", kIsp}, {"pre_publication", true}})
            .allowed());
    Recorded r = Share("o.policy", {json::value(id)}, "cqc", kIsp, {{"marking", kMarking}});
    EXPECT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
    return r.seq;
  }
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_QUERIES_FIXTURE_H_
