// SPDX-License-Identifier: Apache-2.0
#pragma once
// How often a device may announce itself (DiscoverySettings::interval); the
// discovery datagram accepts nothing outside it (protocol/announcement.hpp).
#include <chrono>

namespace ferry {

inline constexpr std::chrono::milliseconds kMinAnnounceInterval{100};
inline constexpr std::chrono::milliseconds kMaxAnnounceInterval = std::chrono::hours(1);

}  // namespace ferry
