// SPDX-License-Identifier: Apache-2.0
#include "dd_direct.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <string>

#include "loopback.hpp"

namespace ferry::bench {
namespace {

// O_DIRECT wants the buffer, offsets and lengths aligned to the logical block
// size; 4 KiB covers every disk this runs on.
constexpr std::size_t kAlignment = 4096;

int fail(const std::string& what) { return fail_with_errno("dd direct", what); }

struct FreeAligned {
  void operator()(char* block) const { std::free(block); }
};
using AlignedBlock = std::unique_ptr<char, FreeAligned>;

AlignedBlock aligned_block() { return AlignedBlock(static_cast<char*>(std::aligned_alloc(kAlignment, kDdBlockBytes))); }

// `path` opened with O_DIRECT, or through the page cache where its file
// system refuses that (EINVAL).
UniqueFd open_direct_if_possible(const std::filesystem::path& path, int flags) {
  UniqueFd file(::open(path.c_str(), flags | O_DIRECT | O_CLOEXEC, 0644));
  if (!file.valid() && errno == EINVAL) file.reset(::open(path.c_str(), flags | O_CLOEXEC, 0644));
  return file;
}

bool is_direct(int fd) { return (::fcntl(fd, F_GETFL) & O_DIRECT) != 0; }

// Reads up to a block's worth from the socket; the bytes read (0 at its end), or -1.
ssize_t fill_from_socket(int socket, char* block) {
  std::size_t filled = 0;
  while (filled < kDdBlockBytes) {
    const ssize_t got = ::read(socket, block + filled, kDdBlockBytes - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return -1;
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  return static_cast<ssize_t>(filled);
}

}  // namespace

int dd_direct_receive(const std::filesystem::path& output) {
  const UniqueFd connection = accept_one(output);
  if (!connection.valid()) return fail("listen and accept");
  UniqueFd file = open_direct_if_possible(output, O_WRONLY | O_CREAT | O_TRUNC);
  if (!file.valid()) return fail("open " + output.string());
  const AlignedBlock block = aligned_block();
  if (!block) return fail("allocate a block");
  off_t at = 0;
  while (true) {
    const ssize_t filled = fill_from_socket(connection.get(), block.get());
    if (filled < 0) return fail("read from the socket");
    if (filled == 0) break;
    // The tail is written whole blocks long, then cut to the file's length.
    const std::size_t length = is_direct(file.get())
                                   ? (static_cast<std::size_t>(filled) + kAlignment - 1) / kAlignment * kAlignment
                                   : static_cast<std::size_t>(filled);
    if (::pwrite(file.get(), block.get(), length, at) != static_cast<ssize_t>(length)) {
      return fail("write " + output.string());
    }
    at += filled;
    if (static_cast<std::size_t>(filled) < kDdBlockBytes) break;
  }
  if (::ftruncate(file.get(), at) != 0) return fail("truncate " + output.string());
  return 0;
}

int dd_direct_send(std::uint16_t port, const std::filesystem::path& input) {
  const UniqueFd file = open_direct_if_possible(input, O_RDONLY);
  if (!file.valid()) return fail("open " + input.string());
  const UniqueFd socket = connect_loopback(port);
  if (!socket.valid()) return fail("connect");
  const AlignedBlock block = aligned_block();
  if (!block) return fail("allocate a block");
  while (true) {
    const ssize_t got = ::read(file.get(), block.get(), kDdBlockBytes);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail("read " + input.string());
    if (got == 0) return 0;
    if (!write_all(socket.get(), block.get(), static_cast<std::size_t>(got))) return fail("write to the socket");
  }
}

}  // namespace ferry::bench
