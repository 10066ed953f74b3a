#pragma once
// Which operating system this build runs on, as peers are told it.
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

namespace platform {

OperatingSystem this_operating_system();

}  // namespace platform
}  // namespace ferry
