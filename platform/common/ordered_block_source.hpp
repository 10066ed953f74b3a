// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the Linux and Windows direct sources share: the file is read in blocks
// into aligned buffers, several reads in flight, and each block is sent as
// soon as it and every block before it have been read, in file order. While
// the engine thread sends a block, a digest lane shows it (and the blocks read
// after it) to the observer, in file order; a buffer goes back to a new read
// once it is both sent and digested. A platform subclass only starts reads
// (start_read) and reports how they ended (read_done, or fail); ordering,
// back-pressure, the observer and the rest of the FileSource contract live here.
//
// Buffer is a movable owner of aligned memory for which
// `std::byte* buffer_data(const Buffer&)` is found by argument-dependent lookup.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/post.hpp>

#include "digest_lane.hpp"
#include "ferry/platform/file_source.hpp"
#include "ferry/platform/pipeline_trace.hpp"

namespace ferry::platform::common {

template <typename Buffer>
class OrderedBlockSource : public FileSource {
 public:
  Strategy strategy() const override { return Strategy::Direct; }
  bool observes_bytes() const override { return true; }

  void async_send(ByteStream& stream, std::uint64_t length, CompletionHandler handler) final {
    stream_ = &stream;
    if (!lane_) lane_.emplace(stream.get_executor());
    owed_ = length;
    handler_ = std::move(handler);
    if (error_) return finish(error_);
    fill_queue();
    send_ready();
  }

 protected:
  struct Block {
    Buffer buffer;
    std::uint64_t offset = 0;  // file offset of the buffer's first byte
    std::size_t valid = 0;     // bytes read so far
    std::size_t expected = 0;  // bytes this block should hold (less at EOF)
    std::size_t sent = 0;
    bool reading = true;
    bool digest_started = false;
    bool digested = false;
  };
  // `block_bytes` and `start` (the first byte to send) are multiples of
  // `alignment`; one block per buffer.
  OrderedBlockSource(std::string path, std::uint64_t file_size, std::uint64_t start, std::size_t alignment,
                     std::size_t block_bytes, std::vector<Buffer> buffers, ByteObserver observer)
      : path_(std::move(path)),
        file_size_(file_size),
        alignment_(alignment),
        block_bytes_(block_bytes),
        observer_(std::move(observer)),
        free_(std::move(buffers)),
        next_read_(start) {}

  // Starts reading the rest of `block`: read_offset(block), read_length(block)
  // bytes into read_target(block). Its end is reported with read_done or fail.
  virtual void start_read(Block& block) = 0;
  // The error for a file that ends before its size (it shrank while sent).
  virtual IoError ended_early() const = 0;

  const std::string& path() const { return path_; }
  std::uint64_t read_offset(const Block& block) const { return block.offset + block.valid; }
  std::byte* read_target(const Block& block) const { return buffer_data(block.buffer) + block.valid; }
  // Aligned, so the last block over-reads past the end and comes back short.
  std::size_t read_length(const Block& block) const { return round_up(block.expected) - block.valid; }
  Block& block_at(std::uint64_t block_offset) {
    return *std::find_if(blocks_.begin(), blocks_.end(), [&](const Block& b) { return b.offset == block_offset; });
  }

  // A read into the block at `block_offset` brought `got` bytes.
  void read_done(std::uint64_t block_offset, std::size_t got) {
    if (got == 0) return fail(ended_early());
    Block& block = block_at(block_offset);
    block.valid += got;
    if (block.valid < block.expected) {
      // Only the file's end may cut a read short of an aligned length.
      if (block.valid % alignment_ != 0) return fail(ended_early());
      return start_read(block);
    }
    block.reading = false;
    trace_pipeline("source read done {} +{} reads_in_flight {}", block.offset, block.valid, reads_in_flight());
    start_digests();
    send_ready();
  }

  // A read error with no send pending is kept for the next async_send.
  void fail(IoError error) {
    if (error_) return;
    error_ = std::move(error);
    if (handler_) finish(error_);
  }

 private:
  std::size_t round_up(std::size_t value) const { return (value + alignment_ - 1) / alignment_ * alignment_; }

  void fill_queue() {
    while (!free_.empty() && next_read_ < file_size_ && !error_) {
      const auto expected = static_cast<std::size_t>(std::min<std::uint64_t>(block_bytes_, file_size_ - next_read_));
      blocks_.push_back(Block{std::move(free_.back()), next_read_, 0, expected});
      free_.pop_back();
      next_read_ += expected;
      start_read(blocks_.back());
      trace_pipeline("source read submitted {} +{} reads_in_flight {}", blocks_.back().offset, expected,
                     reads_in_flight());
    }
  }

  std::size_t reads_in_flight() const {
    return static_cast<std::size_t>(
        std::count_if(blocks_.begin(), blocks_.end(), [](const Block& b) { return b.reading; }));
  }

  // Hands every block read, in file order, to the digest lane. The lane only
  // reads the buffer, as the socket write does, so both run at once.
  void start_digests() {
    for (Block& block : blocks_) {
      if (block.reading) return;
      if (block.digest_started) continue;
      block.digest_started = true;
      const std::span<const std::byte> bytes(buffer_data(block.buffer), block.expected);
      const std::uint64_t offset = block.offset;
      lane_->run(
          [this, bytes, offset] {
            observer_(bytes);
            trace_pipeline("source digested {} +{}", offset, bytes.size());
          },
          [this, offset] {
            block_at(offset).digested = true;
            digested_to_ = offset + block_at(offset).expected;
            release_done();
            send_ready();
          });
    }
  }

  // Gives buffers both sent and digested back to new reads.
  void release_done() {
    while (!blocks_.empty() && blocks_.front().digested && blocks_.front().sent == blocks_.front().expected) {
      free_.push_back(std::move(blocks_.front().buffer));
      blocks_.pop_front();
    }
    fill_queue();
  }

  // Sends the next unsent block once it has been read, if nothing is being
  // written; completes the call once its bytes are sent and digested.
  void send_ready() {
    if (writing_ || error_ || !handler_) return;
    if (owed_ == 0) {
      if (digested_to_ >= sent_to_) finish(std::nullopt);
      return;
    }
    const auto next = std::find_if(blocks_.begin(), blocks_.end(), [](const Block& b) { return b.sent < b.expected; });
    if (next == blocks_.end()) {
      // Every block read so far is sent: more comes once a digest frees a buffer.
      if (next_read_ >= file_size_) fail(ended_early());
      return;
    }
    if (next->reading) return;
    const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(next->expected - next->sent, owed_));
    writing_ = true;
    const std::uint64_t offset = next->offset;
    trace_pipeline("source send started {} +{} reads_in_flight {}", offset + next->sent, chunk, reads_in_flight());
    const std::span<const std::byte> bytes(buffer_data(next->buffer) + next->sent, chunk);
    stream_->async_write_all(bytes, [this, offset](boost::system::error_code ec, std::size_t written) {
      writing_ = false;
      if (ec) return fail(IoError{ec, "send", path_});
      owed_ -= written;
      Block& block = block_at(offset);
      block.sent += written;
      sent_to_ = block.offset + block.sent;
      trace_pipeline("source send done {} +{}", offset, block.sent);
      release_done();
      send_ready();
    });
  }

  void finish(std::optional<IoError> error) {
    boost::asio::post(stream_->get_executor(),
                      [handler = std::move(handler_), error = std::move(error)] { handler(error); });
    handler_ = nullptr;
  }

  std::string path_;
  std::uint64_t file_size_;
  std::size_t alignment_;
  std::size_t block_bytes_;
  ByteObserver observer_;
  std::vector<Buffer> free_;
  std::deque<Block> blocks_;  // in file order; front is sent next
  std::uint64_t next_read_;
  std::uint64_t sent_to_ = 0;      // file offset up to which bytes were sent
  std::uint64_t digested_to_ = 0;  // and digested
  std::uint64_t owed_ = 0;
  bool writing_ = false;
  std::optional<IoError> error_;
  ByteStream* stream_ = nullptr;
  CompletionHandler handler_;
  // Last: destroyed first, waiting for a digest that reads the buffers.
  std::optional<DigestLane> lane_;
};

}  // namespace ferry::platform::common
