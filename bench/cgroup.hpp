// SPDX-License-Identifier: Apache-2.0
#pragma once
// A memory-limited cgroup for scenario P: v1 (the memory controller mounted
// on its own, e.g. /sys/fs/cgroup/memory) or v2 (the unified hierarchy).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>

#include "unique_fd.hpp"

namespace ferry::bench {

class MemoryCgroup {
 public:
  // Creates ferry-bench-<pid>-<n> with `limit_bytes` as its memory limit:
  // the cgroup, or why it cannot be made here (not root, no memory controller, ...).
  static std::variant<MemoryCgroup, std::string> create(std::uint64_t limit_bytes);

  MemoryCgroup(MemoryCgroup&& other) noexcept;
  MemoryCgroup& operator=(MemoryCgroup&&) = delete;
  MemoryCgroup(const MemoryCgroup&) = delete;
  MemoryCgroup& operator=(const MemoryCgroup&) = delete;
  ~MemoryCgroup();  // removes the cgroup; every process in it must have exited

  const std::filesystem::path& path() const { return path_; }
  int version() const { return version_; }
  // Open for writing: a child writes its pid into it to join (Child's cgroup_procs_fd).
  int procs_fd() const { return procs_.get(); }
  // The highest memory use the kernel recorded (v1 memory.max_usage_in_bytes, v2 memory.peak).
  std::optional<std::uint64_t> peak_bytes() const;

 private:
  MemoryCgroup(std::filesystem::path path, int version, UniqueFd procs);

  std::filesystem::path path_;
  int version_ = 0;
  UniqueFd procs_;
};

}  // namespace ferry::bench
