// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "arguments.hpp"

namespace ferry::cli {

// Listens and stores accepted offers until SIGINT/SIGTERM, or with --once
// until the first session ends; returns the exit status.
int run_receive(const ReceiveOptions& options);

}  // namespace ferry::cli
