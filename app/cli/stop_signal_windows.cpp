// SPDX-License-Identifier: Apache-2.0
// Windows has no SIGTERM: Ctrl+C, Ctrl+Break and closing the console arrive
// as console control events, on a thread the system starts for the handler.
#include <windows.h>

#include <atomic>

#include "stop_signal.hpp"

namespace ferry::cli {
namespace {

std::atomic<int> g_stop_requests{0};

BOOL WINAPI on_console_event(DWORD /*event*/) {
  g_stop_requests.fetch_add(1, std::memory_order_relaxed);
  return TRUE;  // handled: the process keeps running and stops cleanly
}

}  // namespace

void install_stop_handlers() { ::SetConsoleCtrlHandler(on_console_event, TRUE); }

int stop_requests() { return g_stop_requests.load(std::memory_order_relaxed); }

}  // namespace ferry::cli
