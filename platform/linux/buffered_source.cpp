// The fallback: pread into a large user buffer, then write it to the connection.
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>

#include "aligned_buffer.hpp"
#include "linux_sources.hpp"

namespace ferry::platform::linux_impl {
namespace {

constexpr std::size_t kBufferBytes = 1024 * 1024;
constexpr std::size_t kPageBytes = 4096;

class BufferedSource final : public FileSource {
 public:
  BufferedSource(SourceFile file, ByteObserver observer)
      : file_(std::move(file)),
        observer_(std::move(observer)),
        buffer_(kBufferBytes, kPageBytes),
        offset_(file_.start) {}

  Strategy strategy() const override { return Strategy::Buffered; }
  bool observes_bytes() const override { return true; }

  void async_send(ByteStream& stream, std::uint64_t length,
                  CompletionHandler handler) override {
    stream_ = &stream;
    remaining_ = length;
    handler_ = std::move(handler);
    next();
  }

 private:
  void next() {
    if (remaining_ == 0) return finish(std::nullopt);
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, buffer_.size()));
    ssize_t got = 0;
    do {
      got = ::pread(file_.fd.get(), buffer_.data(), want, static_cast<off_t>(offset_));
    } while (got < 0 && errno == EINTR);
    if (got < 0) return finish(last_errno_error("pread", file_.path));
    if (got == 0) return finish(errno_error(EIO, "pread: file ended early", file_.path));
    const std::span<const std::byte> bytes(buffer_.data(), static_cast<std::size_t>(got));
    observer_(bytes);
    stream_->async_write_all(bytes,
                             [this](boost::system::error_code ec, std::size_t written) {
                               if (ec) return finish(IoError{ec, "send", file_.path});
                               offset_ += written;
                               remaining_ -= written;
                               next();
                             });
  }

  void finish(std::optional<IoError> error) {
    boost::asio::post(stream_->get_executor(),
                      [handler = std::move(handler_), error = std::move(error)] { handler(error); });
  }

  SourceFile file_;
  ByteObserver observer_;
  AlignedBuffer buffer_;  // from the thread's cache: no allocation or zeroing per file
  std::uint64_t offset_;
  std::uint64_t remaining_ = 0;
  ByteStream* stream_ = nullptr;
  CompletionHandler handler_;
};

}  // namespace

std::unique_ptr<FileSource> make_buffered_source(SourceFile file, ByteObserver observer) {
  return std::make_unique<BufferedSource>(std::move(file), std::move(observer));
}

}  // namespace ferry::platform::linux_impl
