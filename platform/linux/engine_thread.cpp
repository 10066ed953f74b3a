// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/engine_thread.hpp"

#include <pthread.h>
#include <signal.h>

namespace ferry::platform {

void prepare_engine_thread() {
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  // A SIGPIPE raised by this thread's own write stays pending here, harmlessly.
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
}

}  // namespace ferry::platform
