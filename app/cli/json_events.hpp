// SPDX-License-Identifier: Apache-2.0
#pragma once
// Every engine event as one JSON object (one line, no trailing newline).
// "type" names the event in snake_case; all of its fields follow. A sending
// session's events name their `recipient` (HOST:PORT as asked) after "id".
#include <string>
#include <string_view>

#include "ferry/core/events.hpp"

namespace ferry::cli {

std::string to_json(const Event& event, std::string_view recipient = {});

}  // namespace ferry::cli
