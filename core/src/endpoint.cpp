// SPDX-License-Identifier: Apache-2.0
#include "ferry/core/endpoint.hpp"

#include <algorithm>
#include <charconv>

namespace ferry {

std::variant<Endpoint, std::string> parse_endpoint(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  std::string_view host;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find("]:");
    if (close == std::string_view::npos) return "invalid address " + quoted + ": expected [IPV6]:PORT";
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return "invalid address " + quoted + ": expected HOST:PORT";
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos)
      return "invalid address " + quoted + ": write IPv6 addresses in brackets, e.g. [::1]:53740";
  }
  if (host.empty()) return "invalid address " + quoted + ": the host is empty";
  std::uint32_t number = 0;
  const char* end = port.data() + port.size();
  const auto [stop, error] = std::from_chars(port.data(), end, number);
  if (port.empty() || error != std::errc{} || stop != end || number < 1 || number > 65535)
    return "invalid port '" + std::string(port) + "': expected a number from 1 to 65535";
  return Endpoint{std::string(host), static_cast<std::uint16_t>(number)};
}

std::variant<Endpoint, std::string> parse_endpoint(std::string_view text, std::uint16_t default_port) {
  const bool bracketed = text.starts_with('[');
  const bool has_port =
      bracketed ? text.find("]:") != std::string_view::npos : std::count(text.begin(), text.end(), ':') == 1;
  if (has_port || (bracketed && !text.ends_with(']'))) return parse_endpoint(text);
  const std::string_view host = bracketed ? text.substr(1, text.size() - 2) : text;
  if (host.empty()) return parse_endpoint(text);
  return parse_endpoint(format_endpoint({std::string(host), default_port}));
}

std::string format_endpoint(const Endpoint& endpoint) {
  const bool ipv6 = endpoint.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" + std::to_string(endpoint.port);
}

}  // namespace ferry
