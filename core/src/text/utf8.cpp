// SPDX-License-Identifier: Apache-2.0
#include "text/utf8.hpp"

#include <cstdint>

namespace ferry {
namespace {

struct SequenceShape {
  std::size_t length = 0;  // 0: not a valid lead byte
  std::uint8_t second_min = 0x80;
  std::uint8_t second_max = 0xBF;
};

SequenceShape shape_of(std::uint8_t lead) {
  if (lead < 0x80) return {1};
  if (lead >= 0xC2 && lead <= 0xDF) return {2};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};  // no overlongs
  if (lead == 0xED) return {3, 0x80, 0x9F};  // no surrogates
  if (lead >= 0xE1 && lead <= 0xEF) return {3};
  if (lead == 0xF0) return {4, 0x90, 0xBF};  // no overlongs
  if (lead >= 0xF1 && lead <= 0xF3) return {4};
  if (lead == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return {};
}

bool is_continuation(std::uint8_t byte) { return (byte & 0xC0) == 0x80; }

// Length of the well-formed sequence at the start of `text`, 0 when there is none.
std::size_t sequence_length(std::string_view text) {
  const auto at = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  const SequenceShape shape = shape_of(at(0));
  if (shape.length == 0 || text.size() < shape.length) return 0;
  if (shape.length > 1 && (at(1) < shape.second_min || at(1) > shape.second_max)) return 0;
  for (std::size_t k = 2; k < shape.length; ++k) {
    if (!is_continuation(at(k))) return 0;
  }
  return shape.length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) { return valid_utf8_prefix(text, text.size()).size() == text.size(); }

std::string_view valid_utf8_prefix(std::string_view text, std::size_t max_bytes) {
  std::size_t end = 0;
  while (end < text.size()) {
    const std::size_t length = sequence_length(text.substr(end));
    if (length == 0 || end + length > max_bytes) break;
    end += length;
  }
  return text.substr(0, end);
}

std::string with_invalid_bytes_replaced(std::string_view text) {
  constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const std::size_t length = sequence_length(text);
    if (length == 0) {
      out += kReplacementCharacter;
      text.remove_prefix(1);
    } else {
      out += text.substr(0, length);
      text.remove_prefix(length);
    }
  }
  return out;
}

}  // namespace ferry
