// SPDX-License-Identifier: Apache-2.0
// Creates the Linux FileSink for a part file: direct writes where the
// filesystem and kernel allow them, buffered writes otherwise
// (platform/common/direct_fallback.hpp).
#include <fcntl.h>

#include "aligned_buffer.hpp"
#include "buffered_sink.hpp"
#include "direct_fallback.hpp"
#include "file_probe.hpp"
#include "linux_sinks.hpp"

namespace ferry::platform {

using namespace linux_impl;

namespace {

constexpr std::size_t kPageBytes = 4096;
constexpr int kCreateFlags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW;

// A new part file starts empty (O_TRUNC); a resumed one keeps its first
// `resume_from` bytes and loses whatever an interrupted session left after them.
int create_flags(std::uint64_t resume_from) { return kCreateFlags | (resume_from == 0 ? O_TRUNC : 0); }

Result<void> cut_to(int fd, std::uint64_t resume_from, const std::string& path) {
  if (resume_from == 0) return {};
  if (::ftruncate(fd, static_cast<off_t>(resume_from)) != 0) return last_errno_error("ftruncate", path);
  return {};
}

// `file`'s direct sink, with its size reserved. Takes `observer` only when it
// returns a sink.
common::DirectAttempt<FileSink> try_direct_sink(const boost::asio::any_io_executor& executor, const SinkPlace& place,
                                                const SinkFile& file, const DirectOptions& options,
                                                ByteObserver& observer) {
  const std::string& path = file.path;
  UniqueFd fd(::openat(place.folder, place.name.c_str(), create_flags(file.start) | O_DIRECT, 0644));
  if (!fd.valid()) {
    if (errno == EINVAL) return last_errno_error("open O_DIRECT", path).describe();
    return last_errno_error("open", path);
  }
  if (auto cut = cut_to(fd.get(), file.start, path); !cut) return cut.error();
  auto facts = probe_file(fd.get(), path);
  if (!facts) return facts.error();
  if (facts->direct_alignment == 0) return "statx reports no direct I/O alignment (STATX_DIOALIGN) for " + path;
  auto queue = UringQueue::create(executor, options.queue_depth);
  if (!queue) return "io_uring unavailable: " + queue.error().describe();
  if (auto reserved = reserve_space(fd.get(), file.size, path); !reserved) return reserved.error();
  return make_direct_sink(executor, {std::move(fd), path, file.size, file.start}, facts->direct_alignment,
                          std::move(queue.value()), options, std::move(observer));
}

Result<std::unique_ptr<FileSink>> open_buffered_sink(const boost::asio::any_io_executor& executor,
                                                     const SinkPlace& place, SinkFile file, ByteObserver observer) {
  file.fd.reset(::openat(place.folder, place.name.c_str(), create_flags(file.start), 0644));
  if (!file.fd.valid()) return last_errno_error("open", file.path);
  if (auto cut = cut_to(file.fd.get(), file.start, file.path); !cut) return cut.error();
  if (file.size >= kReservedFromBytes) {
    if (auto reserved = reserve_space(file.fd.get(), file.size, file.path); !reserved) return reserved.error();
  }
  // Page-aligned buffers from the engine thread's cache: no allocation or zeroing per file.
  return common::make_buffered_sink(executor, std::move(file), std::move(observer),
                                    [] { return AlignedBuffer(common::kBufferedSinkBytes, kPageBytes); });
}

}  // namespace

namespace linux_impl {

Result<OpenedSink> open_sink_at(const boost::asio::any_io_executor& executor, const SinkPlace& place,
                                std::string shown_path, std::uint64_t size, Strategy requested,
                                const DirectOptions& options, ByteObserver observer, std::uint64_t resume_from) {
  // Not open yet: each way opens it with its own flags.
  SinkFile file{UniqueFd(), std::move(shown_path), size, resume_from};
  auto chosen = common::try_direct_first<FileSink>(
      requested, [&] { return try_direct_sink(executor, place, file, options, observer); },
      [&](Strategy) { return open_buffered_sink(executor, place, std::move(file), std::move(observer)); });
  if (!chosen) return chosen.error();
  return OpenedSink{std::move(chosen->made), std::move(chosen->fallback_reason)};
}

}  // namespace linux_impl

Result<OpenedSink> open_sink(const boost::asio::any_io_executor& executor, const std::filesystem::path& fs_path,
                             std::uint64_t size, Strategy requested, const DirectOptions& options,
                             ByteObserver observer, std::uint64_t resume_from) {
  return open_sink_at(executor, {AT_FDCWD, fs_path.string()}, fs_path.string(), size, requested, options,
                      std::move(observer), resume_from);
}

}  // namespace ferry::platform
