// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/engine_thread.hpp"

namespace ferry::platform {

// Nothing to prepare on Windows: there are no signals to block. A peer that
// resets the connection fails the pending TransmitFile or WSASend with
// WSAECONNRESET; nothing like SIGPIPE can kill the process.
void prepare_engine_thread() {}

}  // namespace ferry::platform
