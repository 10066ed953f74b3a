// SPDX-License-Identifier: Apache-2.0
#include "file_probe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>

#include "unix_time.hpp"

namespace ferry::platform::linux_impl {

namespace {
constexpr std::size_t kMinimumAlignment = 4096;  // keeps buffers page-aligned whatever statx says
}

Result<FileFacts> probe_file(int fd, const std::string& path) {
  struct statx stx {};
  if (::statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_DIOALIGN, &stx) != 0)
    return last_errno_error("statx", path);
  FileFacts facts;
  facts.regular = S_ISREG(stx.stx_mode);
  facts.size = stx.stx_size;
  facts.mtime_ns = join_unix_ns(stx.stx_mtime.tv_sec, stx.stx_mtime.tv_nsec);
  if ((stx.stx_mask & STATX_DIOALIGN) && stx.stx_dio_mem_align != 0 && stx.stx_dio_offset_align != 0) {
    facts.direct_alignment =
        std::max<std::size_t>({kMinimumAlignment, stx.stx_dio_mem_align, stx.stx_dio_offset_align});
  }
  return facts;
}

Result<void> reserve_space(int fd, std::uint64_t size, const std::string& path) {
  if (size == 0) return {};
  if (::fallocate(fd, 0, 0, static_cast<off_t>(size)) == 0) return {};
  if (errno == EOPNOTSUPP) {
    if (::ftruncate(fd, static_cast<off_t>(size)) == 0) return {};
    return last_errno_error("ftruncate", path);
  }
  return last_errno_error("fallocate", path);
}

void store_mtime(int fd, std::int64_t mtime_ns, const std::string& path) {
  const SecondsAndNanos wanted = split_unix_ns(mtime_ns);
  const timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(wanted.seconds), static_cast<long>(wanted.nanos)}};
  if (::futimens(fd, times) != 0) {
    spdlog::warn("{}: keeps its own modification time: {}", path, last_errno_error("futimens").describe());
    return;
  }
  // Filesystems clamp what they cannot store (ext4: 1901 to 2446) without an error.
  struct statx stx {};
  if (::statx(fd, "", AT_EMPTY_PATH, STATX_MTIME, &stx) == 0 &&
      (stx.stx_mtime.tv_sec != wanted.seconds || stx.stx_mtime.tv_nsec != wanted.nanos)) {
    spdlog::warn(
        "{}: modification time {} s {} ns since 1970 stored as {} s {} ns, the nearest "
        "this filesystem holds",
        path, wanted.seconds, wanted.nanos, stx.stx_mtime.tv_sec, stx.stx_mtime.tv_nsec);
  }
}

}  // namespace ferry::platform::linux_impl
