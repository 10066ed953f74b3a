// SPDX-License-Identifier: Apache-2.0
#pragma once
// Counting a process's system calls with `perf stat -e raw_syscalls:sys_enter`.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ferry::bench {

// nullopt when perf can count raw_syscalls:sys_enter here, else why not.
// Tries it once on `true`, writing scratch files into `scratch_dir`.
std::optional<std::string> perf_unavailable_reason(const std::filesystem::path& scratch_dir);

// The argv prefix that runs a command under perf stat, writing the count to `output`.
std::vector<std::string> perf_stat_prefix(const std::filesystem::path& output);

// The raw_syscalls:sys_enter count perf stat wrote to `output`, if any.
std::optional<std::uint64_t> read_syscall_count(const std::filesystem::path& output);

}  // namespace ferry::bench
