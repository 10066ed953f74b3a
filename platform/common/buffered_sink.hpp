// SPDX-License-Identifier: Apache-2.0
#pragma once
// The buffered sink both platforms use below the direct threshold (or where
// direct writes are impossible): plain writes at file offsets through the page
// (file) cache. A file larger than one buffer gets a second buffer and a lane
// thread: the engine thread reads the socket into one buffer while the lane
// digests and writes the other, in file order. A smaller file is digested and
// written in commit(), on the engine thread.
//
// File is the platform's open part file: members `path` (for error
// messages), `size` and `start` (the first byte to write), and, found by
// argument-dependent lookup,
// - `Result<void> write_at(const File&, std::span<const std::byte>, std::uint64_t offset)`:
//   writes all the bytes at `offset` (blocking; runs on the lane for a large file),
// - `void store_mtime(const File&, std::int64_t mtime_ns)`: never fails (logs),
// - `void close_file(File&)`.
// Buffer is a movable owner of memory with data() and size(), made by the
// platform (its cache of buffers, if it keeps one).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <type_traits>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>

#include "digest_lane.hpp"
#include "ferry/platform/file_sink.hpp"

namespace ferry::platform::common {

inline constexpr std::size_t kBufferedSinkBytes = 1024 * 1024;

template <typename File, typename Buffer>
class BufferedSink final : public FileSink {
 public:
  // `make_buffer()` returns a Buffer of kBufferedSinkBytes.
  template <typename MakeBuffer>
  BufferedSink(const boost::asio::any_io_executor& executor, File file, ByteObserver observer, MakeBuffer make_buffer)
      : executor_(executor), observer_(std::move(observer)), file_(std::move(file)), offset_(file_.start) {
    buffers_.push_back(make_buffer());
    if (file_.size - file_.start > kBufferedSinkBytes) {
      buffers_.push_back(make_buffer());
      lane_.emplace(executor);
    }
  }

  Strategy strategy() const override { return Strategy::Buffered; }

  void async_acquire(AcquireHandler handler) override {
    pending_acquire_ = std::move(handler);
    serve_acquire();
  }

  void commit(std::size_t filled) override {
    if (error_) return;
    const std::span<const std::byte> bytes(buffers_[next_].data(), filled);
    const std::uint64_t offset = offset_;
    offset_ += filled;
    next_ = (next_ + 1) % buffers_.size();
    if (!lane_) {
      observer_(bytes);
      error_ = write(bytes, offset);
      return;
    }
    // The lane digests and writes, in order, while the engine thread reads on.
    ++on_lane_;
    auto failure = std::make_shared<std::optional<IoError>>();
    lane_->run(
        [this, bytes, offset, failure] {
          observer_(bytes);
          *failure = write(bytes, offset);
        },
        [this, failure] {
          --on_lane_;
          if (*failure && !error_) error_ = std::move(*failure);
          serve_acquire();
          try_finish();
        });
  }

  void async_finish(std::int64_t mtime_ns, CompletionHandler handler) override {
    mtime_ns_ = mtime_ns;
    pending_finish_ = std::move(handler);
    try_finish();
  }

 private:
  // Writes `bytes` at `offset`; the error, if any. Runs on the lane for a large file.
  std::optional<IoError> write(std::span<const std::byte> bytes, std::uint64_t offset) const {
    if (auto wrote = write_at(file_, bytes, offset); !wrote) return wrote.error();
    return std::nullopt;
  }

  // The next buffer is free once the lane is done with what it held last.
  void serve_acquire() {
    if (!pending_acquire_ || (!error_ && on_lane_ == buffers_.size())) return;
    std::span<std::byte> buffer =
        error_ ? std::span<std::byte>{} : std::span<std::byte>(buffers_[next_].data(), buffers_[next_].size());
    boost::asio::post(executor_,
                      [handler = std::move(pending_acquire_), error = error_, buffer] { handler(error, buffer); });
    pending_acquire_ = nullptr;
  }

  void try_finish() {
    if (!pending_finish_ || on_lane_ > 0) return;
    std::optional<IoError> error = error_;
    if (!error) store_mtime(file_, mtime_ns_);
    close_file(file_);
    boost::asio::post(executor_, [handler = std::move(pending_finish_), error] { handler(error); });
    pending_finish_ = nullptr;
  }

  boost::asio::any_io_executor executor_;
  ByteObserver observer_;
  File file_;
  std::vector<Buffer> buffers_;
  std::size_t next_ = 0;     // the buffer handed out (or to be) next
  std::size_t on_lane_ = 0;  // buffers being digested and written, oldest first
  std::uint64_t offset_;
  std::int64_t mtime_ns_ = 0;
  std::optional<IoError> error_;
  AcquireHandler pending_acquire_;
  CompletionHandler pending_finish_;
  // Last: destroyed first, waiting for a digest that reads the buffers.
  std::optional<DigestLane> lane_;
};

template <typename File, typename MakeBuffer>
std::unique_ptr<FileSink> make_buffered_sink(const boost::asio::any_io_executor& executor, File file,
                                             ByteObserver observer, MakeBuffer make_buffer) {
  using Buffer = std::invoke_result_t<MakeBuffer&>;
  return std::make_unique<BufferedSink<File, Buffer>>(executor, std::move(file), std::move(observer),
                                                      std::move(make_buffer));
}

}  // namespace ferry::platform::common
