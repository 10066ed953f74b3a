// SPDX-License-Identifier: Apache-2.0
#pragma once
// The discovery's unicast socket (IPv4): the sweep and the periodic datagram
// to the devices it found leave from it, and their answers come back to it.
// It is bound to a port of the system's choosing, never the discovery port,
// so that a receiver tells unicast datagrams from multicast ones by their
// source port (docs/discovery.md section 3). Runs on the io_context's thread;
// receive callbacks arrive there too.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "ferry/core/protocol/announcement.hpp"

namespace ferry::discovery {

class UnicastLink {
 public:
  using Receive =
      std::function<void(std::span<const std::byte> datagram, const boost::asio::ip::udp::endpoint& sender)>;

  UnicastLink(boost::asio::io_context& context, Receive receive);

  // Binds to `local` (0.0.0.0 or the receiver's own IPv4 address), port 0;
  // why it failed, as a sentence.
  std::optional<std::string> open(const boost::asio::ip::address_v4& local);
  bool is_open() const { return socket_.is_open(); }
  // A failed send is logged at debug level, not retried.
  void send(std::span<const std::byte> datagram, const boost::asio::ip::udp::endpoint& to);
  void close();

 private:
  void receive_next();

  Receive receive_;
  boost::asio::ip::udp::socket socket_;
  std::array<std::byte, protocol::kMaxDatagramBytes + 1> buffer_{};  // one more: longer ones are seen as such
  boost::asio::ip::udp::endpoint sender_;
};

}  // namespace ferry::discovery
