// Slow clients (issue 11 "Hostile users"): a client that sends its request
// slowly, or never finishes it, is disconnected after sharetraild's
// --request-timeout-ms instead of holding a request thread, and the server
// answers everyone else meanwhile. Waits are bounded; nothing here times
// the server's speed.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Waits up to `limit` for the server to close fd; true if it did (EOF or
// reset), reading and dropping anything it sent first.
bool ClosedWithin(int fd, std::chrono::milliseconds limit) {
  const auto until = Clock::now() + limit;
  char buf[4096];
  while (Clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    int ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count());
    if (poll(&p, 1, std::max(ms, 1)) <= 0) continue;
    if (recv(fd, buf, sizeof buf, 0) <= 0) return true;
  }
  return false;
}

class SlowClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<Server>(
        std::vector<Account>{},
        std::vector<std::string>{"--request-timeout-ms", "1000", "--threads", "4"});
    server_->Start();
  }
  std::unique_ptr<Server> server_;
};

// Half a request and nothing more, from as many connections as the server
// has request threads: each is dropped, and a well-behaved client is
// answered (at the latest once they are).
TEST_F(SlowClientTest, AnUnfinishedRequestIsDisconnected) {
  std::vector<int> stalled;
  for (int i = 0; i < 4; ++i) {
    int fd = ConnectLoopback(server_->port());
    ASSERT_GE(fd, 0);
    const char half[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    ASSERT_GT(send(fd, half, sizeof half - 1, MSG_NOSIGNAL), 0);
    stalled.push_back(fd);
  }
  EXPECT_EQ(server_->Get("/healthz").status, 200);
  for (int fd : stalled) {
    EXPECT_TRUE(ClosedWithin(fd, std::chrono::seconds(15))) << "a stalled client kept its thread";
    close(fd);
  }
  EXPECT_EQ(server_->Get("/healthz").status, 200);
}

// A body announced and never sent is the same.
TEST_F(SlowClientTest, AnUnsentBodyIsDisconnected) {
  int fd = ConnectLoopback(server_->port());
  ASSERT_GE(fd, 0);
  const char head[] =
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"user\":";
  ASSERT_GT(send(fd, head, sizeof head - 1, MSG_NOSIGNAL), 0);
  EXPECT_TRUE(ClosedWithin(fd, std::chrono::seconds(15)));
  close(fd);
  EXPECT_EQ(server_->Get("/healthz").status, 200);
}

// Headers sent a byte at a time, each within the timeout, still end: the
// bound is on the whole request, not on each read.
TEST_F(SlowClientTest, ATricklingRequestIsDisconnected) {
  int fd = ConnectLoopback(server_->port());
  ASSERT_GE(fd, 0);
  const std::string req =
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + std::string(200, 'a') +
      "\r\n\r\n";
  bool closed = false;
  const auto until = Clock::now() + std::chrono::seconds(15);
  for (size_t i = 0; i < req.size() && !closed && Clock::now() < until; ++i) {
    if (send(fd, &req[i], 1, MSG_NOSIGNAL) <= 0) closed = true;
    if (!closed) closed = ClosedWithin(fd, std::chrono::milliseconds(300));
  }
  EXPECT_TRUE(closed) << "a request trickled in over " << req.size() * 300 / 1000
                      << " s was served in full";
  close(fd);
}

}  // namespace
}  // namespace sharetrail::testing
