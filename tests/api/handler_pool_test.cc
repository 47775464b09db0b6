// The hand-off between a CivetWeb worker and a pool thread
// (api/handler_pool.h): Run returns only after fn has finished, on a pool
// thread with a full-size stack, however many callers race for few threads.
#include "api/handler_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace sharetrail::api {
namespace {

TEST(HandlerPoolTest, RunReturnsOnlyOnceItsCallHasFinished) {
  HandlerPool pool(3);
  ASSERT_EQ(pool.size(), 3u);
  std::atomic<int> calls{0};
  std::atomic<int> early{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 16; ++c) {
    callers.emplace_back([&, c] {
      for (int i = 0; i < 300; ++i) {
        int mine = -1;  // a caller's local, written by the pool thread
        const std::thread::id me = std::this_thread::get_id();
        bool on_caller = false;
        pool.Run([&] {
          on_caller = std::this_thread::get_id() == me;
          if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          mine = c * 1000 + i;
          calls.fetch_add(1);
        });
        if (mine != c * 1000 + i || on_caller) early.fetch_add(1);
      }
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(calls.load(), 16 * 300);
  EXPECT_EQ(early.load(), 0) << "Run returned before its call had written the caller's local";
}

TEST(HandlerPoolTest, CallsRunOnThePoolsOwnThreads) {
  HandlerPool pool(2);
  std::thread::id caller = std::this_thread::get_id(), ran;
  pool.Run([&] { ran = std::this_thread::get_id(); });
  EXPECT_NE(ran, caller);
  HandlerPool none(0);  // no threads: the caller runs it
  none.Run([&] { ran = std::this_thread::get_id(); });
  EXPECT_EQ(ran, caller);
}

}  // namespace
}  // namespace sharetrail::api
