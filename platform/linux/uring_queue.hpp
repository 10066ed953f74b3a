// SPDX-License-Identifier: Apache-2.0
#pragma once
// An io_uring whose completions are delivered on an Asio executor: the ring
// signals an eventfd that Asio waits on, so ring completions and socket
// readiness share the engine thread without a second poller.
#include <liburing.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "ferry/base/io_result.hpp"

namespace ferry::platform::linux_impl {

class UringQueue;

// Returns an idle ring to a small cache of its execution context (io_context)
// instead of closing it: setting up a ring (and its mappings) per file costs
// more than a small file's reads. A ring with operations in flight is
// destroyed, which waits for them.
struct UringQueueRecycler {
  void operator()(UringQueue* queue) const;
};
using UringQueuePtr = std::unique_ptr<UringQueue, UringQueueRecycler>;

class UringQueue {
 public:
  using Prepare = std::function<void(io_uring_sqe*)>;
  using Done = std::function<void(int result)>;  // cqe->res: bytes or -errno

  // Fails with the io_uring_setup errno (ENOSYS, EPERM when disabled by sysctl
  // or seccomp). Reuses an idle cached ring with the same
  // executor and size.
  static Result<UringQueuePtr> create(const boost::asio::any_io_executor& executor, unsigned entries);
  ~UringQueue();  // waits for every operation still in flight
  UringQueue(const UringQueue&) = delete;
  UringQueue& operator=(const UringQueue&) = delete;

  // Queues one operation; `done` runs on the executor when it completes. At
  // most `entries` operations may be in flight.
  void submit(const Prepare& prepare, Done done);
  unsigned in_flight() const { return in_flight_; }

 private:
  friend struct UringQueueRecycler;
  UringQueue(const boost::asio::any_io_executor& executor, int event_fd);
  void wait_for_completions();
  void reap();

  io_uring ring_{};
  unsigned entries_ = 0;
  boost::asio::posix::stream_descriptor event_;
  std::vector<Done> slots_;  // user_data indexes this
  std::vector<std::uint32_t> free_slots_;
  unsigned in_flight_ = 0;
  bool waiting_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace ferry::platform::linux_impl
