// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ferry::cli {

// Sends spdlog's output to stderr (stdout carries results and JSON) at level
// warn, or debug when verbose.
void set_up_logging(bool verbose);

}  // namespace ferry::cli
