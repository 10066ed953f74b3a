// SPDX-License-Identifier: Apache-2.0
#pragma once
// The hot set of scenario P: a process that reads a folder of small files
// over and over, as a busy program would, and reports before each pass how
// much of it was still in the page cache. ferry-bench runs it by
// re-executing itself with `--hot-reader DIR`.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::bench {

inline constexpr std::string_view kHotReaderRole = "--hot-reader";

// Never returns on success: prints "pass N resident R of T pages" (R and T
// measured with mincore before the pass), reads every file, pauses briefly,
// and again, until it is killed. Returns 1 when a file cannot be read.
int hot_reader(const std::filesystem::path& dir);

// The resident fractions (0..1) of the passes in the reader's output, in order.
std::vector<double> hot_reader_passes(const std::string& output);

}  // namespace ferry::bench
