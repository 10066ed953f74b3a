#pragma once
// The one-byte operating-system field that HELLO and discovery datagrams
// share: 0 other, 1 Linux, 2 Windows.
#include <cstdint>

#include "ferry/platform/operating_system.hpp"
#include "protocol/wire_reader.hpp"

namespace ferry::protocol {

// Values this version does not know stand for systems added later: "other".
template <class Error>
OperatingSystem read_operating_system(WireReader<Error>& reader) {
  const std::uint8_t value = reader.u8();
  if (value == static_cast<std::uint8_t>(OperatingSystem::Linux)) return OperatingSystem::Linux;
  if (value == static_cast<std::uint8_t>(OperatingSystem::Windows)) return OperatingSystem::Windows;
  return OperatingSystem::Other;
}

}  // namespace ferry::protocol
