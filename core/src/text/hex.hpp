// SPDX-License-Identifier: Apache-2.0
#pragma once
// Bytes as lowercase hexadecimal: the form of certificate fingerprints, which
// are also the device ids discovery announces.
#include <cstdint>
#include <span>
#include <string>

namespace ferry {

inline std::string lowercase_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const std::uint8_t byte : bytes) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0F];
  }
  return hex;
}

}  // namespace ferry
