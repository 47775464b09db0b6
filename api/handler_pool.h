// Threads of our own, with full-size stacks, that run request handlers.
//
// Debian's CivetWeb 1.15 starts its workers with a fixed 100 KiB stack
// (pthread_attr_setstacksize(102400) in the library), too small for the
// rule engine and the queries under AddressSanitizer and too close for
// comfort without it. Each CivetWeb worker hands its request to this pool
// and waits for the answer, so no handler runs on a CivetWeb stack.
//
// Invariants:
//   - each pool thread has a kStackBytes stack;
//   - Run returns only after fn has finished (fn may touch the caller's
//     locals); with as many pool threads as CivetWeb workers, a request
//     never waits behind another for a thread;
//   - the destructor finishes every queued call before joining.
#ifndef SHARETRAIL_API_HANDLER_POOL_H_
#define SHARETRAIL_API_HANDLER_POOL_H_

#include <pthread.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "ledger/completion.h"

namespace sharetrail::api {

class HandlerPool {
 public:
  static constexpr size_t kStackBytes = size_t{8} << 20;

  explicit HandlerPool(int threads);
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  void Run(const std::function<void()>& fn);
  // Threads actually started (pthread_create can fail under pressure; Run
  // then calls fn on the caller's own thread).
  size_t size() const { return threads_.size(); }

 private:
  // Lives on Run's stack. Its caller waits on a completion of its own,
  // signalled without the pool's mutex: a condition variable notified
  // under that mutex woke each caller into a lock the pool thread still
  // held (a tenth of sharetraild's samples at 64 POST connections).
  struct Task {
    const std::function<void()>* fn = nullptr;
    Completion done;
  };
  static void* Main(void* self);

  std::mutex mu_;
  std::condition_variable work_;
  std::deque<Task*> queue_;
  bool stopping_ = false;
  std::vector<pthread_t> threads_;
};

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_HANDLER_POOL_H_
