// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "ferry/base/operating_system.hpp"

namespace ferry::platform {

// The operating system this build runs on, as peers are told it.
OperatingSystem this_operating_system();

}  // namespace ferry::platform
