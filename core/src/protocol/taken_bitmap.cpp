// SPDX-License-Identifier: Apache-2.0
// ACCEPT's bitmap of the entries a receiver takes (docs/protocol.md, ACCEPT).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ferry/core/protocol/messages.hpp"

namespace ferry::protocol {
namespace {

std::size_t bitmap_bytes(std::size_t entry_count) { return (entry_count + 7) / 8; }

bool bit(const std::vector<std::uint8_t>& bitmap, std::size_t index) {
  return ((bitmap[index / 8] >> (index % 8)) & 1U) != 0;
}

}  // namespace

std::vector<std::uint8_t> taken_bitmap(const std::vector<bool>& take) {
  std::vector<std::uint8_t> bitmap(bitmap_bytes(take.size()), 0);
  for (std::size_t i = 0; i < take.size(); ++i) {
    if (take[i]) bitmap[i / 8] = static_cast<std::uint8_t>(bitmap[i / 8] | (1U << (i % 8)));
  }
  return bitmap;
}

bool taken_bitmap_fits(const std::vector<std::uint8_t>& taken, std::size_t entry_count) {
  if (taken.size() != bitmap_bytes(entry_count)) return false;
  for (std::size_t i = entry_count; i < taken.size() * 8; ++i) {
    if (bit(taken, i)) return false;
  }
  return true;
}

bool takes(const Accept& accept, std::uint32_t index) { return accept.takes_all || bit(accept.taken, index); }

}  // namespace ferry::protocol
