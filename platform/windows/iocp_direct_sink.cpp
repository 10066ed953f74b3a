// Large received files: unbuffered (FILE_FLAG_NO_BUFFERING) overlapped writes
// completed through Asio's IOCP, several in flight, so the receiver's file
// cache stays clean too. The last block is padded to the sector size, and the
// exact end of file set at the end (FileEndOfFileInfo). Every write is checked
// for sector alignment first (Wine would not catch a mistake).
//
// Writes past the file's valid data length complete synchronously on NTFS
// even when overlapped (the filesystem zero-fills first); the part file was
// reserved up front, so at least no write extends the file's allocation.
#include <boost/asio/post.hpp>
#include <cstring>
#include <list>
#include <optional>

#include "alignment_check.hpp"
#include "file_probe.hpp"
#include "virtual_buffer.hpp"
#include "win_error.hpp"
#include "windows_sinks.hpp"

namespace ferry::platform::windows_impl {
namespace {

class DirectSink final : public FileSink {
 public:
  DirectSink(UnbufferedSinkFile file, const DirectOptions& options)
      : file_(std::move(file)),
        block_(VirtualBuffer::round_up(options.block_bytes, file_.sector_bytes)) {
    for (std::uint32_t i = 0; i < std::max<std::uint32_t>(options.queue_depth, 2); ++i)
      free_.push_back(std::make_shared<VirtualBuffer>(block_));
  }

  Strategy strategy() const override { return Strategy::Direct; }

  void async_acquire(AcquireHandler handler) override {
    pending_acquire_ = std::move(handler);
    serve_acquire();
  }

  void commit(std::size_t filled) override {
    Write& write = writes_.emplace_back(Write{std::move(acquired_), offset_, 0, 0});
    if (error_) return release(write);
    if (tail_written_) {
      error_ = win32_error(ERROR_INVALID_PARAMETER, "unbuffered write after the file's last block",
                           file_.path);
      return release(write);
    }
    tail_written_ = filled < block_;
    // The tail goes out padded to the sector size; async_finish cuts the padding off.
    write.length = VirtualBuffer::round_up(filled, file_.sector_bytes);
    std::memset(write.buffer->data() + filled, 0, write.length - filled);
    offset_ += filled;
    submit(write);
  }

  void async_finish(std::int64_t mtime_ns, CompletionHandler handler) override {
    mtime_ns_ = mtime_ns;
    pending_finish_ = std::move(handler);
    try_finish();
  }

 private:
  // Shared with the write in flight, so a sink destroyed mid-write leaves the
  // kernel a live buffer until the write's completion has been delivered.
  using Buffer = std::shared_ptr<VirtualBuffer>;

  struct Write {
    Buffer buffer;
    std::uint64_t offset = 0;
    std::size_t length = 0;
    std::size_t done = 0;
  };

  void submit(Write& write) {
    const std::uint64_t offset = write.offset + write.done;
    std::byte* source = write.buffer->data() + write.done;
    const std::size_t length = write.length - write.done;
    if (auto misaligned = check_unbuffered_io(offset, length, source, file_.sector_bytes,
                                              "WriteFile (FILE_FLAG_NO_BUFFERING)", file_.path)) {
      if (!error_) error_ = *misaligned;
      return release(write);
    }
    file_.handle.async_write_some_at(
        offset, boost::asio::buffer(source, length),
        [this, alive = std::weak_ptr<void>(alive_), buffer = write.buffer, &write](
            boost::system::error_code ec, std::size_t wrote) {
          if (!alive.expired()) on_written(write, ec, wrote);
        });
  }

  void on_written(Write& write, boost::system::error_code ec, std::size_t wrote) {
    if (ec && !error_) error_ = IoError{ec, "WriteFile (FILE_FLAG_NO_BUFFERING)", file_.path};
    write.done += wrote;
    if (!ec && wrote > 0 && write.done < write.length) return submit(write);
    if (!ec && write.done < write.length && !error_)
      error_ = win32_error(ERROR_WRITE_FAULT, "WriteFile (FILE_FLAG_NO_BUFFERING): short write",
                           file_.path);
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
      acquired_ = std::move(free_.back());
      free_.pop_back();
      buffer = acquired_->span().first(block_);
    }
    boost::asio::post(file_.handle.get_executor(),
                      [handler = std::move(pending_acquire_), error = error_, buffer] {
                        handler(error, buffer);
                      });
    pending_acquire_ = nullptr;
  }

  void try_finish() {
    if (!pending_finish_ || !writes_.empty()) return;
    std::optional<IoError> error = error_;
    if (!error) {
      if (auto cut = set_end_of_file(file_.handle.native_handle(), offset_, file_.path); !cut)
        error = cut.error();
    }
    if (!error) {
      if (auto timed = set_mtime(file_.handle.native_handle(), mtime_ns_, file_.path); !timed)
        error = timed.error();
    }
    boost::system::error_code ignored;
    file_.handle.close(ignored);
    boost::asio::post(file_.handle.get_executor(),
                      [handler = std::move(pending_finish_), error] { handler(error); });
    pending_finish_ = nullptr;
  }

  UnbufferedSinkFile file_;
  std::size_t block_;
  std::vector<Buffer> free_;
  Buffer acquired_;
  std::list<Write> writes_;  // in flight; list keeps their addresses stable
  std::uint64_t offset_ = 0;
  bool tail_written_ = false;
  std::int64_t mtime_ns_ = 0;
  std::optional<IoError> error_;
  AcquireHandler pending_acquire_;
  CompletionHandler pending_finish_;
  std::shared_ptr<void> alive_ = std::make_shared<int>(0);  // expires with the sink
};

}  // namespace

std::unique_ptr<FileSink> make_direct_sink(UnbufferedSinkFile file, const DirectOptions& options) {
  return std::make_unique<DirectSink>(std::move(file), options);
}

}  // namespace ferry::platform::windows_impl
