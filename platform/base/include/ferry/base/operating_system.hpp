// SPDX-License-Identifier: Apache-2.0
#pragma once
// The operating systems Ferry tells its peers about (HELLO, discovery); the
// numbers are the wire's. Which one this build runs on is the platform's
// answer (ferry/platform/this_operating_system.hpp).
#include <cstdint>
#include <string_view>

namespace ferry {

enum class OperatingSystem : std::uint8_t { Other = 0, Linux = 1, Windows = 2 };

constexpr std::string_view to_string(OperatingSystem system) {
  switch (system) {
    case OperatingSystem::Linux:
      return "linux";
    case OperatingSystem::Windows:
      return "windows";
    case OperatingSystem::Other:
      break;
  }
  return "other";
}

}  // namespace ferry
