// SPDX-License-Identifier: Apache-2.0
#include "hot_reader.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <sstream>
#include <thread>

#include <fmt/core.h>

#include "page_cache.hpp"

namespace ferry::bench {

int hot_reader(const std::filesystem::path& dir) {
  constexpr auto kPause = std::chrono::milliseconds(100);
  try {
    for (unsigned long pass = 1;; ++pass) {
      const Residency before = residency(dir);
      fmt::print("pass {} resident {} of {} pages\n", pass, before.resident_pages, before.total_pages);
      std::fflush(stdout);
      read_through(dir);
      std::this_thread::sleep_for(kPause);
    }
  } catch (const std::exception& error) {
    fmt::print(stderr, "ferry-bench hot reader: {}\n", error.what());
    return 1;
  }
}

std::vector<double> hot_reader_passes(const std::string& output) {
  std::vector<double> fractions;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string pass, resident, of, pages;
    unsigned long number = 0;
    double cached = 0, total = 0;
    if (words >> pass >> number >> resident >> cached >> of >> total >> pages && pass == "pass" && pages == "pages" &&
        total > 0) {
      fractions.push_back(cached / total);
    }
  }
  return fractions;
}

}  // namespace ferry::bench
