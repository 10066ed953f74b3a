// SPDX-License-Identifier: Apache-2.0
#pragma once
// ByteStream: a session's connection as file sources and the frame layer see
// it: plain TCP, TLS whose sending the kernel encrypts (Linux kernel TLS), or
// TLS encrypting in user space. All calls and handlers run on its executor;
// at most one write and one read are outstanding at a time.
#include <cstddef>
#include <functional>
#include <span>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

namespace ferry::platform {

class ByteStream {
 public:
  using Handler = std::function<void(boost::system::error_code, std::size_t)>;

  virtual ~ByteStream() = default;
  virtual boost::asio::any_io_executor get_executor() = 0;
  // The TCP socket itself while what is written to it reaches the peer as the
  // protocol wants — plain TCP, or kernel TLS encrypting it on the way — so
  // the kernel can send file pages directly (zero-copy); nullptr while TLS
  // encrypts in user space.
  virtual boost::asio::ip::tcp::socket* plain_socket() = 0;
  // Writes every byte of `bytes`, then completes.
  virtual void async_write_all(std::span<const std::byte> bytes, Handler handler) = 0;
  // Completes with at least one byte read into `destination`.
  virtual void async_read_some(std::span<std::byte> destination, Handler handler) = 0;
  // Completes once `destination` is full.
  virtual void async_read_all(std::span<std::byte> destination, Handler handler) = 0;
};

}  // namespace ferry::platform
