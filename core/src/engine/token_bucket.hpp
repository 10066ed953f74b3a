// SPDX-License-Identifier: Apache-2.0
#pragma once
// TokenBucket: an upload speed limit without I/O. A writer reserves the
// payload bytes of its next write and is told how long to wait before
// writing them; it waits with a timer and then writes them with the kernel
// call it uses anyway (a sendfile count, a direct-I/O block or part of one,
// a TLS write). Time comes from the clock it is given.
//
// The bucket holds at most one burst, kBurstTime of the rate, and one write
// carries at most that much: after an idle time one burst goes at once, then
// a write every burst time. Over any interval T at most rate × T plus one
// burst goes out. Reservations are served in the order they are made, so
// writers sharing a bucket take turns and none waits for ever.
#include <chrono>
#include <cstdint>
#include <functional>

#include "ferry/core/settings.hpp"

namespace ferry {

class TokenBucket {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr std::chrono::milliseconds kBurstTime{50};
  // At low rates a burst still carries this much: fewer, larger writes.
  static constexpr std::uint64_t kMinBurst = 4096;
  static constexpr std::uint64_t kMinRate = kMinUploadLimit;  // lower rates count as this

  // 0 bytes per second: unlimited.
  explicit TokenBucket(std::uint64_t bytes_per_second = 0, Clock clock = &std::chrono::steady_clock::now);

  std::uint64_t rate() const { return rate_; }
  // Takes effect for the next reservation. What was saved or reserved
  // before counts up to one burst of the new rate, so a lowered limit holds
  // within a burst and a raised one does not wait out the old rate.
  void set_rate(std::uint64_t bytes_per_second);

  // The most one write may carry: one burst, or no bound when unlimited.
  std::uint64_t max_write() const;
  // Reserves `bytes` (at most max_write()): how long to wait before writing them.
  std::chrono::nanoseconds reserve(std::uint64_t bytes);

 private:
  std::chrono::nanoseconds duration_of(double bytes) const;
  std::uint64_t burst() const;

  std::uint64_t rate_ = 0;
  Clock clock_;
  // When the bucket would be empty with every reservation made so far
  // written: the tokens now are rate × (now − empty_at_), at most one burst,
  // negative while reservations wait.
  std::chrono::steady_clock::time_point empty_at_;
};

// What two limits (a transfer's own and the engine's) allow together: the
// bytes reserved in both, and the longer of the two waits.
struct Grant {
  std::uint64_t bytes = 0;
  std::chrono::nanoseconds wait{};
};
Grant reserve_in_both(TokenBucket& first, TokenBucket& second, std::uint64_t wanted);

}  // namespace ferry
