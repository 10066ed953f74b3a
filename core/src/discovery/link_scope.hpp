// SPDX-License-Identifier: Apache-2.0
#pragma once
// Where discovery may speak: the interfaces and address families on which
// the receiver it announces can be reached, derived from its bind address.
#include <optional>
#include <string>

#include <boost/asio/ip/address.hpp>

#include "ferry/platform/network_interfaces.hpp"

namespace ferry::discovery {

struct LinkScope {
  bool ipv4 = false;
  bool ipv6 = false;
  std::optional<boost::asio::ip::address> only;  // a specific bind address: its interface only

  // "::" (or empty): everything; "0.0.0.0": IPv4 everywhere; another
  // address: its family on the interface that carries it; nothing for a
  // text that is not an address.
  static LinkScope of(const std::string& bind_address);
  bool ipv4_on(const platform::NetworkInterface& interface) const;
  bool ipv6_on(const platform::NetworkInterface& interface) const;
};

}  // namespace ferry::discovery
