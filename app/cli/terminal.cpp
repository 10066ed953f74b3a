// The one place of ferry-cli that asks the OS something the standard library
// cannot answer: is a standard stream a terminal?
#include "terminal.hpp"

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace ferry::cli {
namespace {

bool is_terminal(int fd) {
#if defined(_WIN32)
  return _isatty(fd) != 0;
#else
  return isatty(fd) == 1;
#endif
}

}  // namespace

bool stdin_is_terminal() { return is_terminal(0); }
bool stdout_is_terminal() { return is_terminal(1); }

}  // namespace ferry::cli
