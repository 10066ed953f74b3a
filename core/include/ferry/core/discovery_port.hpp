// SPDX-License-Identifier: Apache-2.0
#pragma once
// The UDP port discovery datagrams go to (docs/discovery.md), for those that
// tell users what to open in a firewall; protocol/announcement.hpp uses it.
#include <cstdint>

namespace ferry {

inline constexpr std::uint16_t kDiscoveryPort = 53741;

}  // namespace ferry
