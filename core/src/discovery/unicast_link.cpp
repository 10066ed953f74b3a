// SPDX-License-Identifier: Apache-2.0
#include "discovery/unicast_link.hpp"

#include <spdlog/spdlog.h>

namespace ferry::discovery {
namespace asio = boost::asio;
using asio::ip::udp;

UnicastLink::UnicastLink(asio::io_context& context, Receive receive) : receive_(std::move(receive)), socket_(context) {}

std::optional<std::string> UnicastLink::open(const asio::ip::address_v4& local) {
  boost::system::error_code ec;
  socket_.open(udp::v4(), ec);
  if (!ec) socket_.bind(udp::endpoint(local, 0), ec);
  // Sends happen between receives on this thread and must never block it.
  if (!ec) socket_.non_blocking(true, ec);
  if (ec) {
    socket_.close();
    return "discovery's unicast socket on " + local.to_string() + ": " + ec.message();
  }
  receive_next();
  return std::nullopt;
}

void UnicastLink::receive_next() {
  socket_.async_receive_from(asio::buffer(buffer_), sender_, [this](boost::system::error_code ec, std::size_t size) {
    if (ec == asio::error::operation_aborted || !socket_.is_open()) return;
    if (!ec) {
      receive_(std::span(buffer_).first(size), sender_);
    } else if (ec != asio::error::message_size && ec != asio::error::connection_refused &&
               ec != asio::error::connection_reset) {
      // A swept address without Ferry answers with ICMP "port unreachable",
      // which comes back as connection_refused (Linux) or connection_reset
      // (Windows); an oversized datagram as message_size (Windows).
      spdlog::warn("discovery: unicast receiving stopped: {}", ec.message());
      return;
    }
    receive_next();
  });
}

void UnicastLink::send(std::span<const std::byte> datagram, const udp::endpoint& to) {
  boost::system::error_code ec;
  socket_.send_to(asio::buffer(datagram.data(), datagram.size()), to, 0, ec);
  if (ec) spdlog::debug("discovery: sending to {}: {}", to.address().to_string(), ec.message());
}

void UnicastLink::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace ferry::discovery
