// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace ferry {

// How one file's bytes move between disk and socket.
enum class Strategy : std::uint8_t {
  ZeroCopy,  // sendfile/TransmitFile from the page cache; receiver writes buffered
  Direct,    // async O_DIRECT / FILE_FLAG_NO_BUFFERING reads and writes, page cache untouched
  Buffered,  // plain read/write through a large user buffer (the fallback)
};

constexpr std::string_view to_string(Strategy strategy) {
  switch (strategy) {
    case Strategy::ZeroCopy:
      return "zerocopy";
    case Strategy::Direct:
      return "direct";
    case Strategy::Buffered:
      return "buffered";
  }
  return "unknown";
}

constexpr std::optional<Strategy> parse_strategy(std::string_view text) {
  if (text == "zerocopy") return Strategy::ZeroCopy;
  if (text == "direct") return Strategy::Direct;
  if (text == "buffered") return Strategy::Buffered;
  return std::nullopt;
}

}  // namespace ferry
