// SPDX-License-Identifier: Apache-2.0
#pragma once
// The discovery sockets: one UDP socket per address family, bound to the
// discovery port, member of the discovery group on every interface in scope,
// sending each datagram once per interface with TTL / hop limit 1, so it
// never leaves the link. Runs on the io_context's thread; receive callbacks
// arrive there too.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "discovery/link_scope.hpp"
#include "ferry/core/protocol/announcement.hpp"
#include "ferry/platform/network_interfaces.hpp"

namespace ferry::discovery {

class MulticastLink {
 public:
  // `host`: the sender's address as parse_endpoint takes hosts ("fe80::1%eth0");
  // `port`: its source port (the discovery port unless it came by unicast).
  using Receive = std::function<void(std::span<const std::byte> datagram, const std::string& host, std::uint16_t port)>;

  MulticastLink(boost::asio::io_context& context, std::uint16_t port, Receive receive);

  // Opens the sockets of the scope's families; what failed, as sentences.
  // A scope of one loopback address binds there (loopback cannot multicast:
  // such a discovery is reached by unicast only, as tests do).
  std::vector<std::string> open(const LinkScope& scope);
  // Joins the group on interfaces in scope not joined yet; later sends go to
  // exactly these interfaces.
  void use_interfaces(const std::vector<platform::NetworkInterface>& interfaces, const LinkScope& scope);
  // Once per interface and family; a failed send is logged, not retried.
  void send(std::span<const std::byte> datagram);
  // One datagram by unicast from the discovery port (IPv4): an answer to a
  // device's unicast socket, which its firewall lets in as a reply.
  void send_to(std::span<const std::byte> datagram, const boost::asio::ip::udp::endpoint& to);
  void close();

 private:
  struct Family {
    explicit Family(boost::asio::io_context& context) : socket(context) {}
    boost::asio::ip::udp::socket socket;
    std::array<std::byte, protocol::kMaxDatagramBytes + 1> buffer{};  // one more: longer ones are seen as such
    boost::asio::ip::udp::endpoint sender;
  };

  std::optional<std::string> open_family(Family& family, const boost::asio::ip::udp::endpoint& local);
  void receive_next(Family& family);
  void join_ipv4(const platform::NetworkInterface& interface);
  void join_ipv6(const platform::NetworkInterface& interface);

  std::uint16_t port_;
  Receive receive_;
  Family ipv4_;
  Family ipv6_;
  boost::asio::ip::address_v4 group_v4_;
  boost::asio::ip::address_v6 group_v6_;
  // Joined interfaces: IPv4 by (index, address), IPv6 by index.
  std::set<std::pair<std::uint32_t, platform::Ipv4Address>> joined_v4_;
  std::set<std::uint32_t> joined_v6_;
  std::vector<boost::asio::ip::address_v4> send_v4_;  // outbound interface addresses
  std::vector<std::uint32_t> send_v6_;                // outbound interface indices
};

}  // namespace ferry::discovery
