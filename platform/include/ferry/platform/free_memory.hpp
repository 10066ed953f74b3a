// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ferry::platform {

// Hands the heap's free pages back to the system, so a process that held a
// large offer for a while shrinks again once it is gone (the C library keeps
// freed small blocks otherwise). Costs a walk over the heap: call it when a
// large amount was just freed, not per operation.
void return_free_memory();

}  // namespace ferry::platform
