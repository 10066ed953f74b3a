// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the kernel tells about an open file: size, mtime, direct-I/O alignment.
#include <sys/stat.h>

#include <cstddef>
#include <cstdint>

#include "ferry/base/io_result.hpp"

namespace ferry::platform::linux_impl {

struct FileFacts {
  bool regular = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  // Alignment (bytes) for O_DIRECT offsets, lengths and buffers; 0 when the
  // filesystem reports none (statx STATX_DIOALIGN), i.e. no direct I/O.
  std::size_t direct_alignment = 0;
};

Result<FileFacts> probe_file(int fd, const std::string& path);

// Makes the file `size` bytes long with its blocks reserved, so a full disk
// shows up now rather than mid-transfer. Filesystems without fallocate are
// left to allocate as they write.
Result<void> reserve_space(int fd, std::uint64_t size, const std::string& path);

// Sets the file's modification time (access time untouched), or the nearest
// one its filesystem holds. A time is never worth failing a file for: what
// could not be stored is logged.
void store_mtime(int fd, std::int64_t mtime_ns, const std::string& path);

}  // namespace ferry::platform::linux_impl
