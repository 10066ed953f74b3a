#pragma once
// The Linux FileSource implementations, built by open_source().
#include <cstdint>
#include <memory>
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
// Both read now what they read first (a small file whole): the engine thread
// that sends then does not wait on the disk for it.
Result<std::unique_ptr<FileSource>> make_sendfile_source(SourceFile file, ByteObserver observer);
Result<std::unique_ptr<FileSource>> make_buffered_source(SourceFile file, ByteObserver observer);
// `fd` must be open with O_DIRECT; `alignment` is the larger of the memory and
// offset alignment statx reported, at least 4096.
std::unique_ptr<FileSource> make_direct_source(SourceFile file, std::size_t alignment,
                                               UringQueuePtr queue,
                                               const DirectOptions& options, ByteObserver observer);

}  // namespace ferry::platform::linux_impl
