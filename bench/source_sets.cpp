// SPDX-License-Identifier: Apache-2.0
#include "source_sets.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <vector>

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

namespace {

struct MediumShape {
  std::uint64_t file_bytes = 0;
  std::uint32_t files = 0;
};

MediumShape medium_shape(const BenchOptions& options) {
  const std::uint64_t file_bytes = std::clamp<std::uint64_t>(options.large_size / 8, 512 * 1024, 24ull << 20);
  return {file_bytes, static_cast<std::uint32_t>(std::max<std::uint64_t>(1, options.large_size / file_bytes))};
}

}  // namespace

SourceSet write_medium_source(const ScenarioContext& context, std::string_view label) {
  const MediumShape shape = medium_shape(context.options);
  const SourceSet set{context.work / "source" / "medium", shape.file_bytes * shape.files, shape.files};
  fmt::print(stderr, "{}: writing {} ...\n", label, describe_medium_source(context.options));
  write_sized_files(set.path, std::vector<std::uint64_t>(shape.files, shape.file_bytes));
  return set;
}

std::string describe_medium_source(const BenchOptions& options) {
  const MediumShape shape = medium_shape(options);
  return fmt::format("{} files of {}", shape.files, format_size(shape.file_bytes));
}

std::string describe_small_source(const BenchOptions& options) {
  return fmt::format("{} files of {} ({} MiB) in {} folders", options.small_files, format_size(options.small_size),
                     (options.small_files * options.small_size) >> 20, options.small_folders);
}

}  // namespace ferry::bench
