// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Linux FileSink implementations, built by open_sink().
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "ferry/platform/file_sink.hpp"
#include "unique_fd.hpp"
#include "uring_queue.hpp"

namespace ferry::platform::linux_impl {

// Where a sink's file is created: `name` relative to the open folder
// `folder` (AT_FDCWD: a path as it is). O_NOFOLLOW: a link there is refused.
struct SinkPlace {
  int folder = -1;
  std::string name;
};

struct SinkFile {
  UniqueFd fd;
  std::string path;  // for error messages
  std::uint64_t size = 0;
  std::uint64_t start = 0;  // first byte to write (a resumed file)
};

// The buffered sink's primitives (platform/common/buffered_sink.hpp): pwrite
// in pieces of at most 256 KiB, the mtime (logged, never failing), close.
Result<void> write_at(const SinkFile& file, std::span<const std::byte> bytes, std::uint64_t offset);
void store_mtime(const SinkFile& file, std::int64_t mtime_ns);
void close_file(SinkFile& file);
// `fd` must be open with O_DIRECT and `alignment` come from statx (at least 4096).
std::unique_ptr<FileSink> make_direct_sink(const boost::asio::any_io_executor& executor, SinkFile file,
                                           std::size_t alignment, UringQueuePtr queue, const DirectOptions& options,
                                           ByteObserver observer);

// open_sink for the file at `place`; `shown_path` names it in errors.
Result<OpenedSink> open_sink_at(const boost::asio::any_io_executor& executor, const SinkPlace& place,
                                std::string shown_path, std::uint64_t size, Strategy requested,
                                const DirectOptions& options, ByteObserver observer, std::uint64_t resume_from);

}  // namespace ferry::platform::linux_impl
