// SPDX-License-Identifier: Apache-2.0
#include "stale_parts.hpp"

namespace ferry {

std::vector<std::string> stale_part_names(const std::filesystem::path& root, std::chrono::hours age) {
  namespace fs = std::filesystem;
  std::vector<std::string> stale;
  const auto cutoff = fs::file_time_type::clock::now() - age;
  std::error_code error;
  for (fs::directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(".ferry-") || !name.ends_with(".part")) continue;
    std::error_code ignored;
    if (!it->is_regular_file(ignored)) continue;
    const auto written = it->last_write_time(ignored);
    if (!ignored && written < cutoff) stale.push_back(name);
  }
  return stale;
}

}  // namespace ferry
