// Small received files: plain WriteFile through the file cache.
#include <boost/asio/post.hpp>
#include <vector>

#include "file_probe.hpp"
#include "win_error.hpp"
#include "windows_sinks.hpp"

namespace ferry::platform::windows_impl {
namespace {

constexpr std::size_t kBufferBytes = 1024 * 1024;

class BufferedSink final : public FileSink {
 public:
  BufferedSink(const boost::asio::any_io_executor& executor, SinkFile file, ByteObserver observer)
      : executor_(executor),
        observer_(std::move(observer)),
        file_(std::move(file)),
        buffer_(kBufferBytes),
        offset_(file_.start) {}

  Strategy strategy() const override { return Strategy::Buffered; }

  void async_acquire(AcquireHandler handler) override {
    std::span<std::byte> buffer = error_ ? std::span<std::byte>{} : std::span(buffer_);
    boost::asio::post(executor_, [handler = std::move(handler), error = error_, buffer] {
      handler(error, buffer);
    });
  }

  void commit(std::size_t filled) override {
    if (error_) return;
    observer_({buffer_.data(), filled});
    std::size_t done = 0;
    while (done < filled) {
      OVERLAPPED at{};  // a synchronous handle writes at this offset and returns when done
      const std::uint64_t offset = offset_ + done;
      at.Offset = static_cast<DWORD>(offset);
      at.OffsetHigh = static_cast<DWORD>(offset >> 32);
      DWORD wrote = 0;
      if (!::WriteFile(file_.handle.get(), buffer_.data() + done, static_cast<DWORD>(filled - done),
                       &wrote, &at)) {
        error_ = last_win32_error("WriteFile", file_.path);
        return;
      }
      done += wrote;
    }
    offset_ += filled;
  }

  void async_finish(std::int64_t mtime_ns, CompletionHandler handler) override {
    std::optional<IoError> error = error_;
    if (!error) store_mtime(file_.handle.get(), mtime_ns, file_.path);
    file_.handle.reset();
    boost::asio::post(executor_, [handler = std::move(handler), error] { handler(error); });
  }

 private:
  boost::asio::any_io_executor executor_;
  ByteObserver observer_;
  SinkFile file_;
  std::vector<std::byte> buffer_;
  std::uint64_t offset_;
  std::optional<IoError> error_;
};

}  // namespace

std::unique_ptr<FileSink> make_buffered_sink(const boost::asio::any_io_executor& executor,
                                             SinkFile file, ByteObserver observer) {
  return std::make_unique<BufferedSink>(executor, std::move(file), std::move(observer));
}

}  // namespace ferry::platform::windows_impl
