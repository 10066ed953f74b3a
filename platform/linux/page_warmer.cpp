// SPDX-License-Identifier: Apache-2.0
#include "page_warmer.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <system_error>

namespace ferry::platform::linux_impl {
namespace {

// Says once per process why warming does not work here; each file then sends as before.
void tell_once(std::atomic<bool>& told, const std::string& what) {
  if (!told.exchange(true)) spdlog::info("{}: sendfile may wait on the disk on the engine thread", what);
}

std::atomic<bool> told_no_populate{false};
std::atomic<bool> told_no_mmap{false};

// Brings [from, to) of the file into the page cache and returns once it is
// there; `ahead` more bytes are announced to the disk. False when this file or
// kernel cannot be warmed this way. A file that shrank warms "successfully":
// sendfile then reports it ended early.
bool warm_window(int fd, const std::string& path, std::uint64_t from, std::uint64_t to, std::uint64_t ahead) {
  static const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  const std::uint64_t map_from = from / page * page;
  const auto length = static_cast<std::size_t>(to - map_from);
  ::posix_fadvise(fd, static_cast<off_t>(map_from), static_cast<off_t>(length + ahead), POSIX_FADV_WILLNEED);
  void* map = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, static_cast<off_t>(map_from));
  if (map == MAP_FAILED) {
    tell_once(told_no_mmap, "mmap of " + path + " to warm the page cache: " + std::generic_category().message(errno));
    return false;
  }
  const int populated = ::madvise(map, length, MADV_POPULATE_READ);
  const int error = errno;
  ::munmap(map, length);
  if (populated != 0 && error == EINVAL) {
    tell_once(told_no_populate, "madvise MADV_POPULATE_READ (Linux 5.14) refused");
    return false;
  }
  return true;
}

}  // namespace

PageWarmer::PageWarmer(UniqueFd fd, std::string path, std::uint64_t begin, std::uint64_t end, SourceExecutors executors)
    : fd_(std::make_shared<const UniqueFd>(std::move(fd))),
      path_(std::move(path)),
      end_(end),
      executors_(std::move(executors)),
      warm_until_(begin),
      wanted_until_(begin) {
  if (begin == end) return;
  const std::uint64_t first = std::min((begin / kWindowBytes + 1) * kWindowBytes, end);
  warm_until_ = warm_window(fd_->get(), path_, begin, first, kWindowBytes) ? first : end;
}

void PageWarmer::keep_ahead_of(std::uint64_t offset, std::function<void()> ready) {
  wanted_until_ = std::max(wanted_until_, std::min(offset + kLeadBytes, end_));
  if (ready) {
    if (warm_until_ > offset) {
      boost::asio::post(executors_.engine, [alive = std::weak_ptr<int>(alive_), ready = std::move(ready)] {
        if (alive.lock()) ready();
      });
    } else {
      ready_after_ = offset;
      ready_ = std::move(ready);
    }
  }
  if (!warming_ && warm_until_ < wanted_until_) start_window();
}

void PageWarmer::start_window() {
  warming_ = true;
  const std::uint64_t from = warm_until_;
  const std::uint64_t to = std::min((from / kWindowBytes + 1) * kWindowBytes, end_);
  boost::asio::post(executors_.blocking, [this, alive = std::weak_ptr<int>(alive_), fd = fd_, path = path_, from, to,
                                          ahead = std::min(kWindowBytes, end_ - to), engine = executors_.engine] {
    const Warmed warmed{to, !warm_window(fd->get(), path, from, to, ahead)};
    boost::asio::post(engine, [this, alive, warmed] {
      if (alive.lock()) on_warmed(warmed);
    });
  });
}

void PageWarmer::on_warmed(Warmed warmed) {
  warming_ = false;
  warm_until_ = warmed.gave_up ? end_ : std::max(warm_until_, warmed.until);
  if (ready_ && warm_until_ > ready_after_) std::exchange(ready_, {})();
  if (!warming_ && warm_until_ < wanted_until_) start_window();
}

}  // namespace ferry::platform::linux_impl
