// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support (Linux): a real loopback TCP connection as the file sources
// see the engine's (a plain ByteStream), and driving its io_context.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "ferry/platform/byte_stream.hpp"

namespace ferry::test {

// A plain TCP connection as the sources see the engine's.
class SocketStream final : public platform::ByteStream {
 public:
  explicit SocketStream(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}
  boost::asio::any_io_executor get_executor() override { return socket_.get_executor(); }
  boost::asio::ip::tcp::socket* plain_socket() override { return &socket_; }
  void async_write_all(std::span<const std::byte> bytes, Handler handler) override;
  void async_read_some(std::span<std::byte> destination, Handler handler) override;
  void async_read_all(std::span<std::byte> destination, Handler handler) override;
  boost::asio::ip::tcp::socket& socket() { return socket_; }

 private:
  boost::asio::ip::tcp::socket socket_;
};

struct SocketPair {
  std::unique_ptr<SocketStream> sender;
  boost::asio::ip::tcp::socket receiver;
};

// Two ends of one connection over 127.0.0.1, both on `io`.
SocketPair connect_pair(boost::asio::io_context& io);

// The file's bytes.
std::vector<std::byte> contents(const std::filesystem::path& path);

// Runs `io` until `done` or `limit`; false on the limit.
template <typename Predicate>
bool run_until(boost::asio::io_context& io, Predicate done, std::chrono::seconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    io.restart();
    io.run_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace ferry::test
