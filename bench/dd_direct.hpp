// SPDX-License-Identifier: Apache-2.0
#pragma once
// The disk as dd sees it, without Ferry: `dd` with 64 MiB blocks and
// O_DIRECT, over the same loopback socket. The sender reads its file that way
// and writes each block to the socket; the receiver fills a block from the
// socket and writes it that way. A file system that refuses O_DIRECT (tmpfs,
// the other end in D and R) is read or written through the page cache. One
// block in flight, as dd: a reference for the disk's side of D and R, between
// the naive copy and a pipeline that keeps several blocks in flight.
#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace ferry::bench {

inline constexpr std::size_t kDdBlockBytes = 64 * 1024 * 1024;

// Listens like naive_receive and writes what arrives into `output`.
int dd_direct_receive(const std::filesystem::path& output);

// Connects to 127.0.0.1:port and sends the bytes of `input`.
int dd_direct_send(std::uint16_t port, const std::filesystem::path& input);

}  // namespace ferry::bench
