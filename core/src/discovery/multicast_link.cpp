// SPDX-License-Identifier: Apache-2.0
#include "discovery/multicast_link.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/multicast.hpp>
#include <boost/asio/ip/v6_only.hpp>

namespace ferry::discovery {
namespace asio = boost::asio;
using asio::ip::udp;

MulticastLink::MulticastLink(asio::io_context& context, std::uint16_t port, Receive receive)
    : port_(port),
      receive_(std::move(receive)),
      ipv4_(context),
      ipv6_(context),
      group_v4_(asio::ip::make_address_v4(protocol::kDiscoveryGroupIpv4)),
      group_v6_(asio::ip::make_address_v6(protocol::kDiscoveryGroupIpv6)) {}

std::vector<std::string> MulticastLink::open(const LinkScope& scope) {
  std::vector<std::string> failures;
  if (scope.ipv4) {
    const bool loopback = scope.only && scope.only->is_loopback();
    const udp::endpoint local = loopback ? udp::endpoint(*scope.only, port_) : udp::endpoint(udp::v4(), port_);
    if (auto failure = open_family(ipv4_, local)) failures.push_back(std::move(*failure));
  }
  if (scope.ipv6) {
    if (auto failure = open_family(ipv6_, udp::endpoint(udp::v6(), port_))) failures.push_back(std::move(*failure));
  }
  return failures;
}

std::optional<std::string> MulticastLink::open_family(Family& family, const udp::endpoint& local) {
  auto& socket = family.socket;
  const udp protocol = local.protocol();
  boost::system::error_code ec;
  socket.open(protocol, ec);
  if (!ec && protocol == udp::v6()) socket.set_option(asio::ip::v6_only(true), ec);
  // Every Ferry on this computer listens on the same port.
  if (!ec) socket.set_option(udp::socket::reuse_address(true), ec);
  if (!ec) socket.bind(local, ec);
  if (!ec) socket.set_option(asio::ip::multicast::hops(1), ec);
  // Other Ferry processes on this computer hear us too; our own datagrams
  // are recognised by the device id.
  if (!ec) socket.set_option(asio::ip::multicast::enable_loopback(true), ec);
  // Sends happen between receives on this thread and must never block it.
  if (!ec) socket.non_blocking(true, ec);
  if (ec) {
    socket.close();
    return "discovery on UDP " + std::string(protocol == udp::v4() ? "IPv4" : "IPv6") + " port " +
           std::to_string(port_) + ": " + ec.message();
  }
  receive_next(family);
  return std::nullopt;
}

void MulticastLink::receive_next(Family& family) {
  family.socket.async_receive_from(
      asio::buffer(family.buffer), family.sender, [this, &family](boost::system::error_code ec, std::size_t size) {
        if (ec == asio::error::operation_aborted || !family.socket.is_open()) return;
        if (!ec) {
          receive_(std::span(family.buffer).first(size), family.sender.address().to_string(), family.sender.port());
        } else if (ec != asio::error::message_size && ec != asio::error::connection_reset) {
          // Windows reports a datagram longer than the buffer as message_size
          // (dropped like any oversized one) and an ICMP "port unreachable"
          // for an earlier send as connection_reset; anything else ends receiving.
          spdlog::warn("discovery: receiving stopped: {}", ec.message());
          return;
        }
        receive_next(family);
      });
}

void MulticastLink::use_interfaces(const std::vector<platform::NetworkInterface>& interfaces, const LinkScope& scope) {
  send_v4_.clear();
  send_v6_.clear();
  std::set<std::pair<std::uint32_t, platform::Ipv4Address>> present_v4;
  std::set<std::uint32_t> present_v6;
  for (const auto& interface : interfaces) {
    if (ipv4_.socket.is_open() && scope.ipv4_on(interface)) {
      join_ipv4(interface);
      present_v4.emplace(interface.index, interface.ipv4.front());
    }
    if (ipv6_.socket.is_open() && scope.ipv6_on(interface)) {
      join_ipv6(interface);
      present_v6.insert(interface.index);
    }
  }
  // Interfaces that went away left the group with them; join them again when they return.
  std::erase_if(joined_v4_, [&](const auto& key) { return !present_v4.contains(key); });
  std::erase_if(joined_v6_, [&](std::uint32_t index) { return !present_v6.contains(index); });
}

void MulticastLink::join_ipv4(const platform::NetworkInterface& interface) {
  const asio::ip::address_v4 local(interface.ipv4.front());
  send_v4_.push_back(local);
  const auto key = std::pair(interface.index, interface.ipv4.front());
  if (joined_v4_.contains(key)) return;
  boost::system::error_code ec;
  ipv4_.socket.set_option(asio::ip::multicast::join_group(group_v4_, local), ec);
  // address_in_use: a member already (the interface was seen under another address).
  if (!ec || ec == asio::error::address_in_use)
    joined_v4_.insert(key);
  else
    spdlog::debug("discovery: joining {} on {} ({}): {}", group_v4_.to_string(), interface.name, local.to_string(),
                  ec.message());
}

void MulticastLink::join_ipv6(const platform::NetworkInterface& interface) {
  send_v6_.push_back(interface.index);
  if (joined_v6_.contains(interface.index)) return;
  boost::system::error_code ec;
  ipv6_.socket.set_option(asio::ip::multicast::join_group(group_v6_, interface.index), ec);
  if (!ec || ec == asio::error::address_in_use)
    joined_v6_.insert(interface.index);
  else
    spdlog::debug("discovery: joining {} on {}: {}", group_v6_.to_string(), interface.name, ec.message());
}

void MulticastLink::send(std::span<const std::byte> datagram) {
  boost::system::error_code ec;
  for (const auto& local : send_v4_) {
    ipv4_.socket.set_option(asio::ip::multicast::outbound_interface(local), ec);
    if (!ec)
      ipv4_.socket.send_to(asio::buffer(datagram.data(), datagram.size()), udp::endpoint(group_v4_, port_), 0, ec);
    if (ec) spdlog::debug("discovery: sending on {}: {}", local.to_string(), ec.message());
  }
  for (const std::uint32_t index : send_v6_) {
    asio::ip::address_v6 group = group_v6_;
    group.scope_id(index);
    ipv6_.socket.set_option(asio::ip::multicast::outbound_interface(index), ec);
    if (!ec) ipv6_.socket.send_to(asio::buffer(datagram.data(), datagram.size()), udp::endpoint(group, port_), 0, ec);
    if (ec) spdlog::debug("discovery: sending on interface {}: {}", index, ec.message());
  }
}

void MulticastLink::send_to(std::span<const std::byte> datagram, const udp::endpoint& to) {
  if (!ipv4_.socket.is_open()) return;
  boost::system::error_code ec;
  ipv4_.socket.send_to(asio::buffer(datagram.data(), datagram.size()), to, 0, ec);
  if (ec) spdlog::debug("discovery: sending to {}: {}", to.address().to_string(), ec.message());
}

void MulticastLink::close() {
  boost::system::error_code ignored;
  ipv4_.socket.close(ignored);
  ipv6_.socket.close(ignored);
}

}  // namespace ferry::discovery
