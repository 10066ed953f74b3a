// Direct: unbuffered (FILE_FLAG_NO_BUFFERING) overlapped reads completed
// through Asio's IOCP into VirtualAlloc'ed buffers, several in flight, each
// buffer sent as soon as it is read and in file order. The file cache is
// bypassed, so a huge file does not evict anything. The tail is read by an
// aligned over-read that comes back short at end of file. Every read is
// checked for sector alignment first (Wine would not catch a mistake).
#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <deque>

#include "alignment_check.hpp"
#include "virtual_buffer.hpp"
#include "win_error.hpp"
#include "windows_sources.hpp"

namespace ferry::platform::windows_impl {
namespace {

class DirectSource final : public FileSource {
 public:
  DirectSource(UnbufferedSourceFile file, const DirectOptions& options, ByteObserver observer)
      : file_(std::move(file)),
        block_(VirtualBuffer::round_up(options.block_bytes, file_.sector_bytes)),
        observer_(std::move(observer)) {
    // At least two reads in flight, so the disk never waits for the network.
    for (std::uint32_t i = 0; i < std::max<std::uint32_t>(options.queue_depth, 2); ++i)
      free_.push_back(std::make_shared<VirtualBuffer>(block_));
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
  // Shared with the read in flight, so a source destroyed mid-read leaves the
  // kernel a live buffer until the read's completion has been delivered.
  using Buffer = std::shared_ptr<VirtualBuffer>;

  struct Block {
    Buffer buffer;
    std::uint64_t offset = 0;   // file offset of buffer[0]
    std::size_t valid = 0;      // bytes read so far
    std::size_t expected = 0;   // bytes this block should hold (less at EOF)
    std::size_t sent = 0;
    bool observed = false;
    bool reading = true;
  };

  void fill_queue() {
    while (!free_.empty() && next_read_ < file_.size && !error_) {
      const std::size_t expected =
          static_cast<std::size_t>(std::min<std::uint64_t>(block_, file_.size - next_read_));
      blocks_.push_back(Block{std::move(free_.back()), next_read_, 0, expected});
      free_.pop_back();
      next_read_ += expected;
      read_into(blocks_.back());
    }
  }

  // Reads the rest of `block`; the length stays sector-aligned, so the last
  // block over-reads past EOF and the read returns the short remainder.
  void read_into(Block& block) {
    const std::size_t length =
        VirtualBuffer::round_up(block.expected, file_.sector_bytes) - block.valid;
    const std::uint64_t offset = block.offset + block.valid;
    std::byte* target = block.buffer->data() + block.valid;
    if (auto misaligned = check_unbuffered_io(offset, length, target, file_.sector_bytes,
                                              "ReadFile (FILE_FLAG_NO_BUFFERING)", file_.path))
      return fail(*misaligned);
    file_.handle.async_read_some_at(
        offset, boost::asio::buffer(target, length),
        [this, alive = std::weak_ptr<void>(alive_), buffer = block.buffer,
         block_offset = block.offset](boost::system::error_code ec, std::size_t got) {
          if (!alive.expired()) on_read(block_offset, ec, got);
        });
  }

  void on_read(std::uint64_t block_offset, boost::system::error_code ec, std::size_t got) {
    auto it = std::find_if(blocks_.begin(), blocks_.end(),
                           [&](const Block& b) { return b.offset == block_offset; });
    Block& block = *it;
    if (ec && ec != boost::asio::error::eof)
      return fail(IoError{ec, "ReadFile (FILE_FLAG_NO_BUFFERING)", file_.path});
    if (got == 0) return fail(win32_error(ERROR_HANDLE_EOF, "ReadFile: file ended early", file_.path));
    block.valid += got;
    if (block.valid < block.expected) {
      if (block.valid % file_.sector_bytes != 0)
        return fail(win32_error(ERROR_HANDLE_EOF, "ReadFile: file ended early", file_.path));
      return read_into(block);
    }
    block.reading = false;
    send_ready();
  }

  // Sends the front block if it has been read and nothing is being written.
  void send_ready() {
    if (writing_ || error_ || !handler_) return;
    if (owed_ == 0) return finish(std::nullopt);
    if (blocks_.empty()) return fail(win32_error(ERROR_HANDLE_EOF, "read: file ended early", file_.path));
    Block& front = blocks_.front();
    if (front.reading) return;
    if (!front.observed) {
      observer_({front.buffer->data(), front.expected});
      front.observed = true;
    }
    const std::size_t chunk =
        static_cast<std::size_t>(std::min<std::uint64_t>(front.expected - front.sent, owed_));
    writing_ = true;
    boost::asio::async_write(
        *socket_, boost::asio::buffer(front.buffer->data() + front.sent, chunk),
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

  UnbufferedSourceFile file_;
  std::size_t block_;
  ByteObserver observer_;
  std::vector<Buffer> free_;
  std::deque<Block> blocks_;  // in file order; front is sent next
  std::uint64_t next_read_ = 0;
  std::uint64_t owed_ = 0;
  bool writing_ = false;
  std::optional<IoError> error_;
  boost::asio::ip::tcp::socket* socket_ = nullptr;
  CompletionHandler handler_;
  std::shared_ptr<void> alive_ = std::make_shared<int>(0);  // expires with the source
};

}  // namespace

std::unique_ptr<FileSource> make_direct_source(UnbufferedSourceFile file,
                                               const DirectOptions& options, ByteObserver observer) {
  return std::make_unique<DirectSource>(std::move(file), options, std::move(observer));
}

}  // namespace ferry::platform::windows_impl
