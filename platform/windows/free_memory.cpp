// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/free_memory.hpp"

#include <malloc.h>

namespace ferry::platform {

void return_free_memory() { ::_heapmin(); }

}  // namespace ferry::platform
