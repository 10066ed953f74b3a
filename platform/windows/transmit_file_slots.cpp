// SPDX-License-Identifier: Apache-2.0
#include "transmit_file_slots.hpp"

#include <boost/asio/post.hpp>
#include <optional>

namespace ferry::platform::windows_impl {

TransmitFileSlots& TransmitFileSlots::instance() {
  static TransmitFileSlots slots;
  return slots;
}

void TransmitFileSlots::acquire(const boost::asio::any_io_executor& executor, std::weak_ptr<void> owner,
                                std::function<void()> start) {
  Waiter waiter{executor, std::move(owner), std::move(start)};
  {
    std::lock_guard lock(mutex_);
    if (in_flight_ == kSlots) {
      waiting_.push_back(std::move(waiter));
      return;
    }
    ++in_flight_;
  }
  grant(std::move(waiter));
}

void TransmitFileSlots::release() {
  std::optional<Waiter> next;
  {
    std::lock_guard lock(mutex_);
    if (waiting_.empty()) {
      --in_flight_;
      return;
    }
    next = std::move(waiting_.front());  // the slot passes on: the count stays
    waiting_.pop_front();
  }
  grant(std::move(*next));
}

// Hands the slot to `waiter` on its own executor. The slot passes straight
// on when the waiter's source is gone, or when its executor is shut down
// before the grant runs (the guard is then destroyed unused).
void TransmitFileSlots::grant(Waiter waiter) {
  // Built in place and never copied: a temporary's destructor would release.
  struct Unused {
    explicit Unused(TransmitFileSlots* owner) : slots(owner) {}
    Unused(const Unused&) = delete;
    Unused& operator=(const Unused&) = delete;
    ~Unused() {
      if (!handed_over) slots->release();
    }
    TransmitFileSlots* slots;
    bool handed_over = false;
  };
  auto guard = std::make_shared<Unused>(this);
  const boost::asio::any_io_executor executor = waiter.executor;
  boost::asio::post(executor, [guard, waiter = std::move(waiter)] {
    if (waiter.owner.expired()) return;
    guard->handed_over = true;
    waiter.start();
  });
}

}  // namespace ferry::platform::windows_impl
