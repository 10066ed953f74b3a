// SPDX-License-Identifier: Apache-2.0
#include "discovery/link_scope.hpp"

#include <algorithm>

namespace ferry::discovery {

LinkScope LinkScope::of(const std::string& bind_address) {
  if (bind_address.empty()) return {true, true, std::nullopt};
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(bind_address, ec);
  if (ec) return {};
  LinkScope scope{address.is_v4(), address.is_v6(), std::nullopt};
  if (address.is_v6() && address.is_unspecified()) scope.ipv4 = true;  // dual stack
  if (!address.is_unspecified()) scope.only = address;
  return scope;
}

bool LinkScope::ipv4_on(const platform::NetworkInterface& interface) const {
  if (!ipv4 || interface.ipv4.empty()) return false;
  return !only || std::ranges::find(interface.ipv4, only->to_v4().to_bytes()) != interface.ipv4.end();
}

bool LinkScope::ipv6_on(const platform::NetworkInterface& interface) const {
  if (!ipv6 || interface.ipv6.empty()) return false;
  return !only || std::ranges::find(interface.ipv6, only->to_v6().to_bytes()) != interface.ipv6.end();
}

}  // namespace ferry::discovery
