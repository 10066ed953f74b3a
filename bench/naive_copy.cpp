// SPDX-License-Identifier: Apache-2.0
#include "naive_copy.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <string>
#include <vector>

#include "loopback.hpp"

namespace ferry::bench {
namespace {

int fail(const std::string& what) { return fail_with_errno("naive", what); }

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

}  // namespace

int naive_receive(const std::filesystem::path& output) {
  const UniqueFd connection = accept_one(output);
  if (!connection.valid()) return fail("listen and accept");
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
