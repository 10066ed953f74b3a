// SPDX-License-Identifier: Apache-2.0
#pragma once
// The naive baseline: what a first attempt at "send a file over TCP" looks
// like. Raw TCP, no Ferry protocol: the sender read()s 32 KiB at a time into a
// user buffer and write()s it to the socket; the receiver read()s from the
// socket and write()s to a file. ferry-bench runs each side as its own process
// by re-executing itself with a hidden role.
#include <cstdint>
#include <filesystem>

namespace ferry::bench {

inline constexpr std::size_t kNaiveChunkBytes = 32 * 1024;

// Listens on 127.0.0.1 (any free port), prints
// "Listening on 127.0.0.1:PORT, receiving into FILE" like ferry-cli receive,
// takes one connection and writes everything it sends into `output`.
// Returns the process exit status.
int naive_receive(const std::filesystem::path& output);

// Connects to 127.0.0.1:port and sends the bytes of `input`.
int naive_send(std::uint16_t port, const std::filesystem::path& input);

// The floor under every sender: connects to 127.0.0.1:port and writes `bytes`
// from one 4 MiB user buffer, no file at all. Its CPU is what the socket alone
// costs (the copy into the socket, and loopback TCP on both ends' behalf).
int socket_only_send(std::uint16_t port, std::uint64_t bytes);

}  // namespace ferry::bench
