// SPDX-License-Identifier: Apache-2.0
#pragma once
// Counts a session's bytes and says when a Progress event is due: at most ten
// a second, plus the final one.
#include <chrono>
#include <cstdint>
#include <optional>

#include "ferry/core/events.hpp"

namespace ferry {

class ProgressMeter {
 public:
  void reset(TransferId id, std::uint64_t total) {
    id_ = id;
    total_ = total;
    done_ = 0;
  }

  std::optional<Progress> advance(std::uint64_t bytes, std::uint32_t file_index) {
    done_ += bytes;
    const auto now = std::chrono::steady_clock::now();
    if (done_ != total_ && now - last_ < std::chrono::milliseconds(100)) return std::nullopt;
    last_ = now;
    return Progress{id_, done_, total_, file_index};
  }

  std::uint64_t done() const { return done_; }

 private:
  TransferId id_;
  std::uint64_t total_ = 0;
  std::uint64_t done_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace ferry
