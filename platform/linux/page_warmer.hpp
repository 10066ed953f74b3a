// SPDX-License-Identifier: Apache-2.0
#pragma once
// Brings one file's pages into the page cache a few MiB ahead of sendfile(2),
// on a pool whose threads may wait on the disk, so that the engine thread's
// sendfile finds them cached instead of reading a cold disk (issue 18 §2).
// A window is announced to the disk with POSIX_FADV_WILLNEED (with the next
// one, so the disk stays busy), mapped, populated with MADV_POPULATE_READ,
// which returns once its pages are cached and copies nothing, and unmapped.
// One window is warmed at a time.
//
// Threads: every member function runs on the engine executor. A job on the
// blocking executor touches only its own copies and the shared descriptor,
// and posts how far it got back to the engine executor; a warmer destroyed in
// the meantime drops that result.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ferry/platform/file_source.hpp"
#include "unique_fd.hpp"

namespace ferry::platform::linux_impl {

class PageWarmer {
 public:
  static constexpr std::uint64_t kWindowBytes = 4 * 1024 * 1024;
  static constexpr std::uint64_t kLeadBytes = 2 * kWindowBytes;  // warmed ahead of what is sent

  // Warms [begin, end) of `fd`'s file (`path` for log lines): the first
  // window at once, on the calling thread (it blocks on the disk: call it off
  // the engine thread), the others once keep_ahead_of asks for them.
  PageWarmer(UniqueFd fd, std::string path, std::uint64_t begin, std::uint64_t end, SourceExecutors executors);

  // Bytes before this offset are in the page cache (or sendfile may wait for them anyway, see .cpp).
  std::uint64_t warm_until() const { return warm_until_; }
  // Nothing is left to warm: up to the size the file had at open. A file
  // sent further than that (it shrank and then grew, or sendfile reports it
  // ended early) is sent without waiting for warmth.
  bool all_warm() const { return warm_until_ >= end_; }

  // Warms on until `offset` + kLeadBytes. When `ready` is given it runs once
  // warm_until() passes `offset`, on the engine executor (never inline).
  void keep_ahead_of(std::uint64_t offset, std::function<void()> ready = {});

 private:
  // What a job reports: the end of the window it warmed, or that warming cannot work for this file.
  struct Warmed {
    std::uint64_t until = 0;
    bool gave_up = false;
  };
  void start_window();
  void on_warmed(Warmed warmed);

  std::shared_ptr<const UniqueFd> fd_;
  std::string path_;
  std::uint64_t end_;
  SourceExecutors executors_;
  std::uint64_t warm_until_;
  std::uint64_t wanted_until_;
  bool warming_ = false;
  std::uint64_t ready_after_ = 0;
  std::function<void()> ready_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // jobs hold it weakly
};

}  // namespace ferry::platform::linux_impl
