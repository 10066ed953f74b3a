// SPDX-License-Identifier: Apache-2.0
#include "token_bucket.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ferry {
namespace {

std::uint64_t effective_rate(std::uint64_t bytes_per_second) {
  return bytes_per_second == 0 ? 0 : std::max(bytes_per_second, TokenBucket::kMinRate);
}

}  // namespace

TokenBucket::TokenBucket(std::uint64_t bytes_per_second, Clock clock)
    : rate_(effective_rate(bytes_per_second)), clock_(std::move(clock)), empty_at_(clock_()) {
  // Full. Unlimited has no duration for a byte: set_rate fills it when a limit comes.
  if (rate_ != 0) empty_at_ -= duration_of(static_cast<double>(burst()));
}

std::uint64_t TokenBucket::burst() const {
  const double seconds = std::chrono::duration<double>(kBurstTime).count();
  return std::max(static_cast<std::uint64_t>(static_cast<double>(rate_) * seconds), kMinBurst);
}

std::chrono::nanoseconds TokenBucket::duration_of(double bytes) const {
  return std::chrono::nanoseconds(std::llround(bytes * 1e9 / static_cast<double>(rate_)));
}

void TokenBucket::set_rate(std::uint64_t bytes_per_second) {
  const std::uint64_t old_rate = rate_;
  rate_ = effective_rate(bytes_per_second);
  if (rate_ == 0 || rate_ == old_rate) return;
  const auto now = clock_();
  const auto most = static_cast<double>(burst());
  const double tokens =
      old_rate == 0 ? most
                    : std::clamp(static_cast<double>(old_rate) * std::chrono::duration<double>(now - empty_at_).count(),
                                 -most, most);
  empty_at_ = now - duration_of(tokens);
}

std::uint64_t TokenBucket::max_write() const {
  return rate_ == 0 ? std::numeric_limits<std::uint64_t>::max() : burst();
}

std::chrono::nanoseconds TokenBucket::reserve(std::uint64_t bytes) {
  if (rate_ == 0) return {};
  const auto now = clock_();
  empty_at_ = std::max(empty_at_, now - duration_of(static_cast<double>(burst())));
  empty_at_ += duration_of(static_cast<double>(bytes));
  return std::max(std::chrono::duration_cast<std::chrono::nanoseconds>(empty_at_ - now), std::chrono::nanoseconds{});
}

Grant reserve_in_both(TokenBucket& first, TokenBucket& second, std::uint64_t wanted) {
  const std::uint64_t bytes = std::min({wanted, first.max_write(), second.max_write()});
  return {bytes, std::max(first.reserve(bytes), second.reserve(bytes))};
}

}  // namespace ferry
