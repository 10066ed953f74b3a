// SPDX-License-Identifier: Apache-2.0
#pragma once
// The folder the bench writes its files into: on a real disk (tmpfs is
// refused), one run-<pid> folder per invocation, removed when the bench ends.
#include <cstdint>
#include <filesystem>
#include <string>

namespace ferry::bench {

class WorkDir {
 public:
  // Creates `parent` if needed and run-<pid> inside it. Throws
  // std::runtime_error when `parent` is on tmpfs or ramfs. Removes leftover
  // run-<pid> folders of bench processes that no longer exist.
  explicit WorkDir(const std::filesystem::path& parent);
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  ~WorkDir();  // removes run-<pid>, and the folders this created for `parent` if they are empty

  const std::filesystem::path& path() const { return path_; }

  // Throws std::runtime_error when fewer than `bytes` are free.
  void require_free_space(std::uint64_t bytes) const;

 private:
  std::filesystem::path parent_;
  std::filesystem::path path_;
  std::filesystem::path existed_;  // the nearest ancestor of parent_ that existed before
};

// A readable name of the filesystem holding `path` ("ext4", "xfs", ...).
std::string filesystem_name(const std::filesystem::path& path);

}  // namespace ferry::bench
