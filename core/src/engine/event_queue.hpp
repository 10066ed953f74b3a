// SPDX-License-Identifier: Apache-2.0
#pragma once
// Events waiting for the consumer (the engine's or discovery's). push() calls
// the notify hook only when the queue turns non-empty, so a busy engine wakes a
// slow consumer once per drain.
#include <functional>
#include <mutex>
#include <vector>

namespace ferry {

template <class Event>
class EventQueue {
 public:
  explicit EventQueue(std::function<void()> notify) : notify_(std::move(notify)) {}

  void push(Event event) {
    bool was_empty = false;
    {
      std::lock_guard lock(mutex_);
      was_empty = events_.empty();
      events_.push_back(std::move(event));
    }
    if (was_empty && notify_) notify_();
  }

  std::vector<Event> drain() {
    std::lock_guard lock(mutex_);
    return std::exchange(events_, {});
  }

 private:
  std::function<void()> notify_;
  std::mutex mutex_;
  std::vector<Event> events_;
};

}  // namespace ferry
