// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ferry::cli {

bool stdin_is_terminal();
bool stdout_is_terminal();

// Drops whatever was typed on the terminal and not yet read, so that only
// what is typed from now on answers a question. No-op when stdin is no terminal.
void discard_pending_input();

}  // namespace ferry::cli
