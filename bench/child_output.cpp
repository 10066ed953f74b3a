// SPDX-License-Identifier: Apache-2.0
#include "child_output.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/core.h>

namespace ferry::bench {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string tail_of(const std::filesystem::path& path) {
  constexpr std::size_t kTail = 1500;
  const std::string text = read_text(path);
  return text.size() <= kTail ? text : "..." + text.substr(text.size() - kTail);
}

void throw_child_failure(const std::string& what, const Child& child, const std::filesystem::path& stderr_file) {
  throw std::runtime_error(fmt::format("{}: {} ({})\n--- its stderr ---\n{}", what, child.name(),
                                       child.exit_info().describe(), tail_of(stderr_file)));
}

}  // namespace ferry::bench
