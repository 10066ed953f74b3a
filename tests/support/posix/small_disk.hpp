// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small tmpfs mounted on a folder for the lifetime of this object, to fill
// up or to offer more than it holds (root only: `mounted` says whether it is).
#include <sys/mount.h>

#include <filesystem>

namespace ferry::test {

struct SmallDisk {
  std::filesystem::path path;
  const char* size = "size=8m";
  bool mounted = ::mount("ferry-test", path.c_str(), "tmpfs", 0, size) == 0;
  ~SmallDisk() {
    if (mounted) ::umount2(path.c_str(), MNT_DETACH);
  }
};

}  // namespace ferry::test
