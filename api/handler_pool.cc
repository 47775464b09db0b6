#include "api/handler_pool.h"

namespace sharetrail::api {

HandlerPool::HandlerPool(int threads) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kStackBytes);
  for (int i = 0; i < threads; ++i) {
    pthread_t t;
    if (pthread_create(&t, &attr, &HandlerPool::Main, this) != 0) break;
    threads_.push_back(t);
  }
  pthread_attr_destroy(&attr);
}

HandlerPool::~HandlerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  for (pthread_t t : threads_) pthread_join(t, nullptr);
}

void HandlerPool::Run(const std::function<void()>& fn) {
  if (threads_.empty()) {
    fn();
    return;
  }
  Task task;
  task.fn = &fn;
  {
    std::lock_guard lock(mu_);
    queue_.push_back(&task);
  }
  work_.notify_one();  // outside the lock, so the woken thread can take it
  task.done.Wait();
}

void* HandlerPool::Main(void* self) {
  auto* pool = static_cast<HandlerPool*>(self);
  std::unique_lock lock(pool->mu_);
  for (;;) {
    pool->work_.wait(lock, [&] { return pool->stopping_ || !pool->queue_.empty(); });
    if (pool->queue_.empty()) return nullptr;  // stopping, and nothing left
    Task* task = pool->queue_.front();
    pool->queue_.pop_front();
    lock.unlock();
    (*task->fn)();
    task->done.Signal();  // Run may return, and its Task be gone, at once
    lock.lock();
  }
}

}  // namespace sharetrail::api
