// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/write_confinement.hpp"

namespace ferry::platform {

bool can_confine_writes() { return false; }

WriteConfinement confine_writes(const std::vector<std::filesystem::path>&) {
  return {false, "Windows has no per-thread write confinement; the path rules and the no-link walk remain"};
}

}  // namespace ferry::platform
