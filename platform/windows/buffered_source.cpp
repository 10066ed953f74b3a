// The fallback: ReadFile into a large user buffer (through the file cache),
// then write it to the socket.
#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <vector>

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
        buffer_(kBufferBytes),
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
    const auto want = static_cast<DWORD>(std::min<std::uint64_t>(remaining_, buffer_.size()));
    OVERLAPPED at{};  // a synchronous handle reads at this offset and returns when done
    at.Offset = static_cast<DWORD>(offset_);
    at.OffsetHigh = static_cast<DWORD>(offset_ >> 32);
    DWORD got = 0;
    if (!::ReadFile(file_.handle.get(), buffer_.data(), want, &got, &at) &&
        ::GetLastError() != ERROR_HANDLE_EOF)
      return finish(last_win32_error("ReadFile", file_.path));
    if (got == 0) return finish(win32_error(ERROR_HANDLE_EOF, "ReadFile: file ended early", file_.path));
    const std::span<const std::byte> bytes(buffer_.data(), got);
    observer_(bytes);
    stream_->async_write_all(bytes, [this](boost::system::error_code ec, std::size_t written) {
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
  std::vector<std::byte> buffer_;
  std::uint64_t offset_;
  std::uint64_t remaining_ = 0;
  ByteStream* stream_ = nullptr;
  CompletionHandler handler_;
};

}  // namespace

std::unique_ptr<FileSource> make_buffered_source(SourceFile file, ByteObserver observer) {
  return std::make_unique<BufferedSource>(std::move(file), std::move(observer));
}

}  // namespace ferry::platform::windows_impl
