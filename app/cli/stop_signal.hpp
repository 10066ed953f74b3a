// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ferry::cli {

// Counts SIGINT/SIGTERM instead of dying, so commands can stop cleanly. The
// count is read by polling: event loops wake at least every 100 ms.
void install_stop_handlers();
int stop_requests();

}  // namespace ferry::cli
