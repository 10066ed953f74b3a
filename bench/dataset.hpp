#pragma once
// The source files the bench sends: pseudo-random bytes, written and synced.
#include <cstdint>
#include <filesystem>

namespace ferry::bench {

// Writes `size` pseudo-random bytes (seeded) to `path` and syncs them, so
// their pages are clean and posix_fadvise can evict them.
void write_random_file(const std::filesystem::path& path, std::uint64_t size, std::uint64_t seed);

// Creates `dir` holding `count` files of `size` bytes (f0000.bin, ...).
void write_file_set(const std::filesystem::path& dir, std::uint32_t count, std::uint64_t size);

}  // namespace ferry::bench
