// SPDX-License-Identifier: Apache-2.0
#pragma once
// Sans-I/O codec: bytes in, messages out, and back. Knows nothing of sockets.
#include <cstddef>
#include <cstdint>
#include <span>
#include <system_error>
#include <vector>

#include "ferry/core/protocol/messages.hpp"

namespace ferry::protocol {

enum class DecodeError {
  UnknownFrameType = 1,
  PayloadTooLarge,  // declared length above the limit for its frame type
  Truncated,        // payload ends before its fields do
  TrailingBytes,    // payload longer than its fields
  BadMagic,         // HELLO does not start with "FERRY"
  TextTooLong,      // a string above its limit
  TooManyEntries,   // offer entry count above kMaxOfferEntries
  InvalidEnum,      // entry kind, decline reason, file status or have kind out of range
  EmptyData,        // DATA frame with length 0
  InvalidUtf8,      // a string that is not valid UTF-8
};

const std::error_category& decode_category();
std::error_code make_error_code(DecodeError);

struct DecodeResult {
  enum class Status { NeedMore, Frame, Error } status = Status::NeedMore;
  std::size_t consumed = 0;  // bytes of the input this frame used (header only for DATA)
  Message message;           // valid when status == Frame
  std::error_code error;     // valid when status == Error
};

// Decodes the first frame in `input`. NeedMore: not enough bytes yet (nothing
// consumed). A payload length above the limit of its type is an Error as soon
// as the 5-byte header is present, before any payload is awaited.
DecodeResult decode(std::span<const std::byte> input);

// Appends the encoded frame to `out`. Encoding a DataHeader appends only the
// 5-byte header; the caller sends the payload.
void encode(const Message& message, std::vector<std::byte>& out);

}  // namespace ferry::protocol

template <>
struct std::is_error_code_enum<ferry::protocol::DecodeError> : std::true_type {};
