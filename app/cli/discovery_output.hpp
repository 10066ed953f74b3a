// SPDX-License-Identifier: Apache-2.0
#pragma once
// Discovered peers for the console: one human line per peer, or one JSON
// object per line ("type" in snake_case, then the fields).
#include <string>

#include "ferry/core/discovery.hpp"

namespace ferry::cli {

// What to paste into `ferry-cli send`: the peer's first address and its port.
std::string peer_endpoint(const DiscoveredPeer& peer);

// "alpha  ABCD-EFGH-JKMN  192.168.1.7:53740  linux"
std::string format_peer(const DiscoveredPeer& peer);

std::string to_json(const DiscoveryEvent& event);

// For a command that only announces (receive): errors as notices on stderr,
// peers coming and going in the debug log.
void note_discovery(const DiscoveryEvent& event);
// A peer still there when `peers` ends: {"type":"peer", ...}.
std::string peer_json(const DiscoveredPeer& peer);

}  // namespace ferry::cli
