// SPDX-License-Identifier: Apache-2.0
#include "stop_signal.hpp"

#include <atomic>
#include <csignal>

namespace ferry::cli {
namespace {

static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free counter");
std::atomic<int> g_stop_requests{0};

void on_stop_signal(int /*signal*/) { g_stop_requests.fetch_add(1, std::memory_order_relaxed); }

}  // namespace

void install_stop_handlers() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

int stop_requests() { return g_stop_requests.load(std::memory_order_relaxed); }

}  // namespace ferry::cli
