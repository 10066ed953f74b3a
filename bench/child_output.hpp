// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the bench's child processes wrote: their output files read back, and a
// failed child reported with the end of its stderr.
#include <filesystem>
#include <string>

#include "process.hpp"

namespace ferry::bench {

// The whole file; empty when it cannot be read.
std::string read_text(const std::filesystem::path& path);

// The last part of the file, enough to show why a child failed.
std::string tail_of(const std::filesystem::path& path);

// Throws std::runtime_error: `what`, the child's name and exit, and the end of `stderr_file`.
[[noreturn]] void throw_child_failure(const std::string& what, const Child& child,
                                      const std::filesystem::path& stderr_file);

}  // namespace ferry::bench
