// SPDX-License-Identifier: Apache-2.0
#pragma once
// Every engine event as one JSON object (one line, no trailing newline).
// "type" names the event in snake_case; all of its fields follow.
#include <string>

#include "ferry/core/events.hpp"

namespace ferry::cli {

std::string to_json(const Event& event);

}  // namespace ferry::cli
