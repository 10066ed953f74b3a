// SPDX-License-Identifier: Apache-2.0
// Is a standard stream a console? GetConsoleMode succeeds only on a console
// handle; _isatty would also say yes for the NUL device. Typed-ahead input
// waits in the console's input buffer until flushed.
#include <windows.h>

#include "terminal.hpp"

namespace ferry::cli {
namespace {

bool is_console(DWORD which) {
  DWORD mode = 0;
  return ::GetConsoleMode(::GetStdHandle(which), &mode) != 0;
}

}  // namespace

bool stdin_is_terminal() { return is_console(STD_INPUT_HANDLE); }
bool stdout_is_terminal() { return is_console(STD_OUTPUT_HANDLE); }

void discard_pending_input() {
  if (stdin_is_terminal()) ::FlushConsoleInputBuffer(::GetStdHandle(STD_INPUT_HANDLE));
}

}  // namespace ferry::cli
