#include "naive_copy.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "unique_fd.hpp"

namespace ferry::bench {
namespace {

int fail(const std::string& what) {
  fmt::print(stderr, "ferry-bench naive: {}: {}\n", what, std::strerror(errno));
  return 1;
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// write() until all of `length` is gone; false on error.
bool write_all(int fd, const char* data, std::size_t length) {
  while (length > 0) {
    const ssize_t written = ::write(fd, data, length);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    length -= static_cast<std::size_t>(written);
  }
  return true;
}

// Copies `from` to `to` through a 32 KiB user buffer until end of file.
bool copy_stream(int from, int to) {
  std::array<char, kNaiveChunkBytes> buffer{};
  while (true) {
    const ssize_t got = ::read(from, buffer.data(), buffer.size());
    if (got == 0) return true;
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (!write_all(to, buffer.data(), static_cast<std::size_t>(got))) return false;
  }
}

// A socket connected to 127.0.0.1:port, or an invalid one (errno says why).
UniqueFd connect_loopback(std::uint16_t port) {
  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!socket.valid()) return socket;
  const sockaddr_in address = loopback(port);
  if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return UniqueFd();
  return socket;
}

}  // namespace

int naive_receive(const std::filesystem::path& output) {
  const UniqueFd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!listener.valid()) return fail("socket");
  sockaddr_in address = loopback(0);
  if (::bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return fail("bind");
  if (::listen(listener.get(), 1) != 0) return fail("listen");
  socklen_t length = sizeof address;
  if (::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return fail("getsockname");
  }
  fmt::print("Listening on 127.0.0.1:{}, receiving into {}\n", ntohs(address.sin_port), output.string());
  std::fflush(stdout);

  const UniqueFd connection(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
  if (!connection.valid()) return fail("accept");
  const UniqueFd file(::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!file.valid()) return fail("open " + output.string());
  if (!copy_stream(connection.get(), file.get())) return fail("copy into " + output.string());
  return 0;
}

int naive_send(std::uint16_t port, const std::filesystem::path& input) {
  const UniqueFd file(::open(input.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file.valid()) return fail("open " + input.string());
  const UniqueFd socket = connect_loopback(port);
  if (!socket.valid()) return fail("connect");
  if (!copy_stream(file.get(), socket.get())) return fail("copy from " + input.string());
  return 0;
}

int socket_only_send(std::uint16_t port, std::uint64_t bytes) {
  const UniqueFd socket = connect_loopback(port);
  if (!socket.valid()) return fail("connect");
  const std::vector<char> buffer(4 * 1024 * 1024, 'f');
  while (bytes > 0) {
    const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(bytes, buffer.size()));
    if (!write_all(socket.get(), buffer.data(), chunk)) return fail("write to the socket");
    bytes -= chunk;
  }
  return 0;
}

}  // namespace ferry::bench
