#include "ledger/ledger.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <set>
#include <thread>

#include "ledger/base64.h"
#include "ledger/verify.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::ShareEvent;
using testing::TempDir;

std::unique_ptr<Ledger> MustOpen(const std::string& dir, LedgerOptions o = {}) {
  auto l = Ledger::Open(dir, o);
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  return l.ok() ? std::move(l).value() : nullptr;
}

Checkpoint MustOpenCheckpoint(const Ledger& l, const std::string& note) {
  auto opened = OpenNote(note, {l.verifier()});
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  auto cp = Checkpoint::Parse(opened->text);
  EXPECT_TRUE(cp.ok());
  return *cp;
}

TEST(Ledger, InitCreatesKeyWithMode0600AndEmptyCheckpoint) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "test.example/log").ok());
  struct stat st;
  ASSERT_EQ(stat((dir + "/signing.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_FALSE(Ledger::Init(dir, "test.example/log").ok()) << "second init must refuse";
  auto l = MustOpen(dir);
  auto cp = MustOpenCheckpoint(*l, *l->SignedCheckpoint());
  EXPECT_EQ(cp.origin, "test.example/log");
  EXPECT_EQ(cp.size, 0u);
  EXPECT_EQ(cp.root, EmptyTreeHash());
}

TEST(Ledger, InitCreatesMissingParentsAndKeepsOthersOut) {
  TempDir tmp;
  std::string dir = tmp.Sub("a/b/ledger");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  struct stat st;
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700);
}

TEST(Ledger, RejectsBadOrigins) {
  TempDir tmp;
  EXPECT_FALSE(Ledger::Init(tmp.Sub("a"), "").ok());
  EXPECT_FALSE(Ledger::Init(tmp.Sub("b"), "has space").ok());
  EXPECT_FALSE(Ledger::Init(tmp.Sub("c"), "a+b").ok());
}

TEST(Ledger, RefusesKeyReadableByOthers) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  chmod((dir + "/signing.key").c_str(), 0644);
  auto l = Ledger::Open(dir);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), Code::kPermissionDenied);
}

TEST(Ledger, OneWriterProcessAtATime) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  auto a = MustOpen(dir);
  auto b = Ledger::Open(dir);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("another process"), std::string::npos);
  LedgerOptions ro;
  ro.read_only = true;
  EXPECT_TRUE(Ledger::Open(dir, ro).ok()) << "readers are always welcome";
}

TEST(Ledger, AppendsChainAndProve) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  auto l = MustOpen(dir);
  std::vector<AppendResult> acks;
  for (int i = 0; i < 40; ++i) {
    auto r = l->Append(ShareEvent(i));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->seq, static_cast<uint64_t>(i));
    EXPECT_EQ(r->tree_size, static_cast<uint64_t>(i + 1));
    auto cp = MustOpenCheckpoint(*l, r->checkpoint);
    EXPECT_EQ(cp.size, r->tree_size);
    acks.push_back(*r);
  }
  for (uint64_t i = 0; i < 40; ++i) {
    auto bytes = l->EntryBytes(i);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(LeafHash(*bytes), acks[i].leaf_hash);
    auto tail = ReadEntryTail(*bytes);
    ASSERT_TRUE(tail.ok());
    EXPECT_EQ(tail->prev, i == 0 ? Hash{} : acks[i - 1].leaf_hash);
    // Proof against the checkpoint returned with the ack, and against the latest.
    for (uint64_t size : {acks[i].tree_size, uint64_t{40}}) {
      auto proof = l->ProveInclusion(i, size);
      ASSERT_TRUE(proof.ok());
      auto cp = MustOpenCheckpoint(*l, *l->SignedCheckpoint(size));
      EXPECT_TRUE(proof->Verify(cp.root).ok()) << i << "@" << size;
    }
  }
  for (uint64_t m = 1; m <= 40; m += 3) {
    auto proof = l->ProveConsistency(m, 40);
    ASSERT_TRUE(proof.ok());
    EXPECT_TRUE(proof->Verify(*l->Root(m), *l->Root(40)).ok());
  }
  EXPECT_FALSE(l->ProveInclusion(40, std::nullopt).ok());
  EXPECT_FALSE(l->ProveInclusion(3, 41).ok());
  EXPECT_FALSE(l->ProveConsistency(0, 4).ok());
  EXPECT_FALSE(l->ProveConsistency(5, 4).ok());
  EXPECT_EQ(l->EntryBytes(99).status().code(), Code::kNotFound);
}

TEST(Ledger, ReopenContinuesTheChainAndTimeNeverRunsBackwards) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  int64_t now = 2000000000000000;
  LedgerOptions o;
  o.clock = [&] { return now; };
  Hash last;
  {
    auto l = MustOpen(dir, o);
    for (int i = 0; i < 5; ++i) last = l->Append(ShareEvent(i))->leaf_hash;
  }
  now -= 3600000000;  // the clock steps back an hour
  auto l = MustOpen(dir, o);
  auto r = l->Append(ShareEvent(5));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->seq, 5u);
  EXPECT_EQ(r->time, FormatTime(2000000000000000));
  auto tail = ReadEntryTail(*l->EntryBytes(5));
  EXPECT_EQ(tail->prev, last);
  auto v = Verify(*l, {});
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
}

TEST(Ledger, ConcurrentAppendsAreGroupCommittedAndAllDurable) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  auto l = MustOpen(dir);
  constexpr int kThreads = 8, kEach = 200;
  std::vector<std::vector<AppendResult>> acks(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = l->Append(ShareEvent(t * kEach + i));
        if (r.ok()) acks[t].push_back(*r);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<uint64_t> seqs, commit_sizes;
  for (auto& v : acks) {
    ASSERT_EQ(v.size(), static_cast<size_t>(kEach));
    for (auto& a : v) {
      seqs.insert(a.seq);
      commit_sizes.insert(a.tree_size);
      EXPECT_EQ(LeafHash(*l->EntryBytes(a.seq)), a.leaf_hash);
    }
  }
  EXPECT_EQ(seqs.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*seqs.rbegin(), static_cast<uint64_t>(kThreads * kEach - 1));
  EXPECT_LT(commit_sizes.size(), static_cast<size_t>(kThreads * kEach))
      << "some commits must have carried several entries";
  // Every commit acknowledged someone, at its own tree size.
  WriterStats stats = l->writer_stats();
  EXPECT_EQ(stats.commits, commit_sizes.size());
  EXPECT_EQ(stats.requests, static_cast<uint64_t>(kThreads * kEach));
  EXPECT_GT(stats.build_seconds, 0);
  EXPECT_GT(stats.commit_seconds, 0);
  auto v = Verify(*l, {});
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
}

TEST(Ledger, AppendAllIsAllOrNothingOnInvalidInput) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  auto l = MustOpen(dir);
  std::vector<Event> events = {ShareEvent(0), ShareEvent(1), ShareEvent(2)};
  events[2].type = "Bad Type";
  auto r = l->AppendAll(events);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("event 2"), std::string::npos);
  EXPECT_EQ(*l->Size(), 0u);
  events[2].type = "share";
  r = l->AppendAll(events);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[2]->seq, 2u);
}

TEST(Ledger, RetainsCheckpointsAtTheIntervalAndResignsOthersIdentically) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  LedgerOptions o;
  o.checkpoint_interval = 10;
  auto l = MustOpen(dir, o);
  std::vector<std::string> issued;
  for (int i = 0; i < 35; ++i) issued.push_back(l->Append(ShareEvent(i))->checkpoint);
  for (uint64_t size = 1; size <= 35; ++size) {
    EXPECT_EQ(*l->SignedCheckpoint(size), issued[size - 1]) << size;
  }
  auto txn = l->store().BeginRead();
  EXPECT_EQ(*(*txn)->Count(Table::kCheckpoints), 4u);  // sizes 0, 10, 20, 30
}

TEST(Ledger, FailedCommitStopsWritesUntilReopened) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "o").ok());
  LedgerOptions small;
  small.map_size = 1 << 20;  // 1 MiB: fills after a few hundred entries
  uint64_t acked = 0;
  {
    auto l = MustOpen(dir, small);
    Status failure;
    for (int i = 0; i < 5000; ++i) {
      auto r = l->Append(ShareEvent(i));
      if (!r.ok()) {
        failure = r.status();
        break;
      }
      acked = r->seq + 1;
    }
    ASSERT_FALSE(failure.ok()) << "the map must fill";
    EXPECT_NE(failure.message().find("map size"), std::string::npos) << failure.message();
    auto again = l->Append(ShareEvent(1));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().code(), Code::kUnavailable);
  }
  auto l = MustOpen(dir);  // default, larger map
  EXPECT_EQ(*l->Size(), acked);
  auto r = l->Append(ShareEvent(acked));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->seq, acked);
  auto v = Verify(*l, {});
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
}

}  // namespace
}  // namespace sharetrail
