// Picks the Linux FileSource for a file, probing what its filesystem and the
// kernel can do and falling back to buffered reads where they cannot.
#include <fcntl.h>

#include <variant>

#include "buffered_source.hpp"
#include "file_probe.hpp"
#include "linux_sources.hpp"

namespace ferry::platform {

using namespace linux_impl;

namespace {

struct DirectParts {
  UniqueFd fd;
  UringQueuePtr queue;
};

// Everything the direct path needs, or why it cannot run for this file.
std::variant<DirectParts, std::string> prepare_direct(const boost::asio::any_io_executor& executor,
                                                      const std::string& path,
                                                      const FileFacts& facts,
                                                      const DirectOptions& options) {
  if (facts.direct_alignment == 0)
    return "statx reports no direct I/O alignment (STATX_DIOALIGN) for " + path;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECT | O_CLOEXEC));
  if (!fd.valid()) return last_errno_error("open O_DIRECT", path).describe();
  auto queue = UringQueue::create(executor, options.queue_depth);
  if (!queue) return "io_uring unavailable: " + queue.error().describe();
  return DirectParts{std::move(fd), std::move(queue.value())};
}

}  // namespace

Result<OpenedSource> open_source(const boost::asio::any_io_executor& executor,
                                 const std::filesystem::path& fs_path, Strategy requested,
                                 const DirectOptions& options, ByteObserver observer,
                                 std::uint64_t start) {
  const std::string path = fs_path.string();
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return last_errno_error("open", path);
  auto facts = probe_file(fd.get(), path);
  if (!facts) return facts.error();
  if (!facts->regular) return errno_error(EINVAL, "open: not a regular file", path);

  OpenedSource opened;
  opened.size = facts->size;
  opened.mtime_ns = facts->mtime_ns;
  if (requested == Strategy::Direct) {
    auto direct = prepare_direct(executor, path, facts.value(), options);
    if (auto* parts = std::get_if<DirectParts>(&direct)) {
      opened.source = make_direct_source({std::move(parts->fd), path, facts->size, start},
                                         facts->direct_alignment, std::move(parts->queue), options,
                                         std::move(observer));
      return opened;
    }
    opened.fallback_reason = std::get<std::string>(direct);
    requested = Strategy::Buffered;
  }
  if (requested == Strategy::ZeroCopy) {
    // Start the disk reads now so sendfile blocks the engine thread as little
    // as possible; a small file is read at once anyway (for its digest).
    if (facts->size > kZeroCopyObservedBytes)
      ::posix_fadvise(fd.get(), static_cast<off_t>(start), 0, POSIX_FADV_WILLNEED);
    auto source = make_sendfile_source({std::move(fd), path, facts->size, start}, std::move(observer));
    if (!source) return source.error();
    opened.source = std::move(source.value());
    return opened;
  }
  ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  auto source = common::make_buffered_source(SourceFile{std::move(fd), path, facts->size, start},
                                             std::move(observer));
  if (!source) return source.error();
  opened.source = std::move(source.value());
  return opened;
}

}  // namespace ferry::platform
