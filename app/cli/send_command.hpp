// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "arguments.hpp"

namespace ferry::cli {

// Sends options.paths to every target, each in its own session, and reports
// every event; returns the exit status: 0 only when every receiver confirmed
// every file.
int run_send(const SendOptions& options);

}  // namespace ferry::cli
