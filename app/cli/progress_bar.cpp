// SPDX-License-Identifier: Apache-2.0
#include "progress_bar.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <fmt/core.h>

#include "console_output.hpp"

namespace ferry::cli {
namespace {

constexpr std::size_t kBarCells = 20;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

std::string format_eta(double seconds) {
  const auto whole = static_cast<std::uint64_t>(seconds + 0.5);
  if (whole >= 3600) return fmt::format("{}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60);
  return fmt::format("{}:{:02}", whole / 60, whole % 60);
}

}  // namespace

void ProgressBar::update(std::uint64_t bytes_done, std::uint64_t total_bytes, Clock::time_point now) {
  if (!started_) started_ = now;
  bytes_done_ = bytes_done;
  total_bytes_ = total_bytes;
}

void ProgressBar::redraw(Clock::time_point now) {
  if (!enabled_ || !started_ || now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const double fraction =
      total_bytes_ == 0 ? 1.0 : std::min(1.0, static_cast<double>(bytes_done_) / static_cast<double>(total_bytes_));
  const auto filled = static_cast<std::size_t>(fraction * kBarCells);
  const double elapsed = std::chrono::duration<double>(now - *started_).count();
  const double rate = rate_of(bytes_done_, elapsed);
  const std::uint64_t remaining = total_bytes_ - std::min(bytes_done_, total_bytes_);
  const std::string eta = rate > 0 ? format_eta(static_cast<double>(remaining) / rate) : "-:--";
  const std::string line = fmt::format("[{}{}] {:3}%  {} / {}  {}  ETA {}", std::string(filled, '#'),
                                       std::string(kBarCells - filled, '-'), static_cast<int>(fraction * 100),
                                       format_bytes(bytes_done_), format_bytes(total_bytes_), format_rate(rate), eta);
  // Pad over a longer previous line instead of relying on terminal escapes.
  fmt::print(stdout, "\r{:<{}}", line, std::max(line.size(), drawn_width_));
  std::fflush(stdout);
  drawn_width_ = line.size();
}

void ProgressBar::clear() {
  if (drawn_width_ == 0) return;
  fmt::print(stdout, "\r{:{}}\r", "", drawn_width_);
  std::fflush(stdout);
  drawn_width_ = 0;
}

}  // namespace ferry::cli
