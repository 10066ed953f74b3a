// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Linux FileSource implementations, built by open_source().
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "ferry/platform/file_source.hpp"
#include "unique_fd.hpp"
#include "uring_queue.hpp"

namespace ferry::platform::linux_impl {

struct SourceFile {
  UniqueFd fd;
  std::string path;  // for error messages
  std::uint64_t size = 0;
  std::uint64_t start = 0;  // first byte to send
};

// Zero-copy files up to this size are read once for the observer (see FileSource).
inline constexpr std::uint64_t kZeroCopyObservedBytes = 256 * 1024;
// Reads now what it reads first (a small file whole, or a larger one's first
// PageWarmer window into the page cache), like the buffered source
// (common::make_buffered_source): the engine thread that sends then does not
// wait on the disk for it; a larger file's later windows are warmed on
// `executors.blocking`.
Result<std::unique_ptr<FileSource>> make_sendfile_source(SourceFile file, ByteObserver observer,
                                                         const SourceExecutors& executors);
// The buffered source's read (platform/common/buffered_source.hpp): pread.
Result<std::size_t> read_at(const SourceFile& file, std::span<std::byte> buffer, std::uint64_t offset);
// `fd` must be open with O_DIRECT; `alignment` is the larger of the memory and
// offset alignment statx reported, at least 4096.
std::unique_ptr<FileSource> make_direct_source(SourceFile file, std::size_t alignment, UringQueuePtr queue,
                                               const DirectOptions& options, ByteObserver observer);

}  // namespace ferry::platform::linux_impl
