// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "arguments.hpp"

namespace ferry::cli {

// Sends options.paths and reports every event; returns the exit status:
// 0 only when the receiver confirmed every file.
int run_send(const SendOptions& options);

}  // namespace ferry::cli
