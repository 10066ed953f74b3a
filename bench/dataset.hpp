// SPDX-License-Identifier: Apache-2.0
#pragma once
// The source files the bench sends: pseudo-random bytes, written and synced.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace ferry::bench {

// Writes `size` pseudo-random bytes (seeded) to `path` and syncs them, so
// their pages are clean and posix_fadvise can evict them.
void write_random_file(const std::filesystem::path& path, std::uint64_t size, std::uint64_t seed);

// Creates `dir` with `folders` subfolders (d000, ...) sharing `count` files
// of `size` bytes round-robin. Syncs once at the end.
void write_small_tree(const std::filesystem::path& dir, std::uint32_t count, std::uint64_t size, std::uint32_t folders);

// The sizes of `count` files spread log-uniformly over [min, max], drawn
// from a fixed seed, so every run and every machine gets the same set.
std::vector<std::uint64_t> log_uniform_sizes(std::uint32_t count, std::uint64_t min, std::uint64_t max);

// Creates `dir` holding one file per entry of `sizes` (m000.bin, ...).
void write_sized_files(const std::filesystem::path& dir, const std::vector<std::uint64_t>& sizes);

}  // namespace ferry::bench
