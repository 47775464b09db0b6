// What the hold and disposal tests share: the seed 000 §13 IICSA hold, the
// seed 003 retention classes and the steps of the disposition path, each a
// one-line call so a test reads as the records manager's day.
#ifndef SHARETRAIL_TESTS_POLICIES_RULES_HOLDS_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_RULES_HOLDS_FIXTURE_H_

#include <string>

#include "ledger/verify.h"
#include "tests/policies/rules/rules_fixture.h"

namespace sharetrail::policy::testing {

inline constexpr char kSeed000[] = "000_1b487c77bcc4859b.txt";
inline constexpr char kSeed003[] = "003_447556de3e704e80.txt";
inline constexpr char kDesign[] = "DESIGN.md";
inline constexpr char kMou[] = "ofsted-dfe-notifiable-incidents";

class HoldsTest : public RulesTest {
 protected:
  // A daily notifiable-incident summary under the MOU (000 §12), flagged
  // safeguarding. Its inspection-evidence minimum (003) ended long ago, so
  // only holds stand between it and disposal.
  Recorded Summary(const std::string& id, json::object extra = {}) {
    json::object fields{{"kind", "spreadsheet"},
                        {"agreement", kMou},
                        {"safeguarding", true},
                        {"retention_class", "inspection_evidence_3y"},
                        {"evidence_date", "2021-06-01"},
                        {"fields", json::array{"reference_number", "local_authority"}}};
    for (auto& kv : extra) fields[kv.key()] = kv.value();
    return Item("o.arc", id, "notifiable_incident_summary", std::move(fields));
  }
  // Ofsted's item of the given category, not safeguarding, retention ended.
  Recorded Plain(const std::string& id, const std::string& category = "inspection_evidence") {
    return Item("o.arc", id, category,
                {{"retention_class", "inspection_evidence_3y"}, {"evidence_date", "2021-06-01"}});
  }
  // 000 §12: the summary goes to DfE, so DfE holds a copy.
  Recorded SendToDfe(const std::string& id) {
    return Record("o.arc", "share",
                  {{"items", json::array{json::value(id)}},
                   {"to", "dfe"},
                   {"agreement", kMou},
                   {"purpose", "safeguarding"},
                   {"lawful_basis", "EIA 2006 s118(3) and Sch 13 para 8"},
                   {"necessity", "DfE's child protection policy and intervention (§5)"},
                   {"decided_by", "o.arc"},
                   {"method", "secure_platform"},
                   {"password_protected", true}});
  }

  Recorded Place(const std::string& user, const std::string& hold, const std::string& scope,
                 const std::string& authority, const std::string& target = "") {
    json::object body{{"hold", hold},
                      {"scope", scope},
                      {"authority", authority},
                      {"reason", "notice received from " + authority}};
    if (!target.empty()) body["target"] = target;
    return Record(user, "hold.placed", std::move(body));
  }
  // 000 §13: nothing relating to safeguarding concerns is destroyed while
  // the Independent Inquiry into Child Sexual Abuse is in progress.
  Recorded PlaceIicsa(const std::string& user = "o.siro", const std::string& hold = "iicsa") {
    return Place(user, hold, "safeguarding", "iicsa");
  }
  Recorded Lift(const std::string& user, const std::string& hold, const std::string& role = "") {
    return Record(user, "hold.lifted", {{"hold", hold}, {"reason", "the inquiry has reported"}},
                  role);
  }
  // 000 §13 ¶2 "this MoU will be reviewed to consider the retention of the
  // data", as a review of the MOU held on `date`.
  Recorded ReviewMou(const std::string& date) {
    return Record("o.ig", "agreement.reviewed",
                  {{"agreement", kMou}, {"date", date}, {"outcome", "continued"}});
  }

  Recorded Request(const std::string& user, const std::string& request, const std::string& item) {
    return Record(user, "deletion.requested",
                  {{"request", request}, {"item", item}, {"reason", "no longer needed"}});
  }
  Recorded Approve(const std::string& user, const std::string& request) {
    return Record(user, "disposition.approved", {{"request", request}});
  }
  Recorded Dispose(const std::string& user, const std::string& request) {
    return Record(user, "disposed", {{"request", request}, {"method", "crypto_shredded"}});
  }

  // The stored record under `key`, or an empty object.
  json::object State(const std::string& key) {
    auto snap = ledger_->Read();
    EXPECT_TRUE(snap.ok());
    auto raw = (*snap)->Get(key);
    EXPECT_TRUE(raw.ok());
    if (!raw.ok() || !*raw) return {};
    return json::parse(**raw).as_object();
  }
  bool Exists(const std::string& key) {
    auto snap = ledger_->Read();
    auto raw = (*snap)->Get(key);
    return raw.ok() && raw->has_value();
  }

  // Every derived record, as text, to compare across a reindex.
  std::string AllState() {
    std::string out;
    auto snap = ledger_->Read();
    EXPECT_TRUE((*snap)
                    ->Scan("", "",
                           [&](std::string_view k, std::string_view v) {
                             out.append(k).append("=").append(v).append("\n");
                             return true;
                           })
                    .ok());
    return out;
  }
  // DESIGN.md §1: verify recomputes everything, and a reindex rebuilds the
  // same derived state from the entries alone.
  void ExpectVerifiedAndReindexStable() {
    auto report = Verify(*ledger_, {});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->ok) << report->problem;
    std::string before = AllState();
    ledger_.reset();
    LedgerOptions o;
    o.state_machine = engine_;
    o.clock = [this] { return micros_.load(); };
    o.reindex = true;
    auto l = Ledger::Open(dir_.path(), o);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    EXPECT_EQ(AllState(), before);
  }
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_RULES_HOLDS_FIXTURE_H_
