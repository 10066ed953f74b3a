// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the input is a byte stream from a peer, decoded frame by
// frame the way FrameReader consumes it (a DATA frame's payload skipped). Each
// decode is checked against docs/protocol.md (wire_rules.hpp) and against the
// codec itself: frames re-encode to the same bytes, results do not depend on
// the bytes after a frame, and no prefix of a frame decodes to anything but
// NeedMore.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "wire_rules.hpp"

namespace {

using namespace ferry::protocol;
using ferry::fuzz::first_field_error;
using ferry::fuzz::payload_limit;
using ferry::fuzz::type_byte;
using Bytes = std::span<const std::byte>;
using Status = DecodeResult::Status;

constexpr std::uint8_t kHello = 0x01, kOffer = 0x02, kAccept = 0x03, kDecline = 0x04, kData = 0x06, kFileAbort = 0x08,
                       kFileResult = 0x09, kCancel = 0x0B, kHave = 0x0C;

struct Header {
  std::uint8_t type = 0;
  std::uint32_t length = 0;
};

Header read_header(Bytes input) {
  Header header{std::to_integer<std::uint8_t>(input[0])};
  for (std::size_t k = 1; k < kFrameHeaderSize; ++k) {
    header.length = (header.length << 8) | std::to_integer<std::uint32_t>(input[k]);
  }
  return header;
}

bool is_error(const DecodeResult& result, DecodeError error) {
  return result.status == Status::Error && result.consumed == 0 && result.error == make_error_code(error);
}

// Errors found in a complete payload, by the frame types that have such fields.
bool payload_may_fail_with(std::uint8_t type, DecodeError error) {
  switch (error) {
    case DecodeError::Truncated:
    case DecodeError::TrailingBytes:
      return true;
    case DecodeError::BadMagic:
      return type == kHello;
    case DecodeError::TooManyEntries:
      return type == kOffer;
    case DecodeError::InvalidEnum:
      return type == kHello || type == kOffer || type == kAccept || type == kDecline || type == kFileResult ||
             type == kHave;
    case DecodeError::TextTooLong:
    case DecodeError::InvalidUtf8:
      return type == kHello || type == kOffer || type == kDecline || type == kFileAbort || type == kFileResult ||
             type == kCancel;
    default:
      return false;
  }
}

bool same_result(const DecodeResult& a, const DecodeResult& b) {
  return a.status == b.status && a.consumed == b.consumed && a.error == b.error &&
         (a.status != Status::Frame || a.message == b.message);
}

// `result` was decided by the first `needed` bytes of `rest`: fewer are not
// enough, and exactly those (copied, so AddressSanitizer sees any read past
// them) give the same result.
void check_decided_by(Bytes rest, const DecodeResult& result, std::size_t needed) {
  for (const std::size_t size : {std::size_t{0}, kFrameHeaderSize - 1, kFrameHeaderSize, needed - 1}) {
    if (size >= needed) continue;
    const DecodeResult partial = decode(rest.first(size));
    FUZZ_CHECK(partial.status == Status::NeedMore && partial.consumed == 0 && !partial.error);
  }
  const std::vector<std::byte> exact(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(needed));
  FUZZ_CHECK(same_result(decode(exact), result));
}

// A decoded frame encodes back to the bytes it came from, and those decode to
// an equal message. Another version's HELLO is read only up to its name
// (docs/protocol.md section 3): what followed is not encoded back.
void check_reencodes(const DecodeResult& result, Bytes frame) {
  std::vector<std::byte> again;
  encode(result.message, again);
  const auto* hello = std::get_if<ferry::protocol::Hello>(&result.message);
  if (!hello || hello->version == ferry::protocol::kVersion) FUZZ_CHECK(std::ranges::equal(again, frame));
  const DecodeResult redecoded = decode(again);
  FUZZ_CHECK(redecoded.status == Status::Frame && redecoded.consumed == again.size() &&
             redecoded.message == result.message);
}

// Decodes the front of `rest`. Returns how far the stream moves on (a DATA
// frame's payload included), or nothing where a reader would stop: NeedMore
// or an error, which ends the session.
std::optional<std::size_t> step(Bytes rest) {
  const DecodeResult result = decode(rest);
  FUZZ_CHECK(result.consumed <= rest.size());
  FUZZ_CHECK((result.status == Status::Error) == bool(result.error));
  FUZZ_CHECK(!result.error || &result.error.category() == &decode_category());
  if (rest.size() < kFrameHeaderSize) {
    FUZZ_CHECK(result.status == Status::NeedMore && result.consumed == 0);
    return {};
  }

  // Section 4, rules 2 and 3: the header alone decides these.
  const Header header = read_header(rest);
  const std::optional<std::uint32_t> limit = payload_limit(header.type);
  std::optional<DecodeError> header_error;
  if (!limit) {
    header_error = DecodeError::UnknownFrameType;
  } else if (header.type == kData && header.length == 0) {
    header_error = DecodeError::EmptyData;
  } else if (header.length > *limit) {
    header_error = DecodeError::PayloadTooLarge;
  }
  if (header_error) {
    FUZZ_CHECK(is_error(result, *header_error));
    check_decided_by(rest, result, kFrameHeaderSize);
    return {};
  }

  // Rule 4: DATA is a frame as soon as its header is there.
  if (header.type == kData) {
    FUZZ_CHECK(result.status == Status::Frame && result.consumed == kFrameHeaderSize &&
               result.message == Message{DataHeader{header.length}});
    check_decided_by(rest, result, kFrameHeaderSize);
    check_reencodes(result, rest.first(kFrameHeaderSize));
    return kFrameHeaderSize + std::min<std::size_t>(header.length, rest.size() - kFrameHeaderSize);
  }

  // Rule 5: other frames wait for their whole payload, bounded by the limit.
  const std::size_t frame_size = kFrameHeaderSize + header.length;
  if (rest.size() < frame_size) {
    FUZZ_CHECK(result.status == Status::NeedMore && result.consumed == 0);
    return {};
  }
  check_decided_by(rest, result, frame_size);
  if (result.status == Status::Error) {
    FUZZ_CHECK(result.consumed == 0 &&
               payload_may_fail_with(header.type, static_cast<DecodeError>(result.error.value())));
    return {};
  }
  FUZZ_CHECK(result.status == Status::Frame && result.consumed == frame_size);
  FUZZ_CHECK(type_byte(result.message) == header.type);
  FUZZ_CHECK(!first_field_error(result.message));
  check_reencodes(result, rest.first(frame_size));
  return frame_size;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes rest = std::as_bytes(std::span(data, size));
  while (const std::optional<std::size_t> advance = step(rest)) rest = rest.subspan(*advance);
  return 0;
}
