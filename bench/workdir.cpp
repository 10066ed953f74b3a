// SPDX-License-Identifier: Apache-2.0
#include "workdir.hpp"

#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <charconv>
#include <stdexcept>
#include <system_error>

#include <fmt/core.h>

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRunPrefix = "run-";

long filesystem_magic(const fs::path& path) {
  struct statfs facts {};
  if (::statfs(path.c_str(), &facts) != 0) {
    throw std::system_error(errno, std::generic_category(), "statfs " + path.string());
  }
  return static_cast<long>(facts.f_type);
}

// `probe` is `dir` or, before `dir` exists, its nearest existing ancestor.
void refuse_memory_filesystem(const fs::path& dir, const fs::path& probe) {
  const long magic = filesystem_magic(probe);
  if (magic == static_cast<long>(TMPFS_MAGIC) || magic == static_cast<long>(RAMFS_MAGIC)) {
    throw std::runtime_error(
        fmt::format("work dir '{}' is on {}, which lives in memory: the bench measures disk reads, disk writes and the "
                    "page cache, so its files must be on a disk. Pass --workdir DIR on a disk-backed filesystem.",
                    dir.string(), filesystem_name(probe)));
  }
}

// run-<pid> of a process that is gone: left behind by a killed bench.
bool is_stale_run_dir(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  if (!entry.is_directory() || !name.starts_with(kRunPrefix)) return false;
  pid_t pid = 0;
  const char* first = name.data() + kRunPrefix.size();
  const char* last = name.data() + name.size();
  const auto [end, error] = std::from_chars(first, last, pid);
  if (error != std::errc{} || end != last || pid <= 0) return false;
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

// `path` itself, or its nearest ancestor that exists.
fs::path nearest_existing(fs::path path) {
  while (!fs::exists(path) && path.has_parent_path() && path.parent_path() != path) path = path.parent_path();
  return path;
}

// Absolute, normal, without a trailing separator.
fs::path normalized(const fs::path& path) {
  fs::path result = fs::absolute(path).lexically_normal();
  if (!result.has_filename() && result.has_relative_path()) result = result.parent_path();
  return result;
}

}  // namespace

WorkDir::WorkDir(const fs::path& parent) : parent_(normalized(parent)) {
  existed_ = nearest_existing(parent_);
  refuse_memory_filesystem(parent_, existed_);  // before creating anything
  fs::create_directories(parent_);
  for (const auto& entry : fs::directory_iterator(parent_)) {
    if (is_stale_run_dir(entry)) fs::remove_all(entry.path());
  }
  path_ = parent_ / fmt::format("{}{}", kRunPrefix, ::getpid());
  fs::remove_all(path_);
  fs::create_directory(path_);
}

WorkDir::~WorkDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
  for (fs::path dir = parent_; dir != existed_ && dir.has_relative_path(); dir = dir.parent_path()) {
    if (!fs::is_empty(dir, ignored) || !fs::remove(dir, ignored)) break;
  }
}

void WorkDir::require_free_space(std::uint64_t bytes) const {
  struct statvfs facts {};
  if (::statvfs(path_.c_str(), &facts) != 0) {
    throw std::system_error(errno, std::generic_category(), "statvfs " + path_.string());
  }
  const std::uint64_t available = static_cast<std::uint64_t>(facts.f_bavail) * facts.f_frsize;
  if (available < bytes) {
    throw std::runtime_error(fmt::format("work dir '{}' has {} MiB free; this run needs about {} MiB", path_.string(),
                                         available >> 20, bytes >> 20));
  }
}

std::string filesystem_name(const fs::path& path) {
  switch (static_cast<unsigned long>(filesystem_magic(path))) {
    case EXT4_SUPER_MAGIC:
      return "ext2/3/4";
    case XFS_SUPER_MAGIC:
      return "xfs";
    case BTRFS_SUPER_MAGIC:
      return "btrfs";
    case TMPFS_MAGIC:
      return "tmpfs";
    case RAMFS_MAGIC:
      return "ramfs";
    case OVERLAYFS_SUPER_MAGIC:
      return "overlayfs";
    case NFS_SUPER_MAGIC:
      return "nfs";
    case F2FS_SUPER_MAGIC:
      return "f2fs";
    default:
      return fmt::format("filesystem type {:#x}", static_cast<unsigned long>(filesystem_magic(path)));
  }
}

}  // namespace ferry::bench
