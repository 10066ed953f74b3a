// SPDX-License-Identifier: Apache-2.0
#pragma once
// One self-overwriting status line on stdout:
//   [#########-----------]  45%  28.8 MiB / 64.0 MiB  152.3 MiB/s  ETA 0:03
// Redrawn at most every 100 ms; cleared before any other line is printed.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace ferry::cli {

class ProgressBar {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ProgressBar(bool enabled) : enabled_(enabled) {}

  void update(std::uint64_t bytes_done, std::uint64_t total_bytes, Clock::time_point now);
  void redraw(Clock::time_point now);
  void clear();

 private:
  bool enabled_;
  std::uint64_t bytes_done_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::optional<Clock::time_point> started_;
  Clock::time_point last_draw_{};
  std::size_t drawn_width_ = 0;
};

}  // namespace ferry::cli
