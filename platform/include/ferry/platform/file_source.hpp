// SPDX-License-Identifier: Apache-2.0
#pragma once
// FileSource: moves one file's bytes, in order, from disk to a session's
// connection (a ByteStream), with the kernel facility its strategy names.
// Zero-copy sources need the stream's plain socket: not while TLS encrypts.
//
// I/O contract
// - Thread: every call and every completion handler runs on the stream's
//   executor (the engine thread). At most one async_send is outstanding.
// - async_send(stream, n) hands exactly the next n bytes of the file to the
//   stream and then completes once, always through the executor (never inline).
//   The file ending before n bytes is an error (the file shrank while sent).
// - Back-pressure: a source never queues more than it was asked to send; the
//   direct source may read ahead (up to its queue depth) but not send ahead.
// - Bytes that pass through user memory are shown to the ByteObserver once,
//   in order. The buffered source shows them on the engine thread before they
//   are sent; the direct source on a digest thread of its own, while the
//   engine thread sends them (the observer must not touch what the engine
//   thread uses meanwhile), and an async_send completes only once every byte
//   it sent has been observed. Zero-copy bytes never enter user memory,
//   so a zero-copy source may not observe them: observes_bytes() says, and when
//   it is false the caller digests the file separately (off the engine thread).
//   The Linux one reads a small file once from its own descriptor for the
//   observer when it is opened: cheaper than a second open elsewhere, and the
//   read brings the file into the page cache that sendfile then sends from.
// - read_at_open() says whether every byte from `start` on was read when the
//   source was made (a small file): its reads are over, so whether the file
//   changed while it was read can be checked then, off the engine thread. A
//   change after that read reaches the peer as a digest mismatch at worst.
// - Disk waits: no call on the engine thread waits on the disk. The buffered
//   source reads on its lane, the direct source through io_uring or IOCP,
//   Windows' TransmitFile overlapped in the kernel, and the Linux zero-copy
//   source's sendfile sends only pages its PageWarmer brought into the page
//   cache on the blocking pool (platform/linux/page_warmer.hpp).
// - Cancellation: closing the connection ends a pending async_send with an error
//   (the Linux zero-copy source once the window being warmed is in).
//   Destroying a source waits for its own in-flight disk reads (they target its
//   buffers) and for an observer call in progress, so destroy it only from the
//   engine thread, and before what the observer writes to.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "ferry/base/io_result.hpp"
#include "ferry/base/strategy.hpp"
#include "ferry/platform/byte_stream.hpp"

namespace ferry::platform {

using ByteObserver = std::function<void(std::span<const std::byte>)>;
using CompletionHandler = std::function<void(std::optional<IoError>)>;

class FileSource {
 public:
  virtual ~FileSource() = default;
  virtual Strategy strategy() const = 0;
  virtual bool observes_bytes() const = 0;
  virtual bool read_at_open() const { return false; }
  virtual void async_send(ByteStream& stream, std::uint64_t length, CompletionHandler handler) = 0;
};

struct DirectOptions {
  std::uint32_t block_bytes = 4 * 1024 * 1024;  // one direct read or write
  std::uint32_t queue_depth = 4;                // reads or writes in flight
};

struct OpenedSource {
  std::unique_ptr<FileSource> source;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  // Why the source's strategy differs from the one requested; empty if it does not.
  std::string fallback_reason;
};

// Where a source runs. `engine`: the event loop whose thread calls
// async_send and runs its completions (and, for a direct source, its io_uring
// or IOCP). `blocking`: a pool for the waits on the disk that a source keeps
// off that thread; the Linux zero-copy source warms the page cache there, a
// few MiB ahead of what sendfile sends.
struct SourceExecutors {
  boost::asio::any_io_executor engine;
  boost::asio::any_io_executor blocking;
};

// Opens `path` for sending with `requested`, falling back to Buffered when the
// file's filesystem or the kernel cannot do it (the reason says which check
// failed: statx STATX_DIOALIGN, open O_DIRECT, io_uring_setup ...). Sending
// starts at byte `start` (a resumed file), which must be 0 or a multiple of
// 4096 so direct reads stay aligned; only bytes from there are observed.
// Blocks on the disk: besides opening, a buffered source reads its first
// block (1 MiB, or a small file whole) and the Linux zero-copy source a small
// file whole. Call it off the engine thread. A Direct source joins the
// engine's event loop (io_uring, IOCP) from the calling thread; its reads
// start only at async_send, on the engine.
Result<OpenedSource> open_source(const SourceExecutors& executors, const std::filesystem::path& path,
                                 Strategy requested, const DirectOptions& options, ByteObserver observer,
                                 std::uint64_t start = 0);

}  // namespace ferry::platform
