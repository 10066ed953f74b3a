// SPDX-License-Identifier: Apache-2.0
#pragma once
// FILETIME ticks (100 ns since 1601, unsigned) to and from the wire's signed
// nanoseconds since 1970, for every value of either: no overflow, no wrap.
#include <cstdint>
#include <limits>

namespace ferry::platform::windows_impl {

inline constexpr std::int64_t kUnixEpochTicks = 116'444'736'000'000'000;  // 1601 -> 1970

// Any signed 64-bit nanosecond count (1677 to 2262) lies within FILETIME's
// range; rounds down to the 100 ns tick, as the kernel does for Linux times.
constexpr std::uint64_t filetime_ticks(std::int64_t unix_ns) {
  std::int64_t ticks = unix_ns / 100;
  if (unix_ns % 100 < 0) ticks -= 1;
  return static_cast<std::uint64_t>(ticks + kUnixEpochTicks);
}

// Ticks outside what the wire can carry (before 1677, after 2262, or the
// values with the top bit set that Windows reserves) saturate.
constexpr std::int64_t unix_ns_from_ticks(std::uint64_t ticks) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  if (ticks > static_cast<std::uint64_t>(kMax)) return kMax;
  const std::int64_t since_1970 = static_cast<std::int64_t>(ticks) - kUnixEpochTicks;
  if (since_1970 > kMax / 100) return kMax;
  if (since_1970 < kMin / 100) return kMin;
  return since_1970 * 100;
}

}  // namespace ferry::platform::windows_impl
