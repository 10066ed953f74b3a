// SPDX-License-Identifier: Apache-2.0
#pragma once
// The network interfaces that peer discovery announces on: up, able to
// multicast, not loopback, with at least one address. Enumerated afresh on
// every call (getifaddrs on Linux, GetAdaptersAddresses on Windows), so
// interfaces that come and go are noticed.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ferry/base/io_result.hpp"

namespace ferry::platform {

using Ipv4Address = std::array<std::uint8_t, 4>;  // network byte order
using Ipv6Address = std::array<std::uint8_t, 16>;

struct NetworkInterface {
  std::string name;         // "eth0"; on Windows the adapter's friendly name
  std::uint32_t index = 0;  // the OS's interface index: the IPv6 scope id
  std::vector<Ipv4Address> ipv4;
  std::vector<Ipv6Address> ipv6;  // link-local ones included
};

Result<std::vector<NetworkInterface>> multicast_interfaces();

}  // namespace ferry::platform
