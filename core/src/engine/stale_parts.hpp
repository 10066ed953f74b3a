// SPDX-License-Identifier: Apache-2.0
#pragma once
// Part files of transfers that were never resumed: found by age, so the
// receive folder does not keep them for ever. Blocking (lists a folder): run
// on a worker.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace ferry {

// Part files untouched for this long are removed when the engine starts
// listening on a receive folder.
inline constexpr std::chrono::hours kStalePartAge{24 * 7};

// Names of the `.ferry-*.part` files directly in `root` last written more
// than `age` ago. Unreadable entries are skipped.
std::vector<std::string> stale_part_names(const std::filesystem::path& root, std::chrono::hours age);

}  // namespace ferry
