// A one-shot completion: one thread waits until another signals it.
//
// Used where many threads each wait for their own piece of work (the
// ledger's appends, the API's handler hand-off). The waiter sleeps on a
// futex word of its own, so a signal wakes exactly it, with one syscall and
// no mutex to fight over on waking. Not a condition variable: notifying
// under its mutex makes every woken waiter block again on that mutex. Not
// std::binary_semaphore: libstdc++ 12 spins with sched_yield before
// sleeping, which with 64 waiters on 2 cores costs more CPU than the work.
//
// Invariant: Signal is called once. The waiter may destroy the object as
// soon as Wait returns, possibly before Signal's wake-up syscall runs; a
// wake on a stale address is harmless (futex waiters tolerate spurious
// wakes), so Signal touches nothing of the object after setting the flag
// but its address.
#ifndef SHARETRAIL_LEDGER_COMPLETION_H_
#define SHARETRAIL_LEDGER_COMPLETION_H_

#include <atomic>
#include <cstdint>

namespace sharetrail {

class Completion {
 public:
  void Wait();
  void Signal();

 private:
  std::atomic<uint32_t> done_{0};
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_COMPLETION_H_
