// SPDX-License-Identifier: Apache-2.0
#pragma once
// Fails a session whose peer has gone quiet: the session touch()es the
// watchdog whenever bytes move; if none move for the whole timeout while the
// watchdog is armed, `on_idle` runs once. Waiting on purpose (for the
// receiving user's answer) is done disarmed. Engine thread only.
#include <chrono>
#include <functional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace ferry {

class IdleWatchdog {
 public:
  using Clock = std::chrono::steady_clock;

  explicit IdleWatchdog(const boost::asio::any_io_executor& executor) : timer_(executor) {}

  // Arms the watchdog (again), counting from now. The handler must not
  // outlive what it refers to: sessions pass one holding shared_from_this().
  void arm(std::chrono::milliseconds timeout, std::function<void()> on_idle) {
    timeout_ = timeout;
    on_idle_ = std::move(on_idle);
    touch();
    armed_ = true;
    wait_until(last_ + timeout_);
  }

  void disarm() {
    armed_ = false;
    on_idle_ = nullptr;  // drops the session it may hold
    timer_.cancel();
  }

  void touch() { last_ = Clock::now(); }

 private:
  void wait_until(Clock::time_point deadline) {
    timer_.expires_at(deadline);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (ec || !armed_) return;
      if (Clock::now() - last_ < timeout_) return wait_until(last_ + timeout_);
      armed_ = false;
      auto on_idle = std::move(on_idle_);
      on_idle_ = nullptr;
      if (on_idle) on_idle();
    });
  }

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds timeout_{0};
  std::function<void()> on_idle_;
  Clock::time_point last_{};
  bool armed_ = false;
};

}  // namespace ferry
