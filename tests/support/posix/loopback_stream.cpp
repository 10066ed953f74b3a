// SPDX-License-Identifier: Apache-2.0
#include "loopback_stream.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <fstream>
#include <iterator>

namespace ferry::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

void SocketStream::async_write_all(std::span<const std::byte> bytes, Handler handler) {
  asio::async_write(socket_, asio::buffer(bytes.data(), bytes.size()), std::move(handler));
}

void SocketStream::async_read_some(std::span<std::byte> destination, Handler handler) {
  socket_.async_read_some(asio::buffer(destination.data(), destination.size()), std::move(handler));
}

void SocketStream::async_read_all(std::span<std::byte> destination, Handler handler) {
  asio::async_read(socket_, asio::buffer(destination.data(), destination.size()), std::move(handler));
}

SocketPair connect_pair(asio::io_context& io) {
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  tcp::socket client(io);
  client.connect(acceptor.local_endpoint());
  tcp::socket server = acceptor.accept();
  return {std::make_unique<SocketStream>(std::move(client)), std::move(server)};
}

std::vector<std::byte> contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> result(bytes.size());
  if (!bytes.empty()) std::memcpy(result.data(), bytes.data(), bytes.size());  // data() of empty ones is null
  return result;
}

}  // namespace ferry::test
