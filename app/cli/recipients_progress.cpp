// SPDX-License-Identifier: Apache-2.0
#include "recipients_progress.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/core.h>

namespace ferry::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

RecipientsProgress::RecipientsProgress(bool enabled, std::vector<std::string> labels) : enabled_(enabled) {
  for (std::string& label : labels) shares_.push_back(Share{.label = std::move(label)});
}

void RecipientsProgress::update(std::size_t recipient, std::uint64_t bytes_done, std::uint64_t total_bytes) {
  Share& share = shares_.at(recipient);
  share.started = true;
  share.bytes_done = bytes_done;
  share.total_bytes = total_bytes;
}

void RecipientsProgress::finished(std::size_t recipient, bool ok) {
  shares_.at(recipient).ended = ok ? "done" : "failed";
}

void RecipientsProgress::redraw(Clock::time_point now) {
  if (!enabled_ || now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  std::string line;
  for (const Share& share : shares_) {
    if (!line.empty()) line += "  ";
    if (share.ended != nullptr) {
      line += fmt::format("{} {}", share.label, share.ended);
    } else if (!share.started) {
      line += fmt::format("{} waiting", share.label);
    } else {
      const double fraction =
          share.total_bytes == 0
              ? 1.0
              : std::min(1.0, static_cast<double>(share.bytes_done) / static_cast<double>(share.total_bytes));
      line += fmt::format("{} {}%", share.label, static_cast<int>(fraction * 100));
    }
  }
  // Pad over a longer previous line instead of relying on terminal escapes.
  fmt::print(stdout, "\r{:<{}}", line, std::max(line.size(), drawn_width_));
  std::fflush(stdout);
  drawn_width_ = line.size();
}

void RecipientsProgress::clear() {
  if (drawn_width_ == 0) return;
  fmt::print(stdout, "\r{:{}}\r", "", drawn_width_);
  std::fflush(stdout);
  drawn_width_ = 0;
}

}  // namespace ferry::cli
