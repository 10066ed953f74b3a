// SPDX-License-Identifier: Apache-2.0
#pragma once
// FileSink: lands one received file's bytes in a part file, sequentially.
//
// I/O contract
// - Thread: every call and completion handler runs on the engine thread,
//   handlers always through the executor (never inline).
// - The sink owns its buffers (aligned for direct I/O): async_acquire hands out
//   the next free one once a write in flight has released it (back-pressure);
//   the caller fills it and commit()s how much it filled. Every buffer but the
//   file's last must be filled completely, so direct writes stay aligned.
// - Committed bytes are shown to the ByteObserver once, in order: in commit()
//   on the engine thread (a buffered sink's file that fits its one 1 MiB
//   buffer), or on a digest thread of the sink's own while the engine thread
//   goes on (the direct sink, and the buffered sink of a larger file, which
//   has two buffers; the observer must not touch what the engine thread uses
//   meanwhile). A buffer is handed out again only once it is written and
//   observed, and async_finish completes after both.
// - async_finish completes after every write landed, the file has its exact
//   size and mtime, and it is closed. Errors of earlier writes surface there or
//   at the next async_acquire, with the file and syscall named.
// - Destroying a sink waits for its in-flight writes and for an observer call
//   in progress (destroy it before what the observer writes to); the part file
//   stays for the caller to discard or commit.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "ferry/base/io_result.hpp"
#include "ferry/base/strategy.hpp"
#include "ferry/platform/file_source.hpp"

namespace ferry::platform {

using AcquireHandler = std::function<void(std::optional<IoError>, std::span<std::byte>)>;

class FileSink {
 public:
  virtual ~FileSink() = default;
  virtual Strategy strategy() const = 0;
  virtual void async_acquire(AcquireHandler handler) = 0;
  virtual void commit(std::size_t filled) = 0;
  virtual void async_finish(std::int64_t mtime_ns, CompletionHandler handler) = 0;
};

struct OpenedSink {
  std::unique_ptr<FileSink> sink;
  std::string fallback_reason;  // why the strategy differs from the one requested
};

// Creates (or truncates) the part file at `path`, reserves `size` bytes when
// it is at least kReservedFromBytes, and returns a sink writing with
// `requested` (Direct or Buffered; ZeroCopy means Buffered on the receiving
// side), falling back to Buffered where direct writes are impossible. Fails
// with ENOSPC when the space cannot be reserved. A smaller file takes its
// space as it is written (a full disk then fails a write with ENOSPC): for
// many small files the reservation cost more than the write itself.
// With `resume_from` > 0 the part file is kept up to that byte (a resumed
// file: a multiple of 4096, so direct writes stay aligned) and writing
// continues there; what lay beyond it is cut off first.
inline constexpr std::uint64_t kReservedFromBytes = 1024 * 1024;

Result<OpenedSink> open_sink(const boost::asio::any_io_executor& executor, const std::filesystem::path& path,
                             std::uint64_t size, Strategy requested, const DirectOptions& options,
                             ByteObserver observer, std::uint64_t resume_from = 0);

}  // namespace ferry::platform
