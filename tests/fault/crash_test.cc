// SIGKILL of the real sharetraild at random moments while concurrent
// clients append over HTTP. A client counts an entry acknowledged only when
// the 201 answer (with its seq) has arrived. After each kill and restart:
// every acknowledged entry is at its seq with its item; every entry past
// the previous round's end is one a client sent (nothing half-written or
// foreign); verify passes (chain, tree, every checkpoint).
//
// Rounds: SHARETRAIL_CRASH_ROUNDS (default 5, the scripts/test version);
// scripts/crash-long runs 200. The in-process version (threads in a forked
// child, killed mid-commit) is tests/ledger/crash_test.cc.
#include <cstdlib>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "ledger/ledger.h"
#include "tests/fault/fault_support.h"

namespace sharetrail::testing {
namespace {

int Rounds() {
  const char* env = std::getenv("SHARETRAIL_CRASH_ROUNDS");
  return env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 5;
}

struct Acks {
  std::mutex mu;
  std::map<uint64_t, std::string> by_seq;  // seq -> item
  std::set<std::string> sent;              // every item a client tried
};

TEST(CrashTest, SigkilledServerKeepsEveryAcknowledgedEntry) {
  constexpr int kWriters = 4;
  Server server({{"writer", "ofsted", "information-governance", "ig_officer"}});
  std::string token = IssueToken(server, "writer");
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  Acks acks;
  LedgerOptions ro;
  ro.read_only = true;
  uint64_t size_before = 0;  // the setup's entries (parties, agreements, users) come first
  {
    auto l = Ledger::Open(server.dir(), ro);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    size_before = *(*l)->Size();
  }
  const int rounds = Rounds();
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    server.Start();
    const int port = server.port();
    std::atomic<bool> stop{false};
    std::atomic<int> round_acks{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < kWriters; ++t) {
      writers.emplace_back([&, t] {
        for (int i = 0; !stop; ++i) {
          std::string item =
              "k-" + std::to_string(round) + "-" + std::to_string(t) + "-" + std::to_string(i);
          {
            std::lock_guard<std::mutex> lock(acks.mu);
            acks.sent.insert(item);
          }
          int64_t seq = PostItem(port, token, item);
          if (seq < 0) continue;  // refused or cut off by the kill: not acknowledged
          std::lock_guard<std::mutex> lock(acks.mu);
          acks.by_seq[static_cast<uint64_t>(seq)] = item;
          ++round_acks;
        }
      });
    }
    // Kill at a random moment once a random number of entries is durable.
    const int want = std::uniform_int_distribution<int>(1, 60)(rng);
    for (int i = 0; i < 12000 && round_acks < want; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(rng)));
    int status = server.Kill();
    stop = true;
    for (auto& w : writers) w.join();
    ASSERT_TRUE(WIFSIGNALED(status)) << "sharetraild ended before the kill";
    ASSERT_GE(round_acks.load(), want) << "writers stalled";

    {
      auto l = Ledger::Open(server.dir(), ro);
      ASSERT_TRUE(l.ok()) << l.status().ToString();
      uint64_t size = *(*l)->Size();
      for (const auto& [seq, item] : acks.by_seq) {
        auto bytes = (*l)->EntryBytes(seq);
        ASSERT_TRUE(bytes.ok()) << "acknowledged seq " << seq << " lost";
        ASSERT_NE(bytes->find("\"item\":\"" + item + "\""), std::string::npos)
            << "seq " << seq << " is not " << item;
      }
      for (uint64_t seq = size_before; seq < size; ++seq) {
        std::string bytes = *(*l)->EntryBytes(seq);
        size_t at = bytes.find("\"item\":\"k-");
        ASSERT_NE(at, std::string::npos) << "seq " << seq << ": " << bytes;
        std::string item = bytes.substr(at + 8, bytes.find('"', at + 8) - at - 8);
        ASSERT_TRUE(acks.sent.count(item)) << "seq " << seq << " holds " << item;
      }
      size_before = size;
    }
    CliRun v = Sharetrail(TempDir(), "--ledger " + server.dir() + " verify");
    ASSERT_EQ(v.code, 0) << v.out << v.err;
  }
  EXPECT_GT(acks.by_seq.size(), static_cast<size_t>(rounds));
}

}  // namespace
}  // namespace sharetrail::testing
