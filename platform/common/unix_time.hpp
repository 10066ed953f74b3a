// SPDX-License-Identifier: Apache-2.0
#pragma once
// Modification times as the wire carries them (signed nanoseconds since the
// Unix epoch) and as kernels take them (whole seconds plus a non-negative
// fraction). Times before 1970 have a negative second count and a positive
// fraction: -0.5 s is {-1 s, 500'000'000 ns}.
#include <cstdint>
#include <limits>

namespace ferry::platform {

inline constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

struct SecondsAndNanos {
  std::int64_t seconds = 0;
  std::int64_t nanos = 0;  // always in [0, 1e9)
};

// Exact for every value: rounds the seconds down, never toward zero.
constexpr SecondsAndNanos split_unix_ns(std::int64_t unix_ns) {
  std::int64_t seconds = unix_ns / kNanosPerSecond;
  std::int64_t nanos = unix_ns % kNanosPerSecond;
  if (nanos < 0) {
    seconds -= 1;
    nanos += kNanosPerSecond;
  }
  return {seconds, nanos};
}

// The nearest value the wire can carry: times beyond ±292 years of 1970
// saturate instead of overflowing.
constexpr std::int64_t join_unix_ns(std::int64_t seconds, std::int64_t nanos) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  if (seconds > kMax / kNanosPerSecond - 1) return kMax;
  if (seconds < kMin / kNanosPerSecond + 1) return kMin;
  return seconds * kNanosPerSecond + nanos;
}

}  // namespace ferry::platform
