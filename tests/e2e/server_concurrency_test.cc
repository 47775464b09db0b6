// Concurrent writers over HTTP: 8 clients x 50 events on keep-alive-less
// connections at once. Every event gets its own seq, nothing is lost, and
// after a clean SIGTERM `sharetrail verify` finds the ledger intact.
#include <boost/json/parse.hpp>
#include <set>
#include <thread>

#include "tests/e2e/server_support.h"

namespace sharetrail::testing {
namespace {

TEST(ServerConcurrencyTest, EightWritersNothingLostVerifyClean) {
  constexpr int kThreads = 8, kEach = 50;
  Server server({{"writer", "ofsted", "information-governance", "ig_officer"}});
  std::string token = server.Cli("user token issue writer --as admin");
  token = token.substr(token.find("token: ") + 7);
  token = token.substr(0, token.find('\n'));
  server.Start();
  std::string cp = server.Get("/checkpoint").body;
  uint64_t before = std::stoull(cp.substr(cp.find('\n') + 1));

  std::vector<std::vector<int64_t>> seqs(kThreads);
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string item = "c-" + std::to_string(t) + "-" + std::to_string(i);
        HttpResult r = Http(server.port(), "POST", "/api/v1/events", ItemEvent(item, "ofsted"),
                            {{"Authorization", "Bearer " + token}});
        if (r.status != 201) {
          ++failures[t];
          continue;
        }
        seqs[t].push_back(r.Json().at("seq").to_number<int64_t>());
      }
    });
  }
  for (auto& th : threads) th.join();

  std::set<int64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[t], 0) << "thread " << t;
    all.insert(seqs[t].begin(), seqs[t].end());
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach)) << "every event its own seq";
  cp = server.Get("/checkpoint").body;
  EXPECT_EQ(std::stoull(cp.substr(cp.find('\n') + 1)), before + kThreads * kEach);

  int status = server.Stop();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "clean shutdown on SIGTERM";
  std::string out = server.Cli("verify");
  EXPECT_EQ(out.rfind("ok: ", 0), 0u) << out;
  // Each answer was durable: the entries are there after the restart.
  for (int64_t seq : {*all.begin(), *all.rbegin()}) {
    auto e = boost::json::parse(server.Cli("show --seq " + std::to_string(seq) + " --canonical"));
    EXPECT_EQ(e.at("type"), "item.registered");
  }
}

}  // namespace
}  // namespace sharetrail::testing
