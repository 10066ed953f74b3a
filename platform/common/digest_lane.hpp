// SPDX-License-Identifier: Apache-2.0
#pragma once
// One worker thread that runs a direct source's or sink's digest jobs (a
// buffered sink's digest-and-write jobs) in the order they were given, so the
// engine thread sends (or reads the socket) while a block is digested. Each
// job's `done` runs afterwards on the engine's executor, unless the lane was
// destroyed first.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <boost/asio/any_io_executor.hpp>

namespace ferry::platform::common {

class DigestLane {
 public:
  explicit DigestLane(boost::asio::any_io_executor executor);
  // Waits for the job running (it reads its owner's buffers); queued jobs are dropped.
  ~DigestLane();
  DigestLane(const DigestLane&) = delete;
  DigestLane& operator=(const DigestLane&) = delete;

  // Call from the engine thread. The thread starts with the first job.
  void run(std::function<void()> job, std::function<void()> done);

 private:
  struct Job {
    std::function<void()> work;
    std::function<void()> done;
  };
  void serve();

  boost::asio::any_io_executor executor_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  const std::weak_ptr<bool> watch_ = alive_;  // copied by the thread, checked on the executor
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ferry::platform::common
