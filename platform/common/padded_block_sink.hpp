// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the Linux and Windows direct sinks share: the caller fills aligned
// buffers handed out by async_acquire (back-pressure: only when a write has
// released one), each committed buffer is written at its file offset with
// several writes in flight, the last one padded to the alignment, and at the
// end the platform cuts the file to its exact size. While a buffer is
// written, a digest lane shows its bytes to the observer, in file order; the
// buffer goes back to the caller once both are done. A platform subclass only
// starts writes (start_write), reports how they ended (write_done,
// write_failed) and finishes the file (finish_file, close_file).
//
// Buffer is a movable owner of aligned memory for which
// `std::byte* buffer_data(const Buffer&)` is found by argument-dependent lookup.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <list>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>

#include "digest_lane.hpp"
#include "ferry/platform/file_sink.hpp"
#include "ferry/platform/pipeline_trace.hpp"

namespace ferry::platform::common {

template <typename Buffer>
class PaddedBlockSink : public FileSink {
 public:
  Strategy strategy() const override { return Strategy::Direct; }

  void async_acquire(AcquireHandler handler) final {
    pending_acquire_ = std::move(handler);
    serve_acquire();
  }

  void commit(std::size_t filled) final {
    Write& write = writes_.emplace_back(Write{std::move(*acquired_), offset_, 0, 0});
    acquired_.reset();
    if (error_) {
      write.written = true;  // never started
      return release(write);
    }
    if (tail_written_) return write_failed(write, write_after_tail());
    tail_written_ = filled < block_bytes_;
    // The tail goes out padded to the alignment; finish_file cuts the padding off.
    write.length = (filled + alignment_ - 1) / alignment_ * alignment_;
    std::memset(buffer_data(write.buffer) + filled, 0, write.length - filled);
    offset_ += filled;
    trace_pipeline("sink write submitted {} +{} writes_in_flight {}", write.offset, write.length, writes_.size());
    start_digest(write, filled);
    start_write(write);
  }

  void async_finish(std::int64_t mtime_ns, CompletionHandler handler) final {
    mtime_ns_ = mtime_ns;
    pending_finish_ = std::move(handler);
    try_finish();
  }

 protected:
  struct Write {
    Buffer buffer;
    std::uint64_t offset = 0;  // file offset of the buffer's first byte
    std::size_t length = 0;    // aligned
    std::size_t done = 0;
    bool written = false;    // landed, or failed
    bool digesting = false;  // its bytes are on the digest lane
  };

  // `block_bytes` and `start` (the first byte to write) are multiples of
  // `alignment`; one block per buffer.
  PaddedBlockSink(const boost::asio::any_io_executor& executor, std::string path, std::uint64_t start,
                  std::size_t alignment, std::size_t block_bytes, std::vector<Buffer> buffers, ByteObserver observer)
      : executor_(executor),
        observer_(std::move(observer)),
        path_(std::move(path)),
        alignment_(alignment),
        block_bytes_(block_bytes),
        free_(std::move(buffers)),
        offset_(start) {}

  // Starts writing the rest of `write`: write_length(write) bytes from
  // write_source(write) at write_offset(write). Its end is reported with
  // write_done or write_failed.
  virtual void start_write(Write& write) = 0;
  // Gives the file its exact `size` and `mtime_ns`; called once every write
  // has landed without error. close_file follows in every case.
  virtual std::optional<IoError> finish_file(std::uint64_t size, std::int64_t mtime_ns) = 0;
  virtual void close_file() = 0;
  virtual IoError write_after_tail() const = 0;  // a full block after a short one
  virtual IoError short_write() const = 0;       // a write that stopped unaligned

  const std::string& path() const { return path_; }
  std::uint64_t write_offset(const Write& write) const { return write.offset + write.done; }
  std::byte* write_source(const Write& write) const { return buffer_data(write.buffer) + write.done; }
  std::size_t write_length(const Write& write) const { return write.length - write.done; }

  void write_done(Write& write, std::size_t wrote) {
    write.done += wrote;
    if (wrote > 0 && write.done < write.length && write.done % alignment_ == 0) return start_write(write);
    if (write.done < write.length) return write_failed(write, short_write());
    trace_pipeline("sink write done {} +{}", write.offset, write.length);
    write.written = true;
    release(write);
  }

  // The first error is the one reported; the buffer goes back either way.
  void write_failed(Write& write, IoError error) {
    if (!error_) error_ = std::move(error);
    write.written = true;
    release(write);
  }

 private:
  // The lane only reads the buffer, as the write does, so both run at once.
  void start_digest(Write& write, std::size_t filled) {
    if (!lane_) lane_.emplace(executor_);
    write.digesting = true;
    const std::span<const std::byte> bytes(buffer_data(write.buffer), filled);
    const std::uint64_t offset = write.offset;
    lane_->run(
        [this, bytes, offset] {
          observer_(bytes);
          trace_pipeline("sink digested {} +{}", offset, bytes.size());
        },
        [this, &write] {
          write.digesting = false;
          release(write);
        });
  }

  // Gives the buffer back once it is neither written nor digested any more.
  void release(Write& write) {
    if (write.digesting || !write.written) return;
    free_.push_back(std::move(write.buffer));
    writes_.remove_if([&](const Write& w) { return &w == &write; });
    serve_acquire();
    try_finish();
  }

  void serve_acquire() {
    if (!pending_acquire_) return;
    if (!error_ && free_.empty()) {  // back-pressure: wait for a write to land
      trace_pipeline("sink acquire waits writes_in_flight {}", writes_.size());
      return;
    }
    std::span<std::byte> buffer;
    if (!error_) {
      acquired_.emplace(std::move(free_.back()));
      free_.pop_back();
      buffer = {buffer_data(*acquired_), block_bytes_};
      trace_pipeline("sink acquired writes_in_flight {}", writes_.size());
    }
    boost::asio::post(executor_,
                      [handler = std::move(pending_acquire_), error = error_, buffer] { handler(error, buffer); });
    pending_acquire_ = nullptr;
  }

  void try_finish() {
    if (!pending_finish_ || !writes_.empty()) return;
    std::optional<IoError> error = error_;
    if (!error) error = finish_file(offset_, mtime_ns_);
    close_file();
    boost::asio::post(executor_, [handler = std::move(pending_finish_), error] { handler(error); });
    pending_finish_ = nullptr;
  }

  boost::asio::any_io_executor executor_;
  ByteObserver observer_;
  std::string path_;
  std::size_t alignment_;
  std::size_t block_bytes_;
  std::vector<Buffer> free_;
  std::optional<Buffer> acquired_;
  std::list<Write> writes_;  // in flight; a list keeps their addresses stable
  std::uint64_t offset_;
  bool tail_written_ = false;
  std::int64_t mtime_ns_ = 0;
  std::optional<IoError> error_;
  AcquireHandler pending_acquire_;
  CompletionHandler pending_finish_;
  // Last: destroyed first, waiting for a digest that reads the buffers.
  std::optional<DigestLane> lane_;
};

}  // namespace ferry::platform::common
