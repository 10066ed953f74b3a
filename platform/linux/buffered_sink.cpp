// Received files below the direct threshold (or where direct writes are
// impossible): plain pwrite through the page cache.
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>
#include <boost/asio/post.hpp>

#include "aligned_buffer.hpp"
#include "digest_lane.hpp"
#include "file_probe.hpp"
#include "linux_sinks.hpp"

namespace ferry::platform::linux_impl {
namespace {

constexpr std::size_t kBufferBytes = 1024 * 1024;
// Each pwrite copies at most this much into the page cache. Measured on the
// development VM (ext4, Linux 6.18): writing 1 GiB through the page cache cost
// about 0.2 s of CPU in 32–256 KiB writes but 1–2.8 s in 512 KiB and 1 MiB
// ones (the kernel then builds large folios, whose first touch is dear
// there); a few more system calls per MiB cost nothing next to that.
constexpr std::size_t kWriteBytes = 256 * 1024;
constexpr std::size_t kPageBytes = 4096;

// A file larger than one buffer gets a second buffer and a lane thread: the
// engine thread reads the socket into one buffer while the lane digests and
// writes the other, in file order.
class BufferedSink final : public FileSink {
 public:
  BufferedSink(const boost::asio::any_io_executor& executor, SinkFile file, ByteObserver observer)
      : executor_(executor), observer_(std::move(observer)), file_(std::move(file)), offset_(file_.start) {
    buffers_.emplace_back(kBufferBytes, kPageBytes);
    if (file_.size - file_.start > kBufferBytes) {
      buffers_.emplace_back(kBufferBytes, kPageBytes);
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
      error_ = write_at(bytes, offset);
      return;
    }
    // The lane digests and writes, in order, while the engine thread reads on.
    ++on_lane_;
    auto failure = std::make_shared<std::optional<IoError>>();
    lane_->run([this, bytes, offset, failure] {
      observer_(bytes);
      *failure = write_at(bytes, offset);
    }, [this, failure] {
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
  std::optional<IoError> write_at(std::span<const std::byte> bytes, std::uint64_t offset) const {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::pwrite(file_.fd.get(), bytes.data() + done, std::min(bytes.size() - done, kWriteBytes),
                                 static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return last_errno_error("pwrite", file_.path);
      done += static_cast<std::size_t>(n);
    }
    return std::nullopt;
  }

  // The next buffer is free once the lane is done with what it held last.
  void serve_acquire() {
    if (!pending_acquire_ || (!error_ && on_lane_ == buffers_.size())) return;
    std::span<std::byte> buffer = error_ ? std::span<std::byte>{} : buffers_[next_].span();
    boost::asio::post(executor_, [handler = std::move(pending_acquire_), error = error_, buffer] {
      handler(error, buffer);
    });
    pending_acquire_ = nullptr;
  }

  void try_finish() {
    if (!pending_finish_ || on_lane_ > 0) return;
    std::optional<IoError> error = error_;
    if (!error) store_mtime(file_.fd.get(), mtime_ns_, file_.path);
    file_.fd.reset();
    boost::asio::post(executor_, [handler = std::move(pending_finish_), error] { handler(error); });
    pending_finish_ = nullptr;
  }

  boost::asio::any_io_executor executor_;
  ByteObserver observer_;
  SinkFile file_;
  std::vector<AlignedBuffer> buffers_;  // from the thread's cache: no allocation or zeroing per file
  std::size_t next_ = 0;                // the buffer handed out (or to be) next
  std::size_t on_lane_ = 0;             // buffers being digested and written, oldest first
  std::uint64_t offset_;
  std::int64_t mtime_ns_ = 0;
  std::optional<IoError> error_;
  AcquireHandler pending_acquire_;
  CompletionHandler pending_finish_;
  // Last: destroyed first, waiting for a digest that reads the buffers.
  std::optional<common::DigestLane> lane_;
};

}  // namespace

std::unique_ptr<FileSink> make_buffered_sink(const boost::asio::any_io_executor& executor,
                                             SinkFile file, ByteObserver observer) {
  return std::make_unique<BufferedSink>(executor, std::move(file), std::move(observer));
}

}  // namespace ferry::platform::linux_impl
