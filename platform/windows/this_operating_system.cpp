// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/this_operating_system.hpp"

namespace ferry::platform {

OperatingSystem this_operating_system() { return OperatingSystem::Windows; }

}  // namespace ferry::platform
