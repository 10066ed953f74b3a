// SPDX-License-Identifier: Apache-2.0
#pragma once
// The per-file strategy choice, like nginx's `directio`: below the threshold
// zero-copy through the page cache, at or above it direct I/O around it.
#include <cstdint>

#include "ferry/core/settings.hpp"

namespace ferry {

// When TLS encrypts in user space the bytes must pass through user memory:
// small files are then read buffered from the page cache instead of sent
// zero-copy. Kernel TLS and fast mode keep zero-copy.
inline Strategy plan_send(std::uint64_t size, const EngineSettings& settings, bool user_space_tls) {
  const Strategy planned = settings.forced_strategy           ? *settings.forced_strategy
                           : size < settings.direct_threshold ? Strategy::ZeroCopy
                                                              : Strategy::Direct;
  return user_space_tls && planned == Strategy::ZeroCopy ? Strategy::Buffered : planned;
}

// The receiving side writes buffered below the threshold and direct at or
// above it; a sender's forced strategy does not reach the receiver.
inline Strategy plan_receive(std::uint64_t size, const EngineSettings& settings) {
  if (settings.forced_strategy == Strategy::Buffered) return Strategy::Buffered;
  return size < settings.direct_threshold ? Strategy::Buffered : Strategy::Direct;
}

}  // namespace ferry
