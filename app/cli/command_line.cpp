// SPDX-License-Identifier: Apache-2.0
#include "command_line.hpp"

namespace ferry::cli {

std::vector<std::string> utf8_arguments(int argc, char** argv) {
  return std::vector<std::string>(argv + 1, argv + argc);
}

}  // namespace ferry::cli
