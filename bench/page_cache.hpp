// SPDX-License-Identifier: Apache-2.0
#pragma once
// How much of a set of files sits in the page cache (mincore), and moving it
// out (posix_fadvise DONTNEED) or in (reading every byte).
#include <cstdint>
#include <filesystem>
#include <vector>

namespace ferry::bench {

struct Residency {
  std::uint64_t resident_pages = 0;
  std::uint64_t total_pages = 0;

  double fraction() const;  // 0..1; 0 for no pages at all
  Residency& operator+=(const Residency& other);
};

// `root` itself when it is a regular file, else every regular file under it, sorted.
std::vector<std::filesystem::path> regular_files(const std::filesystem::path& root);

Residency residency(const std::filesystem::path& root);

// Writes back and drops the cached pages of every file under `root`;
// returns what is still cached after a few attempts.
Residency evict(const std::filesystem::path& root);

// Reads every file under `root` once, so its pages are cached.
void read_through(const std::filesystem::path& root);

}  // namespace ferry::bench
