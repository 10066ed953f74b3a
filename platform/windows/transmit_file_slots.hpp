// SPDX-License-Identifier: Apache-2.0
#pragma once
// Client editions of Windows run only two TransmitFile calls at once per
// machine and queue the rest inside the kernel; server editions have no such
// limit. Ferry keeps at most two in flight per process on every edition, so
// its own order decides who goes next: a third caller waits here, in FIFO
// order, holding no kernel resources, and starts (on its own executor) as
// soon as one of the two calls in flight completes. Used from every engine
// thread of the process, so it locks.
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include <boost/asio/any_io_executor.hpp>

namespace ferry::platform::windows_impl {

class TransmitFileSlots {
 public:
  static constexpr int kSlots = 2;

  // The process-wide instance.
  static TransmitFileSlots& instance();

  // Runs `start` through `executor` once a slot is free; `start` owns the
  // slot and must release() it when its TransmitFile completes. If `owner`
  // has expired by then, the slot is released without calling `start`.
  void acquire(const boost::asio::any_io_executor& executor, std::weak_ptr<void> owner, std::function<void()> start);
  void release();

 private:
  struct Waiter {
    boost::asio::any_io_executor executor;
    std::weak_ptr<void> owner;
    std::function<void()> start;
  };
  void grant(Waiter waiter);

  std::mutex mutex_;
  int in_flight_ = 0;
  std::deque<Waiter> waiting_;
};

}  // namespace ferry::platform::windows_impl
