// Creates the Linux FileSink for a part file: direct writes where the
// filesystem and kernel allow them, buffered writes otherwise.
#include <fcntl.h>

#include <variant>

#include "aligned_buffer.hpp"
#include "buffered_sink.hpp"
#include "file_probe.hpp"
#include "linux_sinks.hpp"

namespace ferry::platform {

using namespace linux_impl;

namespace {

constexpr std::size_t kPageBytes = 4096;
constexpr int kCreateFlags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW;

// A new part file starts empty (O_TRUNC); a resumed one keeps its first
// `resume_from` bytes and loses whatever an interrupted session left after them.
int create_flags(std::uint64_t resume_from) {
  return kCreateFlags | (resume_from == 0 ? O_TRUNC : 0);
}

Result<void> cut_to(int fd, std::uint64_t resume_from, const std::string& path) {
  if (resume_from == 0) return {};
  if (::ftruncate(fd, static_cast<off_t>(resume_from)) != 0) return last_errno_error("ftruncate", path);
  return {};
}

struct DirectParts {
  UniqueFd fd;
  std::size_t alignment = 0;
  UringQueuePtr queue;
};

// The direct path's pieces, an error that must fail the file, or why it
// cannot run here (then the caller falls back to buffered writes).
using DirectAttempt = std::variant<DirectParts, IoError, std::string>;

DirectAttempt prepare_direct(const boost::asio::any_io_executor& executor, const std::string& path,
                             const DirectOptions& options, std::uint64_t resume_from) {
  UniqueFd fd(::open(path.c_str(), create_flags(resume_from) | O_DIRECT, 0644));
  if (!fd.valid()) {
    if (errno == EINVAL) return last_errno_error("open O_DIRECT", path).describe();
    return last_errno_error("open", path);
  }
  if (auto cut = cut_to(fd.get(), resume_from, path); !cut) return cut.error();
  auto facts = probe_file(fd.get(), path);
  if (!facts) return facts.error();
  if (facts->direct_alignment == 0)
    return "statx reports no direct I/O alignment (STATX_DIOALIGN) for " + path;
  auto queue = UringQueue::create(executor, options.queue_depth);
  if (!queue) return "io_uring unavailable: " + queue.error().describe();
  return DirectParts{std::move(fd), facts->direct_alignment, std::move(queue.value())};
}

}  // namespace

Result<OpenedSink> open_sink(const boost::asio::any_io_executor& executor,
                             const std::filesystem::path& fs_path, std::uint64_t size,
                             Strategy requested, const DirectOptions& options,
                             ByteObserver observer, std::uint64_t resume_from) {
  const std::string path = fs_path.string();
  OpenedSink opened;
  if (requested == Strategy::Direct) {
    auto direct = prepare_direct(executor, path, options, resume_from);
    if (auto* error = std::get_if<IoError>(&direct)) return *error;
    if (auto* parts = std::get_if<DirectParts>(&direct)) {
      if (auto reserved = reserve_space(parts->fd.get(), size, path); !reserved)
        return reserved.error();
      opened.sink = make_direct_sink(executor, {std::move(parts->fd), path, size, resume_from},
                                     parts->alignment,
                                     std::move(parts->queue), options, std::move(observer));
      return opened;
    }
    opened.fallback_reason = std::get<std::string>(direct);
  }
  UniqueFd fd(::open(path.c_str(), create_flags(resume_from), 0644));
  if (!fd.valid()) return last_errno_error("open", path);
  if (auto cut = cut_to(fd.get(), resume_from, path); !cut) return cut.error();
  if (size >= kReservedFromBytes) {
    if (auto reserved = reserve_space(fd.get(), size, path); !reserved) return reserved.error();
  }
  // Page-aligned buffers from the engine thread's cache: no allocation or zeroing per file.
  opened.sink = common::make_buffered_sink(executor, SinkFile{std::move(fd), path, size, resume_from},
                                           std::move(observer), [] {
                                             return AlignedBuffer(common::kBufferedSinkBytes, kPageBytes);
                                           });
  return opened;
}

}  // namespace ferry::platform
