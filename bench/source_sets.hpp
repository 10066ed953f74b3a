// SPDX-License-Identifier: Apache-2.0
#pragma once
// The sources more than one scenario sends: the one large file of L and E,
// the tree of small files of S and E, written under the work dir in the
// sizes of the options.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "scenarios.hpp"

namespace ferry::bench {

struct SourceSet {
  std::filesystem::path path;  // the file, or the folder holding the files
  std::uint64_t bytes = 0;
  std::uint32_t files = 0;
};

// source/large.bin: --size pseudo-random bytes. Progress on stderr after `label`.
SourceSet write_large_source(const ScenarioContext& context, std::string_view label);

// source/small: --small-files files of --small-size in --small-folders folders.
SourceSet write_small_source(const ScenarioContext& context, std::string_view label);

// source/medium: --size bytes in files of an eighth of it, at least 512K and
// at most 24M: below the default direct-I/O threshold (32M) and above what is
// read whole at open, so in fast mode each goes by sendfile from the page cache.
SourceSet write_medium_source(const ScenarioContext& context, std::string_view label);

// "10000 files of 16K (156 MiB) in 100 folders"
std::string describe_small_source(const BenchOptions& options);

// "85 files of 24M"
std::string describe_medium_source(const BenchOptions& options);

}  // namespace ferry::bench
