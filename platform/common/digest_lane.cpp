// SPDX-License-Identifier: Apache-2.0
#include "digest_lane.hpp"

#include <boost/asio/post.hpp>

namespace ferry::platform::common {

DigestLane::DigestLane(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

DigestLane::~DigestLane() {
  alive_.reset();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void DigestLane::run(std::function<void()> job, std::function<void()> done) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back({std::move(job), std::move(done)});
  }
  if (!thread_.joinable()) thread_ = std::thread([this] { serve(); });
  wake_.notify_one();
}

void DigestLane::serve() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job.work();
    boost::asio::post(executor_, [alive = watch_, done = std::move(job.done)] {
      if (!alive.expired()) done();
    });
    lock.lock();
  }
}

}  // namespace ferry::platform::common
