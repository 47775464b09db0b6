// A ledger governed by the policy engine, loaded with the real policy files
// (policies/parties.json, policies/agreements/) and a cast of users, with a
// clock the test sets. Rule tests record events as named users and check
// the decision and what reached the ledger.
#ifndef SHARETRAIL_TESTS_POLICIES_POLICY_FIXTURE_H_
#define SHARETRAIL_TESTS_POLICIES_POLICY_FIXTURE_H_

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "policies/date.h"
#include "policies/engine.h"
#include "policies/loader.h"
#include "tests/testutil.h"

namespace sharetrail::policy::testing {

namespace json = boost::json;

// What recording an event produced.
struct Recorded {
  Status status;  // error: malformed, nothing appended
  uint64_t seq = 0;
  std::string type;       // the entry's type: the proposal's, or "refused"
  json::object decision;  // {"outcome", "findings", "obligations", "agreements"}
  std::string outcome() const {
    return decision.contains("outcome") ? std::string(decision.at("outcome").as_string()) : "";
  }
  bool allowed() const { return status.ok() && type != "refused"; }
  bool refused() const { return status.ok() && type == "refused"; }
  // True if some finding has this rule id.
  bool Has(std::string_view rule) const {
    if (!decision.contains("findings")) return false;
    for (const auto& f : decision.at("findings").as_array()) {
      if (f.as_object().at("rule").as_string() == rule) return true;
    }
    return false;
  }
  std::string Findings() const { return json::serialize(decision); }
};

// users: id, party, team, roles
struct CastMember {
  const char* user;
  const char* party;
  const char* team;
  std::vector<std::string> roles;
};

inline const std::vector<CastMember>& Cast() {
  static const std::vector<CastMember> cast = {
      {"o.arc", "ofsted", "arc", {"staff"}},
      {"o.policy", "ofsted", "social-care-policy", {"staff"}},
      {"o.inspector", "ofsted", "social-care-inspection", {"staff"}},
      {"o.ig", "ofsted", "information-governance", {"ig_officer"}},
      {"o.siro", "ofsted", "information-governance", {"siro"}},
      {"o.hmci", "ofsted", "designated-contact", {"chief_inspector"}},
      {"o.audit", "ofsted", "information-governance", {"auditor"}},
      {"d.data", "dfe", "safeguarding-data", {"staff"}},
      {"d.ig", "dfe", "information-governance", {"ig_officer"}},
      {"d.senior", "dfe", "safeguarding-data", {"senior_official"}},
      {"c.chj", "cqc", "childrens-health-and-justice", {"staff"}},
      {"c.foi", "cqc", "foi", {"foi_officer"}},
      {"c.ig", "cqc", "information-governance", {"ig_officer"}},
      {"h.pvp", "hmicfrs", "hmi-pvp-cjji", {"staff"}},
      {"p.smt", "hmi-prisons", "senior-management", {"staff"}},
      {"cc.contact", "childrens-commissioner", "designated-contact", {"staff"}},
      {"cc.senior", "childrens-commissioner", "designated-contact", {"senior_official"}},
      {"wm.chief", "west-mercia-police", "chief-officer", {"chief_officer_of_police"}},
      {"wm.officer", "west-mercia-police", "public-protection", {"staff"}},
      {"wm.siro", "west-mercia-police", "chief-officer", {"siro"}},
      {"r.dcs", "rochdale-mbc", "childrens-services", {"director_of_childrens_services"}},
      {"bw.manager", "brightwater-care-ltd", "information-governance", {"staff"}},
  };
  return cast;
}

class PolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetToday(start_date_);
    ASSERT_TRUE(Ledger::Init(dir_.path(), origin_).ok());
    engine_ = std::make_shared<Engine>();
    LedgerOptions o;
    o.state_machine = engine_;
    o.clock = [this] { return micros_.load(); };
    o.checkpoint_interval = checkpoint_interval_;
    auto l = Ledger::Open(dir_.path(), o);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    // Bootstrap: the directory and the first administrator, then the agreements.
    auto events = PolicyEvents(std::string(SHARETRAIL_SOURCE_DIR) + "/policies", "admin");
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    std::vector<Event> parties, agreements;
    for (auto& e : *events) (e.type == "party.registered" ? parties : agreements).push_back(e);
    for (auto& e : parties) {
      Recorded r = Record(e);
      ASSERT_TRUE(r.allowed()) << e.type << ": " << r.status.ToString() << r.Findings();
    }
    ASSERT_TRUE(Record("admin", "user.registered",
                       {{"user", "admin"},
                        {"party", "ofsted"},
                        {"team", "information-governance"},
                        {"roles", json::array{"admin"}}})
                    .allowed());
    for (const CastMember& m : Cast()) {
      json::array roles;
      for (const auto& r : m.roles) roles.push_back(json::value(r));
      Recorded r =
          Record("admin", "user.registered",
                 {{"user", m.user}, {"party", m.party}, {"team", m.team}, {"roles", roles}});
      ASSERT_TRUE(r.allowed()) << m.user << ": " << r.status.ToString() << r.Findings();
    }
    for (auto& e : agreements) {
      Recorded r = Record(e);
      ASSERT_TRUE(r.allowed()) << r.status.ToString() << r.Findings();
    }
  }

  // The shipped agreement `id` as an agreement.amended event with `reason`,
  // for a test to change and record (empty type if there is no such id).
  static Event AmendmentOf(const std::string& id, const std::string& reason) {
    auto events = PolicyEvents(std::string(SHARETRAIL_SOURCE_DIR) + "/policies", "admin");
    EXPECT_TRUE(events.ok());
    Event amend;
    for (auto& e : *events) {
      if (e.type == "agreement.registered" && e.body.at("agreement").at("id") == json::value(id))
        amend = e;
    }
    if (amend.type.empty()) return amend;
    amend.type = "agreement.amended";
    amend.body["reason"] = reason;
    return amend;
  }

  // Sets the ledger clock to noon UTC on a date.
  void SetToday(const std::string& date) {
    auto d = ParseDate(date);
    ASSERT_TRUE(d.ok()) << date;
    micros_ = (DaysFromCivil(*d) * 86400 + 12 * 3600) * int64_t{1000000};
  }

  Recorded Record(const Event& e) {
    Recorded out;
    auto r = ledger_->Append(e);
    if (!r.ok()) {
      out.status = r.status();
      return out;
    }
    auto v = json::parse(r->outcome).as_object();
    out.seq = r->seq;
    out.type = std::string(v.at("type").as_string());
    out.decision = v.at("decision").as_object();
    return out;
  }
  Recorded Record(const std::string& user, const std::string& type, json::object body,
                  const std::string& role = "") {
    json::object actor{{"user", user}};
    if (!role.empty()) actor["role"] = role;
    return Record(Event{std::move(actor), type, std::move(body)});
  }

  // Registers an item owned by `owner_user`'s party with sensible defaults;
  // `extra` overrides or adds fields.
  Recorded Item(const std::string& owner_user, const std::string& id, const std::string& category,
                json::object extra = {}) {
    json::object body{{"item", id},
                      {"title", "Item " + id},
                      {"kind", "document"},
                      {"category", category},
                      {"classification", "official-sensitive"},
                      {"safeguarding", false},
                      {"personal_data", true},
                      {"digest", std::string(64, 'a')}};
    for (const CastMember& m : Cast()) {
      if (m.user == owner_user) body["owner"] = m.party;
    }
    for (auto& kv : extra) body[kv.key()] = kv.value();
    return Record(owner_user, "item.registered", std::move(body));
  }

  // The raw entry at seq, parsed.
  json::object EntryAt(uint64_t seq) {
    auto bytes = ledger_->EntryBytes(seq);
    EXPECT_TRUE(bytes.ok());
    return json::parse(*bytes).as_object();
  }
  uint64_t Size() { return *ledger_->Size(); }

  // The day the ledger is set up. The ledger's time never runs backwards, so
  // a test that needs earlier dates sets this in its constructor.
  std::string start_date_ = "2025-03-03";
  // How often the ledger retains a checkpoint; tests of retained history
  // set a small one in their constructor.
  uint64_t checkpoint_interval_ = 1024;
  // The ledger's checkpoint origin; tests with two nodes give each its own.
  std::string origin_ = "policy.test/log";
  sharetrail::testing::TempDir dir_;
  std::atomic<int64_t> micros_{0};
  std::shared_ptr<Engine> engine_;
  std::unique_ptr<Ledger> ledger_;
};

}  // namespace sharetrail::policy::testing

#endif  // SHARETRAIL_TESTS_POLICIES_POLICY_FIXTURE_H_
