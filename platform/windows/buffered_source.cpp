// The fallback: ReadFile into a user buffer (through the file cache), then
// write it to the socket. The first block is read when the source is made,
// off the engine thread: a small file is then sent without the engine thread
// touching the disk.
#include <algorithm>
#include <boost/asio/post.hpp>
#include <cstring>
#include <memory>

#include "win_error.hpp"
#include "windows_sources.hpp"

namespace ferry::platform::windows_impl {
namespace {

constexpr std::size_t kBufferBytes = 1024 * 1024;

class BufferedSource final : public FileSource {
 public:
  BufferedSource(SourceFile file, ByteObserver observer)
      : file_(std::move(file)),
        observer_(std::move(observer)),
        buffer_size_(static_cast<std::size_t>(std::min<std::uint64_t>(kBufferBytes, file_.size - file_.start))),
        buffer_(std::make_unique_for_overwrite<std::byte[]>(std::max<std::size_t>(buffer_size_, 1))),
        read_offset_(file_.start) {}

  Strategy strategy() const override { return Strategy::Buffered; }
  bool observes_bytes() const override { return true; }

  // Fills the buffer with the file's first bytes.
  Result<void> read_ahead() { return fill(buffer_size_); }

  void async_send(ByteStream& stream, std::uint64_t length,
                  CompletionHandler handler) override {
    stream_ = &stream;
    remaining_ = length;
    handler_ = std::move(handler);
    next();
  }

 private:
  Result<void> fill(std::size_t want) {
    OVERLAPPED at{};  // a synchronous handle reads at this offset and returns when done
    at.Offset = static_cast<DWORD>(read_offset_);
    at.OffsetHigh = static_cast<DWORD>(read_offset_ >> 32);
    DWORD got = 0;
    if (!::ReadFile(file_.handle.get(), buffer_.get(), static_cast<DWORD>(want), &got, &at) &&
        ::GetLastError() != ERROR_HANDLE_EOF)
      return last_win32_error("ReadFile", file_.path);
    if (got == 0) return win32_error(ERROR_HANDLE_EOF, "ReadFile: file ended early", file_.path);
    held_ = got;
    read_offset_ += held_;
    return {};
  }

  void next() {
    if (remaining_ == 0) return finish(std::nullopt);
    if (held_ == 0) {
      if (auto read = fill(static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, buffer_size_))); !read)
        return finish(read.error());
    }
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(held_, remaining_));
    const std::span<const std::byte> bytes(buffer_.get(), n);
    observer_(bytes);
    stream_->async_write_all(bytes, [this, n](boost::system::error_code ec, std::size_t) {
      if (ec) return finish(IoError{ec, "send", file_.path});
      // What this call was not asked for waits at the front for the next one.
      held_ -= n;
      std::memmove(buffer_.get(), buffer_.get() + n, held_);
      remaining_ -= n;
      next();
    });
  }

  void finish(std::optional<IoError> error) {
    boost::asio::post(stream_->get_executor(),
                      [handler = std::move(handler_), error = std::move(error)] { handler(error); });
  }

  SourceFile file_;
  ByteObserver observer_;
  std::size_t buffer_size_;  // no larger than the file
  std::unique_ptr<std::byte[]> buffer_;
  std::size_t held_ = 0;  // read, not yet sent: at the buffer's front
  std::uint64_t read_offset_;
  std::uint64_t remaining_ = 0;
  ByteStream* stream_ = nullptr;
  CompletionHandler handler_;
};

}  // namespace

Result<std::unique_ptr<FileSource>> make_buffered_source(SourceFile file, ByteObserver observer) {
  const bool empty = file.start == file.size;
  auto source = std::make_unique<BufferedSource>(std::move(file), std::move(observer));
  if (!empty) {
    if (auto read = source->read_ahead(); !read) return read.error();
  }
  return std::unique_ptr<FileSource>(std::move(source));
}

}  // namespace ferry::platform::windows_impl
