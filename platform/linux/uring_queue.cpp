// SPDX-License-Identifier: Apache-2.0
#include "uring_queue.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <mutex>

#include <boost/asio/execution/context.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/query.hpp>

namespace ferry::platform::linux_impl {

namespace {

constexpr std::size_t kCachedRings = 2;

// The kernel orders one ring's munmap before a later ring's mmap of the same
// address, but liburing makes those calls itself, without libc, where
// ThreadSanitizer cannot see them: a new ring's first writes then look like a
// race with the last writes of a thread whose ring was unmapped there. Setting
// rings up and tearing them down under one lock states that order in a form
// TSan sees; it is taken once per ring, rarely.
std::mutex ring_mappings;

// Idle rings of one execution context, destroyed when it shuts down: a ring's
// eventfd descriptor is registered with that context's reactor and must not
// outlive it (a per-thread cache kept it until the thread exited).
class RingCache : public boost::asio::execution_context::service {
 public:
  using key_type = RingCache;
  static inline boost::asio::execution_context::id id;
  explicit RingCache(boost::asio::execution_context& context) : service(context) {}

  static RingCache& of(const boost::asio::any_io_executor& executor) {
    return boost::asio::use_service<RingCache>(boost::asio::query(executor, boost::asio::execution::context));
  }

  std::mutex mutex;
  bool shut_down = false;
  std::vector<std::unique_ptr<UringQueue>> idle;

 private:
  void shutdown() override {
    std::vector<std::unique_ptr<UringQueue>> closing;
    {
      std::lock_guard lock(mutex);
      shut_down = true;
      closing.swap(idle);
    }
  }
};

}  // namespace

void UringQueueRecycler::operator()(UringQueue* queue) const {
  std::unique_ptr<UringQueue> owned(queue);
  const bool healthy = queue->entries_ != 0;  // set only once fully set up
  if (!healthy || queue->in_flight_ != 0 || queue->waiting_) return;
  auto& cache = RingCache::of(queue->event_.get_executor());
  std::lock_guard lock(cache.mutex);
  if (!cache.shut_down && cache.idle.size() < kCachedRings) cache.idle.push_back(std::move(owned));
}

Result<UringQueuePtr> UringQueue::create(const boost::asio::any_io_executor& executor, unsigned entries) {
  {
    auto& cache = RingCache::of(executor);
    std::lock_guard lock(cache.mutex);
    auto& idle = cache.idle;
    for (auto it = idle.begin(); it != idle.end(); ++it) {
      if ((*it)->entries_ == entries && (*it)->event_.get_executor() == executor) {
        UringQueuePtr reused(it->release());
        idle.erase(it);
        return reused;
      }
    }
  }
  const int event_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (event_fd < 0) return last_errno_error("eventfd");
  UringQueuePtr queue(new UringQueue(executor, event_fd));
  const int rc = [&] {
    std::lock_guard lock(ring_mappings);
    return io_uring_queue_init(entries, &queue->ring_, 0);
  }();
  if (rc < 0) {
    queue->ring_.ring_fd = -1;
    return errno_error(-rc, "io_uring_setup");
  }
  if (const int registered = io_uring_register_eventfd(&queue->ring_, event_fd); registered < 0)
    return errno_error(-registered, "io_uring_register_eventfd");
  queue->slots_.resize(entries);
  for (std::uint32_t slot = entries; slot-- > 0;) queue->free_slots_.push_back(slot);
  queue->entries_ = entries;
  return queue;
}

UringQueue::UringQueue(const boost::asio::any_io_executor& executor, int event_fd) : event_(executor, event_fd) {
  ring_.ring_fd = -1;
}

UringQueue::~UringQueue() {
  alive_.reset();
  boost::system::error_code ignored;
  event_.cancel(ignored);
  if (ring_.ring_fd < 0) return;
  // The kernel may still be writing into buffers our owner is about to free.
  while (in_flight_ > 0) {
    io_uring_cqe* cqe = nullptr;
    if (io_uring_wait_cqe(&ring_, &cqe) < 0) break;
    io_uring_cqe_seen(&ring_, cqe);
    --in_flight_;
  }
  std::lock_guard lock(ring_mappings);
  io_uring_queue_exit(&ring_);
}

void UringQueue::submit(const Prepare& prepare, Done done) {
  const std::uint32_t slot = free_slots_.back();
  free_slots_.pop_back();
  slots_[slot] = std::move(done);
  io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
  prepare(sqe);
  sqe->user_data = slot;
  ++in_flight_;
  if (const int rc = io_uring_submit(&ring_); rc < 0) {
    // Nothing was queued: report the failure as this operation's result.
    --in_flight_;
    free_slots_.push_back(slot);
    boost::asio::post(event_.get_executor(), [done = std::move(slots_[slot]), rc] { done(rc); });
    return;
  }
  if (!waiting_) wait_for_completions();
}

void UringQueue::wait_for_completions() {
  waiting_ = true;
  event_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                    [this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
                      if (alive.expired()) return;
                      waiting_ = false;
                      if (ec) return;
                      std::uint64_t counter = 0;
                      [[maybe_unused]] auto n = ::read(event_.native_handle(), &counter, sizeof counter);
                      reap();
                    });
}

void UringQueue::reap() {
  const std::weak_ptr<bool> alive = alive_;
  io_uring_cqe* cqe = nullptr;
  while (io_uring_peek_cqe(&ring_, &cqe) == 0 && cqe) {
    const auto slot = static_cast<std::uint32_t>(cqe->user_data);
    const int result = cqe->res;
    io_uring_cqe_seen(&ring_, cqe);
    --in_flight_;
    Done done = std::move(slots_[slot]);
    free_slots_.push_back(slot);
    done(result);
    if (alive.expired()) return;  // the owner went away inside `done`
  }
  if (in_flight_ > 0 && !waiting_) wait_for_completions();
}

}  // namespace ferry::platform::linux_impl
