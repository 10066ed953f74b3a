// SPDX-License-Identifier: Apache-2.0
#pragma once
// A peer's address as people write it: "host:port", "192.168.1.7:53740" or
// "[::1]:53740" (IPv6 in brackets).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace ferry {

// The port Ferry receives on unless told otherwise.
inline constexpr std::uint16_t kDefaultReceivePort = 53740;

struct Endpoint {
  std::string host;
  std::uint16_t port = 0;
  bool operator==(const Endpoint&) const = default;
};

// The endpoint, or why `text` is not one (a sentence naming the text).
std::variant<Endpoint, std::string> parse_endpoint(std::string_view text);

// The same with the port optional, as people type a peer's address:
// "192.168.1.7", "laptop", "::1", "[::1]" and "fe80::1%eth0" get `default_port`.
std::variant<Endpoint, std::string> parse_endpoint(std::string_view text, std::uint16_t default_port);

// Back to text, with brackets around an IPv6 host.
std::string format_endpoint(const Endpoint& endpoint);

}  // namespace ferry
