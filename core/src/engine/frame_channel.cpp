// SPDX-License-Identifier: Apache-2.0
#include "frame_channel.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <algorithm>
#include <cstring>

namespace ferry {
namespace {
constexpr std::size_t kReadChunk = 64 * 1024;

// Boost.System converts to std::error_code keeping the category and message.
std::error_code to_std(const boost::system::error_code& ec) { return ec; }
}  // namespace

// A TLS peer that closes without a close_notify ends the stream "truncated":
// for a session that is the same as a plain close.
bool is_end_of_stream(const std::error_code& ec) {
  return ec == std::error_code(boost::system::error_code(boost::asio::error::eof)) ||
         ec == std::error_code(boost::system::error_code(boost::asio::ssl::error::stream_truncated));
}

FrameReader::FrameReader(platform::ByteStream& stream) : stream_(stream), buffer_(kReadChunk) {}

void FrameReader::async_read_frame(FrameHandler handler) { decode_buffered(std::move(handler)); }

void FrameReader::decode_buffered(FrameHandler handler) {
  if (!charge_offer_decoding()) return complete(std::move(handler), OfferMemoryError::Exhausted, {});
  auto result = protocol::decode(std::span(buffer_).subspan(begin_, end_ - begin_));
  if (result.status == protocol::DecodeResult::Status::Frame) {
    begin_ += result.consumed;
    if (begin_ == end_) begin_ = end_ = 0;
    if (const auto* offer = std::get_if<protocol::Offer>(&result.message)) {
      resize_buffer(std::max(kReadChunk, end_ - begin_));
      if (!offer_memory_.resize(decoded_size(*offer)))
        return complete(std::move(handler), OfferMemoryError::Exhausted, {});
    }
    return complete(std::move(handler), {}, std::move(result.message));
  }
  if (result.status == protocol::DecodeResult::Status::Error) return complete(std::move(handler), result.error, {});
  if (!make_room()) return complete(std::move(handler), OfferMemoryError::Exhausted, {});
  stream_.async_read_some(std::span(buffer_).subspan(end_),
                          [this, handler = std::move(handler)](boost::system::error_code ec, std::size_t n) mutable {
                            if (ec) return handler(to_std(ec), {});
                            end_ += n;
                            decode_buffered(std::move(handler));
                          });
}

void FrameReader::complete(FrameHandler handler, std::error_code ec, protocol::Message message) {
  boost::asio::post(stream_.get_executor(), [handler = std::move(handler), ec, message = std::move(message)]() mutable {
    handler(ec, std::move(message));
  });
}

// Moves unread bytes to the front; when the buffer is full of an incomplete
// frame, doubles it up to that frame's size (the codec has bounded it). A
// peer that announces a large frame and sends little holds little.
bool FrameReader::make_room() {
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ < buffer_.size()) {
    if (buffer_.size() > kReadChunk && end_ < buffer_.size() / 4) resize_buffer(std::max(kReadChunk, 2 * end_));
    return true;
  }
  const std::uint32_t length = buffered_u32(1);
  const std::size_t size = std::min(2 * buffer_.size(), protocol::kFrameHeaderSize + std::size_t(length));
  const bool offer = buffer_[0] == std::byte(protocol::FrameType::Offer);
  // While it grows, the old buffer and the new one are both there.
  if (offer && !offer_memory_.resize(buffer_.size() + size)) return false;
  resize_buffer(size);
  if (offer) offer_memory_.resize(size);
  return true;
}

bool FrameReader::charge_offer_decoding() {
  const std::size_t buffered = end_ - begin_;
  constexpr std::size_t kCountEnd = protocol::kFrameHeaderSize + 4;
  if (buffered < kCountEnd || buffer_[begin_] != std::byte(protocol::FrameType::Offer)) return true;
  const std::uint32_t length = buffered_u32(begin_ + 1);
  if (buffered < protocol::kFrameHeaderSize + std::size_t(length)) return true;
  // Each entry takes at least a byte of the frame; its path's heap copy, at
  // most the path's bytes and a terminator.
  const std::size_t entries =
      std::min<std::size_t>({buffered_u32(begin_ + protocol::kFrameHeaderSize), protocol::kMaxOfferEntries, length});
  return offer_memory_.resize(buffer_.size() + entries * (sizeof(protocol::OfferEntry) + 1) + length);
}

std::uint32_t FrameReader::buffered_u32(std::size_t at) const {
  std::uint32_t value = 0;
  for (std::size_t i = at; i < at + 4; ++i) value = (value << 8) | std::to_integer<std::uint32_t>(buffer_[i]);
  return value;
}

void FrameReader::resize_buffer(std::size_t size) {
  if (size == buffer_.size()) return;
  std::vector<std::byte> resized(size);
  std::memcpy(resized.data(), buffer_.data() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
  buffer_.swap(resized);
}

void FrameReader::async_read_payload(std::span<std::byte> destination, PayloadHandler handler) {
  const std::size_t buffered = std::min(destination.size(), end_ - begin_);
  std::memcpy(destination.data(), buffer_.data() + begin_, buffered);
  begin_ += buffered;
  if (begin_ == end_) begin_ = end_ = 0;
  const auto rest = destination.subspan(buffered);
  if (rest.empty()) {
    boost::asio::post(stream_.get_executor(), [handler = std::move(handler)] { handler({}); });
    return;
  }
  stream_.async_read_all(
      rest, [handler = std::move(handler)](boost::system::error_code ec, std::size_t) { handler(to_std(ec)); });
}

FrameWriter::FrameWriter(platform::ByteStream& stream) : stream_(stream) {}

void FrameWriter::queue(const protocol::Message& message) { protocol::encode(message, pending_); }

void FrameWriter::async_flush(Handler handler) {
  next_.push_back(std::move(handler));
  if (!busy_) write_pending();
}

void FrameWriter::write_pending() {
  if (pending_.empty()) {
    auto handlers = std::exchange(next_, {});
    for (auto& h : handlers) boost::asio::post(stream_.get_executor(), [h = std::move(h)] { h({}); });
    return;
  }
  busy_ = true;
  writing_.swap(pending_);
  pending_.clear();
  waiting_ = std::exchange(next_, {});
  stream_.async_write_all(writing_, [this](boost::system::error_code ec, std::size_t) {
    busy_ = false;
    writing_.clear();
    auto handlers = std::exchange(waiting_, {});
    if (ec) {
      auto later = std::exchange(next_, {});
      handlers.insert(handlers.end(), later.begin(), later.end());
    }
    for (auto& h : handlers) h(to_std(ec));
    if (!ec && !next_.empty()) write_pending();
  });
}

}  // namespace ferry
