// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/path_facts.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include "unix_time.hpp"

namespace ferry::platform {

Result<PathFacts> stat_path(const std::filesystem::path& path) {
  constexpr unsigned kMask = STATX_TYPE | STATX_MODE | STATX_SIZE | STATX_MTIME;
  struct statx stx {};
  if (::statx(AT_FDCWD, path.c_str(), AT_SYMLINK_NOFOLLOW, kMask, &stx) != 0)
    return last_errno_error("statx", path.string());
  PathFacts facts;
  facts.is_symlink = S_ISLNK(stx.stx_mode);
  // Only a link needs the second look, at its target (a dangling one is Other).
  if (facts.is_symlink && ::statx(AT_FDCWD, path.c_str(), 0, kMask, &stx) != 0) return facts;
  if (S_ISREG(stx.stx_mode))
    facts.kind = PathFacts::Kind::File;
  else if (S_ISDIR(stx.stx_mode))
    facts.kind = PathFacts::Kind::Folder;
  if (facts.kind == PathFacts::Kind::File) {
    facts.size = stx.stx_size;
    facts.attributes = {(stx.stx_mode & S_IXUSR) != 0, (stx.stx_mode & S_IWUSR) == 0};
  }
  facts.mtime_ns = join_unix_ns(stx.stx_mtime.tv_sec, stx.stx_mtime.tv_nsec);
  return facts;
}

}  // namespace ferry::platform
