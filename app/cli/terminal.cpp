// SPDX-License-Identifier: Apache-2.0
// The one place of ferry-cli that asks the OS something the standard library
// cannot answer: is a standard stream a terminal, and what is typed ahead on
// it? (POSIX; see terminal_windows.cpp.)
#include "terminal.hpp"

#include <termios.h>
#include <unistd.h>

namespace ferry::cli {

bool stdin_is_terminal() { return isatty(STDIN_FILENO) == 1; }
bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }

void discard_pending_input() {
  if (stdin_is_terminal()) tcflush(STDIN_FILENO, TCIFLUSH);
}

}  // namespace ferry::cli
