// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "arguments.hpp"

namespace ferry::cli {

// Asks the receivers on the local network to announce themselves, listens
// for options.timeout and lists them; returns the exit status.
int run_peers(const PeersOptions& options);

}  // namespace ferry::cli
