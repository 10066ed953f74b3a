// SPDX-License-Identifier: Apache-2.0
#pragma once
// Big-endian field reader of Ferry's wire formats, the counterpart of
// WireWriter. The first error sticks: later reads return zero values and
// consume nothing, so a parser can read all fields and check once.
// `Error` is the format's error enum; it names Truncated, TextTooLong,
// InvalidUtf8 and InvalidEnum.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "text/utf8.hpp"

namespace ferry::protocol {

template <class Error>
class WireReader {
 public:
  explicit WireReader(std::span<const std::byte> input) : input_(input) {}

  std::uint8_t u8() { return static_cast<std::uint8_t>(unsigned_be(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(unsigned_be(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(unsigned_be(4)); }
  std::uint64_t u64() { return unsigned_be(8); }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }

  // The next `count` bytes, or an empty span (and Truncated) when fewer remain.
  std::span<const std::byte> raw(std::size_t count) {
    if (!take(count)) return {};
    return input_.subspan(position_ - count, count);
  }

  // The next N bytes as an array (a digest, a device id); zeros when fewer remain.
  template <std::size_t N>
  std::array<std::uint8_t, N> array() {
    std::array<std::uint8_t, N> bytes{};
    std::ranges::transform(raw(N), bytes.begin(), [](std::byte b) { return std::to_integer<std::uint8_t>(b); });
    return bytes;
  }

  // A u16-length-prefixed UTF-8 string of at most `max_bytes` bytes.
  std::string text(std::size_t max_bytes) { return utf8_of_length(u16(), max_bytes); }
  // The same with a u32 length, for a longer text.
  std::string long_text(std::size_t max_bytes) { return utf8_of_length(u32(), max_bytes); }

  std::size_t remaining() const { return input_.size() - position_; }
  bool failed() const { return error_.has_value(); }
  std::optional<Error> error() const { return error_; }

  void fail(Error error) {
    if (!error_) error_ = error;
  }

 private:
  std::string utf8_of_length(std::size_t length, std::size_t max_bytes) {
    if (failed()) return {};
    if (length > max_bytes) {
      fail(Error::TextTooLong);
      return {};
    }
    const auto bytes = raw(length);
    if (failed()) return {};
    std::string value(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (!is_valid_utf8(value)) {
      fail(Error::InvalidUtf8);
      return {};
    }
    return value;
  }

  bool take(std::size_t count) {
    if (failed()) return false;
    if (remaining() < count) {
      fail(Error::Truncated);
      return false;
    }
    position_ += count;
    return true;
  }

  std::uint64_t unsigned_be(std::size_t width) {
    std::uint64_t value = 0;
    for (const std::byte byte : raw(width)) {
      value = (value << 8) | std::to_integer<std::uint64_t>(byte);
    }
    return value;
  }

  std::span<const std::byte> input_;
  std::size_t position_ = 0;
  std::optional<Error> error_;
};

// Reads a u8 that must lie in [min, max], else InvalidEnum.
template <class Error, typename Enum>
Enum read_enum(WireReader<Error>& reader, Enum min, Enum max) {
  const std::uint8_t value = reader.u8();
  if (value < static_cast<std::uint8_t>(min) || value > static_cast<std::uint8_t>(max)) {
    reader.fail(Error::InvalidEnum);
    return min;
  }
  return static_cast<Enum>(value);
}

}  // namespace ferry::protocol
