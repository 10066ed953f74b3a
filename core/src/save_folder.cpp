// SPDX-License-Identifier: Apache-2.0
// Where an engine whose writes are confined may save a transfer.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "ferry/core/settings.hpp"

namespace ferry {
namespace {

std::filesystem::path resolved(const std::filesystem::path& path) {
  std::error_code ec;
  auto full = std::filesystem::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : full;
}

// `path` is `folder` or lies beneath it, component by component.
bool is_beneath(const std::filesystem::path& path, const std::filesystem::path& folder) {
  const auto base = resolved(folder);
  const auto inner = resolved(path);
  const auto base_end = std::mismatch(base.begin(), base.end(), inner.begin(), inner.end()).first;
  // A trailing separator leaves an empty last component in `base`.
  return base_end == base.end() || (std::next(base_end) == base.end() && base_end->empty());
}

}  // namespace

bool may_save_to(const EngineSettings& settings, const std::filesystem::path& folder) {
  if (!settings.writable_folders) return true;
  if (is_beneath(folder, settings.receive_dir)) return true;
  return std::ranges::any_of(*settings.writable_folders,
                             [&](const std::filesystem::path& allowed) { return is_beneath(folder, allowed); });
}

}  // namespace ferry
