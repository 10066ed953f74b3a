// SPDX-License-Identifier: Apache-2.0
#pragma once
// TCP over 127.0.0.1 for the baselines' hidden roles (naive copy, dd
// direct): listening the way ferry-cli receive does, connecting, writing all.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "unique_fd.hpp"

namespace ferry::bench {

// Prints "ferry-bench ROLE: WHAT: <errno text>" and returns exit status 1.
int fail_with_errno(const std::string& role, const std::string& what);

// write() until all of `length` is gone; false on error.
bool write_all(int fd, const char* data, std::size_t length);

// A socket connected to 127.0.0.1:port, or an invalid one (errno says why).
UniqueFd connect_loopback(std::uint16_t port);

// Listens on 127.0.0.1 (any free port), prints "Listening on 127.0.0.1:PORT,
// receiving into OUTPUT" like ferry-cli receive and takes one connection: it,
// or an invalid descriptor (errno says why).
UniqueFd accept_one(const std::filesystem::path& output);

}  // namespace ferry::bench
