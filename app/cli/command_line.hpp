// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

namespace ferry::cli {

// The program's arguments (without the program name) as UTF-8. On Linux they
// are argv as given; Windows passes argv in the ANSI code page, so there they
// are read from the UTF-16 command line instead.
std::vector<std::string> utf8_arguments(int argc, char** argv);

}  // namespace ferry::cli
