// Durability under SIGKILL: a child process appends from 8 threads and
// reports each acknowledged entry over a pipe; the parent kills it mid-run,
// reopens the ledger and checks every acknowledged entry is there, intact,
// and that verify passes (so no half-written commit is visible).
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "ledger/ledger.h"
#include "ledger/verify.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::ShareEvent;
using testing::TempDir;

[[noreturn]] void ChildAppend(const std::string& dir, int fd, uint64_t base) {
  auto l = Ledger::Open(dir);
  if (!l.ok()) _exit(3);
  std::atomic<uint64_t> next{base};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        auto r = (*l)->Append(ShareEvent(next++));
        if (!r.ok()) _exit(4);
        std::string line = std::to_string(r->seq) + " " + HashHex(r->leaf_hash) + "\n";
        // Short lines are written atomically to a pipe (< PIPE_BUF).
        if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
      }
    });
  }
  for (auto& t : threads) t.join();
  _exit(0);
}

// Runs one child until it has acknowledged at least `min_acks` entries (or a
// random extra delay passes), kills it, and returns every ack it reported.
std::map<uint64_t, std::string> RunAndKill(const std::string& dir, uint64_t base, int min_acks,
                                           int extra_ms) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    ChildAppend(dir, fds[1], base);
  }
  close(fds[1]);
  std::map<uint64_t, std::string> acks;
  std::string buf;
  bool killed = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::chrono::steady_clock::time_point kill_at{};
  for (;;) {
    if (!killed && static_cast<int>(acks.size()) >= min_acks && kill_at == decltype(kill_at){}) {
      kill_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(extra_ms);
    }
    auto now = std::chrono::steady_clock::now();
    if (!killed && ((kill_at != decltype(kill_at){} && now >= kill_at) || now >= deadline)) {
      kill(pid, SIGKILL);
      killed = true;
    }
    pollfd p{fds[0], POLLIN, 0};
    poll(&p, 1, 5);
    if (!(p.revents & (POLLIN | POLLHUP))) continue;
    char chunk[4096];
    ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n <= 0) break;  // EOF: the child is gone
    buf.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buf.find('\n')) != std::string::npos) {
      std::istringstream line(buf.substr(0, nl));
      buf.erase(0, nl + 1);
      uint64_t seq;
      std::string hex;
      line >> seq >> hex;
      acks[seq] = hex;
    }
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "child ended otherwise, status " << status;
  return acks;
}

TEST(Crash, AcknowledgedEntriesSurviveSigkill) {
  TempDir tmp;
  std::string dir = tmp.Sub("l");
  ASSERT_TRUE(Ledger::Init(dir, "crash.test/log").ok());
  std::map<uint64_t, std::string> all;
  // SHARETRAIL_CRASH_ROUNDS: 4 by default; scripts/crash-long asks for 200.
  const char* env = std::getenv("SHARETRAIL_CRASH_ROUNDS");
  const int rounds = env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 4;
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  for (int round = 0; round < rounds; ++round) {
    // The kill lands after a random number of acks plus a random delay, so
    // over many rounds it hits every phase of a commit.
    int min_acks = std::uniform_int_distribution<int>(200, 600)(rng);
    int extra_ms = std::uniform_int_distribution<int>(0, 20)(rng);
    auto acks = RunAndKill(dir, uint64_t(round) << 32, min_acks, extra_ms);
    ASSERT_GE(acks.size(), 200u);
    all.insert(acks.begin(), acks.end());
    auto l = Ledger::Open(dir);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    uint64_t size = *(*l)->Size();
    for (const auto& [seq, hex] : all) {
      ASSERT_LT(seq, size) << "acknowledged seq " << seq << " lost in round " << round;
      auto bytes = (*l)->EntryBytes(seq);
      ASSERT_TRUE(bytes.ok());
      ASSERT_EQ(HashHex(LeafHash(*bytes)), hex) << "seq " << seq;
    }
    auto v = Verify(**l, {});
    ASSERT_TRUE(v.ok());
    ASSERT_TRUE(v->ok) << "round " << round << ": " << v->problem;
  }
}

}  // namespace
}  // namespace sharetrail
