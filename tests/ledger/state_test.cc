// The state-machine hook: decisions against state that includes earlier
// entries of the same commit, malformed proposals appending nothing, state
// written with its entries, reindex, and verify comparing derived state.
#include "ledger/state.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ledger/ledger.h"
#include "ledger/verify.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::TempDir;

// Counts entries per type. Proposals with body.bad are malformed; those
// with body.refuse are appended as type "refused". The outcome is the number
// of entries of the proposal's type before it.
class Counter : public StateMachine {
 public:
  explicit Counter(std::string name = "counter/1") : name_(std::move(name)) {}
  std::string Name() const override { return name_; }
  Status Decide(const StateView& state, const Slot& slot, Event* event,
                std::string* outcome) const override {
    if (event->body.contains("bad")) return InvalidArgument("body.bad: not allowed");
    ST_ASSIGN_OR_RETURN(auto n, state.Get("count/" + event->type));
    *outcome = n ? std::string(*n) : "0";
    if (event->body.contains("refuse")) {
      event->body = {{"attempt", event->type}, {"seq", slot.seq}};
      event->type = "refused";
    }
    return Status::Ok();
  }
  Status Apply(const Entry& entry, StateWriter* state) const override {
    std::string key = "count/" + entry.event.type;
    ST_ASSIGN_OR_RETURN(auto n, state->Get(key));
    int next = (n ? std::stoi(std::string(*n)) : 0) + 1;
    return state->Put(key, std::to_string(next));
  }

 private:
  std::string name_;
};

Event Ev(const std::string& type, boost::json::object body = {}) {
  return Event{{{"user", "u1"}}, type, std::move(body)};
}

std::unique_ptr<Ledger> OpenWith(const std::string& dir, std::shared_ptr<StateMachine> m,
                                 bool reindex = false) {
  LedgerOptions o;
  o.state_machine = std::move(m);
  o.reindex = reindex;
  auto l = Ledger::Open(dir, o);
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  return l.ok() ? std::move(l).value() : nullptr;
}

std::string Count(const Ledger& l, const std::string& type) {
  auto snap = l.Read();
  auto v = (*snap)->Get("count/" + type);
  return v.ok() && *v ? std::string(**v) : "";
}

class StateTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Ledger::Init(dir_.path(), "state.test/log").ok()); }
  TempDir dir_;
};

TEST_F(StateTest, DecisionsSeeEarlierEntriesOfTheSameCommit) {
  auto l = OpenWith(dir_.path(), std::make_shared<Counter>());
  auto results = l->AppendAll({Ev("share"), Ev("share"), Ev("access"), Ev("share")});
  ASSERT_TRUE(results.ok());
  std::vector<std::string> outcomes;
  for (auto& r : *results) outcomes.push_back(r->outcome);
  EXPECT_EQ(outcomes, (std::vector<std::string>{"0", "1", "0", "2"}));
  EXPECT_EQ(Count(*l, "share"), "3");
  EXPECT_EQ(Count(*l, "access"), "1");
}

TEST_F(StateTest, MalformedProposalInAGroupAppendsNoneOfTheGroup) {
  auto l = OpenWith(dir_.path(), std::make_shared<Counter>());
  ASSERT_TRUE(l->Append(Ev("access")).ok());
  auto results = l->AppendAll({Ev("share"), Ev("share", {{"bad", true}}), Ev("share")});
  ASSERT_TRUE(results.ok());
  for (auto& r : *results) {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("event 1: body.bad"), std::string::npos)
        << r.status().message();
  }
  EXPECT_EQ(*l->Size(), 1u);
  EXPECT_EQ(Count(*l, "share"), "");  // the first share's state was undone too
  auto next = l->Append(Ev("share"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, 1u);
  EXPECT_EQ(next->outcome, "0");
}

TEST_F(StateTest, MalformedSingleProposalSparesTheOthersInItsCommit) {
  auto l = OpenWith(dir_.path(), std::make_shared<Counter>());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, bad{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = l->Append(i % 2 ? Ev("share", {{"bad", true}}) : Ev("share"));
      (r.ok() ? ok : bad)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(bad.load(), 4);
  EXPECT_EQ(*l->Size(), 4u);
  EXPECT_EQ(Count(*l, "share"), "4");
}

TEST_F(StateTest, RefusalIsRewrittenAndRecorded) {
  auto l = OpenWith(dir_.path(), std::make_shared<Counter>());
  auto r = l->Append(Ev("share", {{"refuse", true}}));
  ASSERT_TRUE(r.ok());
  auto bytes = l->EntryBytes(r->seq);
  EXPECT_NE(bytes->find(R"("type":"refused")"), std::string::npos) << *bytes;
  EXPECT_EQ(Count(*l, "refused"), "1");
  EXPECT_EQ(Count(*l, "share"), "");
}

TEST_F(StateTest, AnotherMachineNeedsReindexAndWritersNeedTheMachine) {
  {
    auto l = OpenWith(dir_.path(), std::make_shared<Counter>());
    ASSERT_TRUE(l->Append(Ev("share")).ok());
  }
  LedgerOptions o;
  o.state_machine = std::make_shared<Counter>("counter/2");
  auto refused = Ledger::Open(dir_.path(), o);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("reindex"), std::string::npos);
  auto bare = Ledger::Open(dir_.path(), {});
  ASSERT_FALSE(bare.ok());
  EXPECT_NE(bare.status().message().find("counter/1"), std::string::npos);
  LedgerOptions ro;
  ro.read_only = true;
  EXPECT_TRUE(Ledger::Open(dir_.path(), ro).ok());  // proofs need no machine

  auto l = OpenWith(dir_.path(), std::make_shared<Counter>("counter/2"), /*reindex=*/true);
  EXPECT_EQ(Count(*l, "share"), "1");
  ASSERT_TRUE(l->Append(Ev("share")).ok());
  EXPECT_EQ(Count(*l, "share"), "2");
}

TEST_F(StateTest, VerifyRebuildsStateAndNamesTheEntryBehindABadRecord) {
  auto machine = std::make_shared<Counter>();
  {
    auto l = OpenWith(dir_.path(), machine);
    ASSERT_TRUE(l->AppendAll({Ev("share"), Ev("access"), Ev("share")}).ok());
    auto report = Verify(*l, {});
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok) << report->problem;
    EXPECT_EQ(report->state_records, 2u);
  }
  {
    auto store = Store::Open(dir_.path(), {});
    auto txn = (*store)->BeginWrite();
    ASSERT_TRUE((*txn)->Put(Table::kState, "count/share", "7", false).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  auto l = OpenWith(dir_.path(), machine);
  auto report = Verify(*l, {});
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->bad_seq, 2u);  // the last entry that wrote count/share
  EXPECT_NE(report->problem.find("count/share"), std::string::npos) << report->problem;
}

TEST(MemoryStateTest, ScanHonoursPrefixAndStart) {
  MemoryState s;
  for (const char* k : {"a/1", "a/2", "a/3", "b/1"}) ASSERT_TRUE(s.Put(k, "v").ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(s.Scan("a/", "a/2", [&](std::string_view k, std::string_view) {
                 seen.emplace_back(k);
                 return true;
               }).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a/2", "a/3"}));
}

}  // namespace
}  // namespace sharetrail
