// SPDX-License-Identifier: Apache-2.0
#pragma once
// Joins the engine's notify hook to a command's event loop: the hook (engine
// thread) only sets a flag and wakes the loop; the loop (main thread) waits
// with a timeout so it can also redraw progress and notice stop signals.
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace ferry::cli {

inline constexpr std::chrono::milliseconds kEventLoopTick{100};

class EngineWakeup {
 public:
  void notify();
  // Returns when notified (now or since the last wait) or after `timeout`.
  void wait(std::chrono::milliseconds timeout);

 private:
  std::mutex mutex_;
  std::condition_variable condition_;
  bool pending_ = false;
};

}  // namespace ferry::cli
