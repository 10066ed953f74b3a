// SPDX-License-Identifier: Apache-2.0
// Direct: O_DIRECT reads through io_uring into aligned buffers, several in
// flight, each buffer sent as soon as it is read and in file order (see
// OrderedBlockSource). The page cache is bypassed, so a huge file does not
// evict anything. The file's tail is read by an aligned over-read that comes
// back short at end of file.
#include "aligned_buffer.hpp"
#include "linux_sources.hpp"
#include "ordered_block_source.hpp"

namespace ferry::platform::linux_impl {
namespace {

class DirectSource final : public common::OrderedBlockSource<AlignedBuffer> {
 public:
  DirectSource(SourceFile file, std::size_t alignment, UringQueuePtr queue, const DirectOptions& options,
               ByteObserver observer)
      : OrderedBlockSource(file.path, file.size, file.start, alignment, direct_block_bytes(options, alignment),
                           direct_buffers(options, alignment), std::move(observer)),
        file_(std::move(file)),
        queue_(std::move(queue)) {}

 private:
  void start_read(Block& block) override {
    const int fd = file_.fd.get();
    std::byte* target = read_target(block);
    const auto length = static_cast<unsigned>(read_length(block));
    const std::uint64_t offset = read_offset(block);
    queue_->submit([=](io_uring_sqe* sqe) { io_uring_prep_read(sqe, fd, target, length, offset); },
                   [this, block_offset = block.offset](int result) { on_read(block_offset, result); });
  }

  void on_read(std::uint64_t block_offset, int result) {
    if (result == -EINTR || result == -EAGAIN) return start_read(block_at(block_offset));
    if (result < 0) return fail(errno_error(-result, "io_uring read (O_DIRECT)", path()));
    read_done(block_offset, static_cast<std::size_t>(result));
  }

  IoError ended_early() const override { return errno_error(EIO, "io_uring read: file ended early", path()); }

  SourceFile file_;
  // Destroyed before the base class's buffers: it waits for reads into them.
  UringQueuePtr queue_;
};

}  // namespace

std::unique_ptr<FileSource> make_direct_source(SourceFile file, std::size_t alignment, UringQueuePtr queue,
                                               const DirectOptions& options, ByteObserver observer) {
  return std::make_unique<DirectSource>(std::move(file), alignment, std::move(queue), options, std::move(observer));
}

}  // namespace ferry::platform::linux_impl
