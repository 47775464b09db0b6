#include "ledger/completion.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sharetrail {

void Completion::Wait() {
  while (done_.load(std::memory_order_acquire) == 0) {
    syscall(SYS_futex, &done_, FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
  }
}

void Completion::Signal() {
  done_.store(1, std::memory_order_release);
  syscall(SYS_futex, &done_, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace sharetrail
