// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support (Linux): page-cache residency of a file, and evicting it.
#include <cstdint>
#include <filesystem>

namespace ferry::test {

// Fraction of the file's pages in the page cache (mincore).
double resident_fraction(const std::filesystem::path& path);
// The same for the pages of [offset, offset + length); `offset` a multiple of the page size.
double resident_fraction(const std::filesystem::path& path, std::uint64_t offset, std::uint64_t length);
void evict_from_page_cache(const std::filesystem::path& path);

}  // namespace ferry::test
