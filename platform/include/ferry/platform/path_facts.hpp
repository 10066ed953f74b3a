// SPDX-License-Identifier: Apache-2.0
#pragma once
// One stat of a path, as the offer builder needs it.
#include <cstdint>
#include <filesystem>

#include "ferry/base/file_attributes.hpp"
#include "ferry/base/io_result.hpp"

namespace ferry::platform {

struct PathFacts {
  enum class Kind { File, Folder, Other } kind = Kind::Other;
  bool is_symlink = false;    // the path itself is a link (kind is its target's)
  std::uint64_t size = 0;     // files only
  std::int64_t mtime_ns = 0;  // nanoseconds since the Unix epoch
  FileAttributes attributes;  // files only
};

Result<PathFacts> stat_path(const std::filesystem::path& path);

}  // namespace ferry::platform
