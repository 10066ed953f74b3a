// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ferry::platform {

// Called first on the engine's own thread. On Linux it blocks SIGPIPE there:
// sendfile(2) has no MSG_NOSIGNAL, so a peer that resets the connection would
// otherwise kill the whole process instead of failing one send with EPIPE.
void prepare_engine_thread();

}  // namespace ferry::platform
