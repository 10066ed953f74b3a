// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support (Linux): page-cache residency of a file, and evicting it.
#include <filesystem>

namespace ferry::test {

// Fraction of the file's pages in the page cache (mincore).
double resident_fraction(const std::filesystem::path& path);
void evict_from_page_cache(const std::filesystem::path& path);

}  // namespace ferry::test
