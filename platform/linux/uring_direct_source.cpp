// Direct: O_DIRECT reads through io_uring into aligned buffers, several in
// flight, each buffer sent as soon as it is read and in file order. The page
// cache is bypassed, so a huge file does not evict anything. The file's tail
// is read by an aligned over-read that comes back short at end of file.
#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <deque>

#include "aligned_buffer.hpp"
#include "linux_sources.hpp"
#include "ferry/platform/transfer_whole.hpp"

namespace ferry::platform::linux_impl {
namespace {

class DirectSource final : public FileSource {
 public:
  DirectSource(SourceFile file, std::size_t alignment, UringQueuePtr queue,
               const DirectOptions& options, ByteObserver observer)
      : file_(std::move(file)),
        alignment_(alignment),
        block_(AlignedBuffer::round_up(options.block_bytes, alignment)),
        observer_(std::move(observer)),
        queue_(std::move(queue)) {
    for (std::uint32_t i = 0; i < std::max<std::uint32_t>(options.queue_depth, 1); ++i)
      free_.emplace_back(block_, alignment_);
  }

  Strategy strategy() const override { return Strategy::Direct; }
  bool observes_bytes() const override { return true; }

  void async_send(boost::asio::ip::tcp::socket& socket, std::uint64_t length,
                  CompletionHandler handler) override {
    socket_ = &socket;
    owed_ = length;
    handler_ = std::move(handler);
    if (error_) return finish(error_);
    fill_queue();
    send_ready();
  }

 private:
  struct Block {
    AlignedBuffer buffer;
    std::uint64_t offset = 0;   // file offset of buffer[0]
    std::size_t valid = 0;      // bytes read so far
    std::size_t expected = 0;   // bytes this block should hold (less at EOF)
    std::size_t sent = 0;
    bool observed = false;
    bool reading = true;
  };

  void fill_queue() {
    while (!free_.empty() && next_read_ < file_.size) {
      const std::size_t expected =
          static_cast<std::size_t>(std::min<std::uint64_t>(block_, file_.size - next_read_));
      blocks_.push_back(Block{std::move(free_.back()), next_read_, 0, expected});
      free_.pop_back();
      next_read_ += expected;
      read_into(blocks_.back());
    }
  }

  // Reads the rest of `block`; the length stays aligned, so the last block
  // over-reads past EOF and the kernel returns the short remainder.
  void read_into(Block& block) {
    const std::size_t length = AlignedBuffer::round_up(block.expected, alignment_) - block.valid;
    const std::uint64_t offset = block.offset + block.valid;
    queue_->submit(
        [&, length, offset](io_uring_sqe* sqe) {
          io_uring_prep_read(sqe, file_.fd.get(), block.buffer.data() + block.valid,
                             static_cast<unsigned>(length), offset);
        },
        [this, block_offset = block.offset](int result) { on_read(block_offset, result); });
  }

  void on_read(std::uint64_t block_offset, int result) {
    auto it = std::find_if(blocks_.begin(), blocks_.end(),
                           [&](const Block& b) { return b.offset == block_offset; });
    Block& block = *it;
    if (result == -EINTR || result == -EAGAIN) return read_into(block);
    if (result < 0) return fail(errno_error(-result, "io_uring read (O_DIRECT)", file_.path));
    if (result == 0) return fail(errno_error(EIO, "io_uring read: file ended early", file_.path));
    block.valid += static_cast<std::size_t>(result);
    if (block.valid < block.expected) {
      if (block.valid % alignment_ != 0)
        return fail(errno_error(EIO, "io_uring read: file ended early", file_.path));
      return read_into(block);
    }
    block.reading = false;
    send_ready();
  }

  // Sends the front block if it has been read and nothing is being written.
  void send_ready() {
    if (writing_ || error_ || !handler_) return;
    if (owed_ == 0) return finish(std::nullopt);
    if (blocks_.empty()) return fail(errno_error(EIO, "read: file ended early", file_.path));
    Block& front = blocks_.front();
    if (front.reading) return;
    if (!front.observed) {
      observer_({front.buffer.data(), front.expected});
      front.observed = true;
    }
    const std::size_t chunk =
        static_cast<std::size_t>(std::min<std::uint64_t>(front.expected - front.sent, owed_));
    writing_ = true;
    boost::asio::async_write(
        *socket_, boost::asio::buffer(front.buffer.data() + front.sent, chunk), TransferWhole{},
        [this](boost::system::error_code ec, std::size_t written) {
          writing_ = false;
          if (ec) return fail(IoError{ec, "send", file_.path});
          owed_ -= written;
          Block& block = blocks_.front();
          block.sent += written;
          if (block.sent == block.expected) {
            free_.push_back(std::move(block.buffer));
            blocks_.pop_front();
            fill_queue();
          }
          send_ready();
        });
  }

  // A read error with no send pending is kept for the next async_send.
  void fail(IoError error) {
    if (error_) return;
    error_ = std::move(error);
    if (handler_) finish(error_);
  }

  void finish(std::optional<IoError> error) {
    boost::asio::post(socket_->get_executor(),
                      [handler = std::move(handler_), error = std::move(error)] { handler(error); });
    handler_ = nullptr;
  }

  SourceFile file_;
  std::size_t alignment_;
  std::size_t block_;
  ByteObserver observer_;
  std::vector<AlignedBuffer> free_;
  std::deque<Block> blocks_;  // in file order; front is sent next
  std::uint64_t next_read_ = 0;
  std::uint64_t owed_ = 0;
  bool writing_ = false;
  std::optional<IoError> error_;
  boost::asio::ip::tcp::socket* socket_ = nullptr;
  CompletionHandler handler_;
  // Declared last so it is destroyed first: it waits for reads into our buffers.
  UringQueuePtr queue_;
};

}  // namespace

std::unique_ptr<FileSource> make_direct_source(SourceFile file, std::size_t alignment,
                                               UringQueuePtr queue,
                                               const DirectOptions& options, ByteObserver observer) {
  return std::make_unique<DirectSource>(std::move(file), alignment, std::move(queue), options,
                                        std::move(observer));
}

}  // namespace ferry::platform::linux_impl
