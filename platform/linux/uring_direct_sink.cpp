// SPDX-License-Identifier: Apache-2.0
// Large received files: aligned O_DIRECT writes through io_uring, several in
// flight, so the receiver's page cache stays clean too. The last block is
// padded to the alignment and the file cut back to its exact size at the end
// (see PaddedBlockSink).
#include <unistd.h>

#include "aligned_buffer.hpp"
#include "file_probe.hpp"
#include "linux_sinks.hpp"
#include "padded_block_sink.hpp"

namespace ferry::platform::linux_impl {
namespace {

class DirectSink final : public common::PaddedBlockSink<AlignedBuffer> {
 public:
  DirectSink(const boost::asio::any_io_executor& executor, SinkFile file, std::size_t alignment, UringQueuePtr queue,
             const DirectOptions& options, ByteObserver observer)
      : PaddedBlockSink(executor, file.path, file.start, alignment, direct_block_bytes(options, alignment),
                        direct_buffers(options, alignment), std::move(observer)),
        file_(std::move(file)),
        queue_(std::move(queue)) {}

 private:
  void start_write(Write& write) override {
    const int fd = file_.fd.get();
    const std::byte* source = write_source(write);
    const auto length = static_cast<unsigned>(write_length(write));
    const std::uint64_t offset = write_offset(write);
    queue_->submit([=](io_uring_sqe* sqe) { io_uring_prep_write(sqe, fd, source, length, offset); },
                   [this, &write](int result) { on_written(write, result); });
  }

  void on_written(Write& write, int result) {
    if (result == -EINTR || result == -EAGAIN) return start_write(write);
    if (result < 0) return write_failed(write, errno_error(-result, "io_uring write (O_DIRECT)", path()));
    write_done(write, static_cast<std::size_t>(result));
  }

  std::optional<IoError> finish_file(std::uint64_t size, std::int64_t mtime_ns) override {
    if (::ftruncate(file_.fd.get(), static_cast<off_t>(size)) != 0) return last_errno_error("ftruncate", path());
    store_mtime(file_.fd.get(), mtime_ns, path());
    return std::nullopt;
  }

  void close_file() override { file_.fd.reset(); }

  IoError write_after_tail() const override {
    return errno_error(EINVAL, "direct write after the file's last block", path());
  }
  IoError short_write() const override { return errno_error(EIO, "io_uring write (O_DIRECT): short write", path()); }

  SinkFile file_;
  // Destroyed before the base class's buffers: it waits for writes from them.
  UringQueuePtr queue_;
};

}  // namespace

std::unique_ptr<FileSink> make_direct_sink(const boost::asio::any_io_executor& executor, SinkFile file,
                                           std::size_t alignment, UringQueuePtr queue, const DirectOptions& options,
                                           ByteObserver observer) {
  return std::make_unique<DirectSink>(executor, std::move(file), alignment, std::move(queue), options,
                                      std::move(observer));
}

}  // namespace ferry::platform::linux_impl
