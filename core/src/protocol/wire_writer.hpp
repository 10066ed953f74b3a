// SPDX-License-Identifier: Apache-2.0
#pragma once
// Big-endian field writer of Ferry's wire formats (docs/protocol.md section 2,
// docs/discovery.md): integers in network byte order, strings as a u16 byte
// length (u32 for a long text) then the UTF-8 bytes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ferry::protocol {

class WireWriter {
 public:
  explicit WireWriter(std::vector<std::byte>& out) : out_(out) {}

  void u8(std::uint8_t value) { out_.push_back(static_cast<std::byte>(value)); }
  void u16(std::uint16_t value) { unsigned_be(value, 2); }
  void u32(std::uint32_t value) { unsigned_be(value, 4); }
  void u64(std::uint64_t value) { unsigned_be(value, 8); }
  void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }

  void raw(std::span<const std::byte> bytes) { out_.insert(out_.end(), bytes.begin(), bytes.end()); }

  void text(std::string_view value) {
    u16(static_cast<std::uint16_t>(value.size()));
    raw(std::as_bytes(std::span(value.data(), value.size())));
  }

  // A text with a u32 length (an OFFER's message).
  void long_text(std::string_view value) {
    u32(static_cast<std::uint32_t>(value.size()));
    raw(std::as_bytes(std::span(value.data(), value.size())));
  }

  std::size_t position() const { return out_.size(); }

  // Overwrites the u32 at `offset`, written earlier as a placeholder.
  void patch_u32(std::size_t offset, std::uint32_t value) {
    for (std::size_t k = 0; k < 4; ++k) {
      out_[offset + k] = static_cast<std::byte>(value >> (8 * (3 - k)));
    }
  }

 private:
  void unsigned_be(std::uint64_t value, std::size_t width) {
    for (std::size_t k = width; k-- > 0;) u8(static_cast<std::uint8_t>(value >> (8 * k)));
  }

  std::vector<std::byte>& out_;
};

}  // namespace ferry::protocol
