// Large received files: aligned O_DIRECT writes through io_uring, several in
// flight, so the receiver's page cache stays clean too. The last block is
// padded to the alignment and the file cut back to its exact size at the end.
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cstring>
#include <list>
#include <optional>

#include "aligned_buffer.hpp"
#include "file_probe.hpp"
#include "linux_sinks.hpp"

namespace ferry::platform::linux_impl {
namespace {

class DirectSink final : public FileSink {
 public:
  DirectSink(const boost::asio::any_io_executor& executor, SinkFile file, std::size_t alignment,
             UringQueuePtr queue, const DirectOptions& options)
      : executor_(executor),
        file_(std::move(file)),
        alignment_(alignment),
        block_(AlignedBuffer::round_up(options.block_bytes, alignment)),
        queue_(std::move(queue)) {
    for (std::uint32_t i = 0; i < std::max<std::uint32_t>(options.queue_depth, 1); ++i)
      free_.emplace_back(block_, alignment_);
  }

  Strategy strategy() const override { return Strategy::Direct; }

  void async_acquire(AcquireHandler handler) override {
    pending_acquire_ = std::move(handler);
    serve_acquire();
  }

  void commit(std::size_t filled) override {
    Write& write = writes_.emplace_back(Write{std::move(*acquired_), offset_, 0, 0});
    acquired_.reset();
    if (error_) return release(write);
    if (tail_written_) {
      error_ = errno_error(EINVAL, "direct write after the file's last block", file_.path);
      return release(write);
    }
    tail_written_ = filled < block_;
    // The tail goes out padded to the alignment; async_finish cuts the padding off.
    write.length = AlignedBuffer::round_up(filled, alignment_);
    std::memset(write.buffer.data() + filled, 0, write.length - filled);
    offset_ += filled;
    submit(write);
  }

  void async_finish(std::int64_t mtime_ns, CompletionHandler handler) override {
    mtime_ns_ = mtime_ns;
    pending_finish_ = std::move(handler);
    try_finish();
  }

 private:
  struct Write {
    AlignedBuffer buffer;
    std::uint64_t offset = 0;
    std::size_t length = 0;
    std::size_t done = 0;
  };

  void submit(Write& write) {
    queue_->submit(
        [&](io_uring_sqe* sqe) {
          io_uring_prep_write(sqe, file_.fd.get(), write.buffer.data() + write.done,
                              static_cast<unsigned>(write.length - write.done),
                              write.offset + write.done);
        },
        [this, &write](int result) { on_written(write, result); });
  }

  void on_written(Write& write, int result) {
    if (result == -EINTR || result == -EAGAIN) return submit(write);
    if (result < 0 && !error_) error_ = errno_error(-result, "io_uring write (O_DIRECT)", file_.path);
    if (result > 0) write.done += static_cast<std::size_t>(result);
    if (result > 0 && write.done < write.length && write.done % alignment_ == 0) return submit(write);
    if (result >= 0 && write.done < write.length && !error_)
      error_ = errno_error(EIO, "io_uring write (O_DIRECT): short write", file_.path);
    release(write);
  }

  void release(Write& write) {
    free_.push_back(std::move(write.buffer));
    writes_.remove_if([&](const Write& w) { return &w == &write; });
    serve_acquire();
    try_finish();
  }

  void serve_acquire() {
    if (!pending_acquire_) return;
    if (!error_ && free_.empty()) return;  // back-pressure: wait for a write to land
    std::span<std::byte> buffer;
    if (!error_) {
      acquired_.emplace(std::move(free_.back()));
      free_.pop_back();
      buffer = acquired_->span().first(block_);
    }
    boost::asio::post(executor_, [handler = std::move(pending_acquire_), error = error_, buffer] {
      handler(error, buffer);
    });
    pending_acquire_ = nullptr;
  }

  void try_finish() {
    if (!pending_finish_ || !writes_.empty()) return;
    std::optional<IoError> error = error_;
    if (!error && ::ftruncate(file_.fd.get(), static_cast<off_t>(offset_)) != 0)
      error = last_errno_error("ftruncate", file_.path);
    if (!error) {
      if (auto timed = set_mtime(file_.fd.get(), mtime_ns_, file_.path); !timed) error = timed.error();
    }
    file_.fd.reset();
    boost::asio::post(executor_, [handler = std::move(pending_finish_), error] { handler(error); });
    pending_finish_ = nullptr;
  }

  boost::asio::any_io_executor executor_;
  SinkFile file_;
  std::size_t alignment_;
  std::size_t block_;
  std::vector<AlignedBuffer> free_;
  std::optional<AlignedBuffer> acquired_;
  std::list<Write> writes_;  // in flight; list keeps their addresses stable
  std::uint64_t offset_ = 0;
  bool tail_written_ = false;
  std::int64_t mtime_ns_ = 0;
  std::optional<IoError> error_;
  AcquireHandler pending_acquire_;
  CompletionHandler pending_finish_;
  // Declared last so it is destroyed first: it waits for writes from our buffers.
  UringQueuePtr queue_;
};

}  // namespace

std::unique_ptr<FileSink> make_direct_sink(const boost::asio::any_io_executor& executor,
                                           SinkFile file, std::size_t alignment,
                                           UringQueuePtr queue,
                                           const DirectOptions& options) {
  return std::make_unique<DirectSink>(executor, std::move(file), alignment, std::move(queue),
                                      options);
}

}  // namespace ferry::platform::linux_impl
