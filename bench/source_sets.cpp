// SPDX-License-Identifier: Apache-2.0
#include "source_sets.hpp"

#include <fmt/core.h>

#include "dataset.hpp"

namespace ferry::bench {

SourceSet write_large_source(const ScenarioContext& context, std::string_view label) {
  const SourceSet set{context.work / "source" / "large.bin", context.options.large_size, 1};
  fmt::print(stderr, "{}: writing one file of {} ...\n", label, format_size(set.bytes));
  std::filesystem::create_directories(set.path.parent_path());
  write_random_file(set.path, set.bytes, 0x4c415247);
  return set;
}

SourceSet write_small_source(const ScenarioContext& context, std::string_view label) {
  const BenchOptions& options = context.options;
  const SourceSet set{context.work / "source" / "small", options.small_files * options.small_size, options.small_files};
  fmt::print(stderr, "{}: writing {} ...\n", label, describe_small_source(options));
  write_small_tree(set.path, options.small_files, options.small_size, options.small_folders);
  return set;
}

std::string describe_small_source(const BenchOptions& options) {
  return fmt::format("{} files of {} ({} MiB) in {} folders", options.small_files, format_size(options.small_size),
                     (options.small_files * options.small_size) >> 20, options.small_folders);
}

}  // namespace ferry::bench
