// SPDX-License-Identifier: Apache-2.0
// Picks the Linux FileSource for a file, probing what its filesystem and the
// kernel can do and falling back to buffered reads where they cannot
// (platform/common/direct_fallback.hpp).
#include <fcntl.h>

#include "buffered_source.hpp"
#include "direct_fallback.hpp"
#include "file_probe.hpp"
#include "linux_sources.hpp"

namespace ferry::platform {

using namespace linux_impl;

namespace {

// The direct source for `file` (open without O_DIRECT: its path, size and
// start), or why it cannot run for this file. Takes `observer` only when it
// returns a source.
common::DirectAttempt<FileSource> try_direct_source(const boost::asio::any_io_executor& executor,
                                                    const SourceFile& file, const FileFacts& facts,
                                                    const DirectOptions& options, ByteObserver& observer) {
  if (facts.direct_alignment == 0) return "statx reports no direct I/O alignment (STATX_DIOALIGN) for " + file.path;
  UniqueFd fd(::open(file.path.c_str(), O_RDONLY | O_DIRECT | O_CLOEXEC));
  if (!fd.valid()) return last_errno_error("open O_DIRECT", file.path).describe();
  auto queue = UringQueue::create(executor, options.queue_depth);
  if (!queue) return "io_uring unavailable: " + queue.error().describe();
  return make_direct_source({std::move(fd), file.path, file.size, file.start}, facts.direct_alignment,
                            std::move(queue.value()), options, std::move(observer));
}

Result<std::unique_ptr<FileSource>> open_other_source(SourceFile file, Strategy strategy, ByteObserver observer,
                                                      const SourceExecutors& executors) {
  if (strategy == Strategy::ZeroCopy) return make_sendfile_source(std::move(file), std::move(observer), executors);
  ::posix_fadvise(file.fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  return common::make_buffered_source(std::move(file), std::move(observer));
}

}  // namespace

Result<OpenedSource> open_source(const SourceExecutors& executors, const std::filesystem::path& fs_path,
                                 Strategy requested, const DirectOptions& options, ByteObserver observer,
                                 std::uint64_t start) {
  const std::string path = fs_path.string();
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return last_errno_error("open", path);
  auto facts = probe_file(fd.get(), path);
  if (!facts) return facts.error();
  if (!facts->regular) return errno_error(EINVAL, "open: not a regular file", path);

  SourceFile file{std::move(fd), path, facts->size, start};
  auto chosen = common::try_direct_first<FileSource>(
      requested, [&] { return try_direct_source(executors.engine, file, facts.value(), options, observer); },
      [&](Strategy strategy) { return open_other_source(std::move(file), strategy, std::move(observer), executors); });
  if (!chosen) return chosen.error();
  return OpenedSource{std::move(chosen->made), facts->size, facts->mtime_ns, std::move(chosen->fallback_reason)};
}

}  // namespace ferry::platform
