// SPDX-License-Identifier: Apache-2.0
#pragma once
// Frames over a session's connection: the Asio side of the sans-I/O codec.
//
// FrameReader reads frames one at a time, and DATA payloads straight into the
// caller's buffer (only bytes that arrived with the header are copied). Its
// buffer grows with the bytes that actually arrive, never with what a header
// announces, and shrinks back once a large frame is consumed; an OFFER's
// bytes, then its bytes and its entries while it decodes, then its entries
// count against the process's offer memory (offer_memory.hpp) for as long as
// the reader lives.
// FrameWriter batches control frames and writes them in one go on flush, so
// consecutive small frames cost one system call. Both run on the socket's
// executor and allow one outstanding operation each. The stream may change
// underneath between frames (fast mode leaves TLS): they hold no state of it.
#include <cstddef>
#include <functional>
#include <span>
#include <system_error>
#include <vector>

#include "ferry/core/protocol/codec.hpp"
#include "ferry/platform/byte_stream.hpp"
#include "offer_memory.hpp"

namespace ferry {

// True when `ec` says the peer closed the connection cleanly.
bool is_end_of_stream(const std::error_code& ec);

class FrameReader {
 public:
  using FrameHandler = std::function<void(std::error_code, protocol::Message)>;
  using PayloadHandler = std::function<void(std::error_code)>;

  explicit FrameReader(platform::ByteStream& stream);

  // Completes with the next frame, or a socket error, or a decode_category
  // error, or OfferMemoryError::Exhausted for an offer over the cap.
  void async_read_frame(FrameHandler handler);
  // Fills `destination` with the next bytes of a DATA payload.
  void async_read_payload(std::span<std::byte> destination, PayloadHandler handler);

 private:
  void decode_buffered(FrameHandler handler);
  void complete(FrameHandler handler, std::error_code ec, protocol::Message message);
  // Room for more bytes of the frame being read; false when it is an offer
  // that would pass the offer memory cap.
  bool make_room();
  // Before a complete OFFER decodes: charges its bytes and the most its
  // entries can take, so the cap holds while both are in memory; false past it.
  bool charge_offer_decoding();
  std::uint32_t buffered_u32(std::size_t at) const;
  void resize_buffer(std::size_t size);

  platform::ByteStream& stream_;
  std::vector<std::byte> buffer_;
  std::size_t begin_ = 0;  // unread bytes are buffer_[begin_, end_)
  std::size_t end_ = 0;
  OfferMemoryCharge offer_memory_;
};

class FrameWriter {
 public:
  using Handler = std::function<void(std::error_code)>;

  explicit FrameWriter(platform::ByteStream& stream);

  void queue(const protocol::Message& message);
  // Writes everything queued so far; `handler` runs when it is all written.
  void async_flush(Handler handler);

 private:
  void write_pending();

  platform::ByteStream& stream_;
  std::vector<std::byte> pending_;
  std::vector<std::byte> writing_;
  std::vector<Handler> waiting_;  // flushes covered by the write in flight
  std::vector<Handler> next_;     // flushes covered by the next write
  bool busy_ = false;
};

}  // namespace ferry
