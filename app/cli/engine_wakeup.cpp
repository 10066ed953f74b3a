// SPDX-License-Identifier: Apache-2.0
#include "engine_wakeup.hpp"

namespace ferry::cli {

void EngineWakeup::notify() {
  {
    const std::lock_guard lock(mutex_);
    pending_ = true;
  }
  condition_.notify_one();
}

void EngineWakeup::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  condition_.wait_for(lock, timeout, [this] { return pending_; });
  pending_ = false;
}

}  // namespace ferry::cli
