// The one place of ferry-cli that asks the OS something the standard library
// cannot answer: is a standard stream a terminal? (POSIX; see terminal_windows.cpp.)
#include "terminal.hpp"

#include <unistd.h>

namespace ferry::cli {

bool stdin_is_terminal() { return isatty(STDIN_FILENO) == 1; }
bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }

}  // namespace ferry::cli
