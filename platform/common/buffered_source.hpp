#pragma once
// The buffered source both platforms fall back to: the file is read into a
// user buffer through the page (file) cache, shown to the observer on the
// engine thread and written to the connection. The first block is read when
// the source is made, off the engine thread: a small file is then sent without
// the engine thread touching the disk.
//
// File is the platform's open file: members `path` (for error messages),
// `size` and `start` (the first byte to send), and
// `Result<std::size_t> read_at(const File&, std::span<std::byte>, std::uint64_t offset)`
// found by argument-dependent lookup, a blocking read of at least one byte at
// `offset`, or an error (the file ending there too: it shrank while sent).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>

#include <boost/asio/post.hpp>

#include "ferry/platform/file_source.hpp"

namespace ferry::platform::common {

inline constexpr std::size_t kBufferedSourceBytes = 1024 * 1024;

template <typename File>
class BufferedSource final : public FileSource {
 public:
  BufferedSource(File file, ByteObserver observer)
      : file_(std::move(file)),
        observer_(std::move(observer)),
        buffer_size_(static_cast<std::size_t>(std::min<std::uint64_t>(kBufferedSourceBytes, file_.size - file_.start))),
        buffer_(std::make_unique_for_overwrite<std::byte[]>(std::max<std::size_t>(buffer_size_, 1))),
        read_offset_(file_.start) {}

  Strategy strategy() const override { return Strategy::Buffered; }
  bool observes_bytes() const override { return true; }
  bool read_at_open() const override { return read_at_open_; }

  // Fills the buffer with the file's first bytes.
  Result<void> read_ahead() {
    auto read = fill(buffer_size_);
    read_at_open_ = read && read_offset_ == file_.size;
    return read;
  }

  void async_send(ByteStream& stream, std::uint64_t length, CompletionHandler handler) override {
    stream_ = &stream;
    remaining_ = length;
    handler_ = std::move(handler);
    next();
  }

 private:
  Result<void> fill(std::size_t want) {
    auto got = read_at(file_, std::span<std::byte>(buffer_.get(), want), read_offset_);
    if (!got) return got.error();
    held_ = got.value();
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

  File file_;
  ByteObserver observer_;
  std::size_t buffer_size_;  // no larger than the file
  bool read_at_open_ = false;
  std::unique_ptr<std::byte[]> buffer_;
  std::size_t held_ = 0;  // read, not yet sent: at the buffer's front
  std::uint64_t read_offset_;
  std::uint64_t remaining_ = 0;
  ByteStream* stream_ = nullptr;
  CompletionHandler handler_;
};

// Blocks on the disk: reads the first block (a small file whole).
template <typename File>
Result<std::unique_ptr<FileSource>> make_buffered_source(File file, ByteObserver observer) {
  const bool empty = file.start == file.size;
  auto source = std::make_unique<BufferedSource<File>>(std::move(file), std::move(observer));
  if (!empty) {
    if (auto read = source->read_ahead(); !read) return read.error();
  }
  return std::unique_ptr<FileSource>(std::move(source));
}

}  // namespace ferry::platform::common
