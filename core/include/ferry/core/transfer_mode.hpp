// SPDX-License-Identifier: Apache-2.0
#pragma once
// How file bytes travel once an offer is accepted; the wire's ACCEPT carries
// it as it is (protocol::TransferMode).
#include <cstdint>
#include <string_view>

namespace ferry {

// Inside TLS, or (fast mode, granted by the receiver) as plain TCP after both
// sides left TLS, each file's digest keyed with a secret of the handshake.
// The numbers are the wire's (docs/protocol.md).
enum class TransferMode : std::uint8_t { Encrypted = 0, Fast = 1 };

constexpr std::string_view to_string(TransferMode mode) { return mode == TransferMode::Fast ? "fast" : "encrypted"; }

}  // namespace ferry
