// SPDX-License-Identifier: Apache-2.0
#pragma once
// The buffered source both platforms fall back to: the file is read into a
// user buffer through the page (file) cache, shown to the observer on the
// engine thread and written to the connection. The first block is read when
// the source is made, off the engine thread: a small file is then sent without
// the engine thread touching the disk. A larger file gets a second buffer and
// a lane thread that reads the next block while the engine thread sends the
// one before, so no read of it waits on the engine thread either.
//
// File is the platform's open file: members `path` (for error messages),
// `size` and `start` (the first byte to send), and
// `Result<std::size_t> read_at(const File&, std::span<std::byte>, std::uint64_t offset)`
// found by argument-dependent lookup, a blocking read of at least one byte at
// `offset`, or an error (the file ending there too: it shrank while sent).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include <boost/asio/post.hpp>

#include "digest_lane.hpp"
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
        read_offset_(file_.start) {
    buffers_[0] = std::make_unique_for_overwrite<std::byte[]>(std::max<std::size_t>(buffer_size_, 1));
  }

  Strategy strategy() const override { return Strategy::Buffered; }
  bool observes_bytes() const override { return true; }
  bool read_at_open() const override { return read_at_open_; }

  // Fills the first buffer with the file's first bytes (on the calling thread).
  Result<void> read_ahead() {
    auto got = read_at(file_, std::span<std::byte>(buffers_[0].get(), buffer_size_), read_offset_);
    if (!got) return got.error();
    held_ = got.value();
    read_offset_ += held_;
    read_at_open_ = read_offset_ == file_.size;
    return {};
  }

  void async_send(ByteStream& stream, std::uint64_t length, CompletionHandler handler) override {
    stream_ = &stream;
    remaining_ = length;
    handler_ = std::move(handler);
    next();
  }

 private:
  // The other buffer's read, run on the lane: what it brought.
  struct Prefetch {
    bool running = false;
    std::optional<Result<std::size_t>> got;
  };

  void next() {
    if (remaining_ == 0) return finish(std::nullopt);
    if (held_ == 0) {
      if (prefetch_.running) return;  // its done comes back here
      if (!prefetch_.got) prefetch(true);
      if (prefetch_.running) return;
      if (!take_prefetched()) return;
    }
    prefetch();  // the next block, while this one goes
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(held_, remaining_));
    const std::span<const std::byte> bytes(buffers_[active_].get() + front_, n);
    observer_(bytes);
    stream_->async_write_all(bytes, [this, n](boost::system::error_code ec, std::size_t) {
      if (ec) return finish(IoError{ec, "send", file_.path});
      // What this call was not asked for waits for the next one.
      held_ -= n;
      front_ += n;
      remaining_ -= n;
      next();
    });
  }

  // Starts reading the block after what was read into the other buffer, on
  // the lane, unless a read runs already or the file is read to its end (and
  // the bytes are not `needed`: then the read reports that it shrank).
  void prefetch(bool needed = false) {
    if (prefetch_.running || prefetch_.got || (read_offset_ == file_.size && !needed)) return;
    auto& other = buffers_[1 - active_];
    if (!other) other = std::make_unique_for_overwrite<std::byte[]>(buffer_size_);
    if (!lane_) lane_.emplace(stream_->get_executor());
    prefetch_.running = true;
    const std::span<std::byte> into(other.get(), buffer_size_);
    const std::uint64_t at = read_offset_;
    lane_->run([this, into, at] { prefetched_ = read_at(file_, into, at); },
               [this] {
                 prefetch_.running = false;
                 prefetch_.got = std::move(prefetched_);
                 if (held_ == 0 && handler_) next();
               });
  }

  // Makes the prefetched buffer the active one; false when its read failed
  // (the send is over then).
  bool take_prefetched() {
    Result<std::size_t> got = std::move(*prefetch_.got);
    prefetch_.got.reset();
    if (!got) {
      finish(got.error());
      return false;
    }
    active_ = 1 - active_;
    front_ = 0;
    held_ = got.value();
    read_offset_ += held_;
    return true;
  }

  void finish(std::optional<IoError> error) {
    boost::asio::post(stream_->get_executor(),
                      [handler = std::move(handler_), error = std::move(error)] { handler(error); });
    handler_ = nullptr;
  }

  File file_;
  ByteObserver observer_;
  std::size_t buffer_size_;  // no larger than the file
  bool read_at_open_ = false;
  std::array<std::unique_ptr<std::byte[]>, 2> buffers_;
  std::size_t active_ = 0;  // the buffer being sent
  std::size_t front_ = 0;   // where its unsent bytes start
  std::size_t held_ = 0;    // read, not yet sent
  std::uint64_t read_offset_;
  std::uint64_t remaining_ = 0;
  ByteStream* stream_ = nullptr;
  CompletionHandler handler_;
  Prefetch prefetch_;
  std::optional<Result<std::size_t>> prefetched_;  // written by the lane, taken on the engine thread
  // Last: destroyed first, waiting for a read into the buffers above.
  std::optional<DigestLane> lane_;
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
