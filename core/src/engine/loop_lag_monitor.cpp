// SPDX-License-Identifier: Apache-2.0
#include "loop_lag_monitor.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

namespace ferry {

namespace {
constexpr auto kPeriod = std::chrono::milliseconds(1);
}

void LagHistogram::add(std::chrono::microseconds late) {
  late = std::max(late, std::chrono::microseconds(0));
  const auto step = static_cast<std::size_t>(late.count() / kStepMicros);
  ++counts_[std::min(step, kSteps)];
  max_ = std::max(max_, late);
  ++total_;
}

LoopLag LagHistogram::summary() const {
  LoopLag lag;
  lag.turns = total_;
  lag.max_ms = static_cast<double>(max_.count()) / 1000.0;
  if (total_ == 0) return lag;
  // The smallest lateness that 99% of the turns did not exceed.
  const std::uint64_t wanted = total_ - total_ / 100;
  std::uint64_t seen = 0;
  for (std::size_t step = 0; step <= kSteps; ++step) {
    seen += counts_[step];
    if (seen >= wanted) {
      lag.p99_ms = step == kSteps ? lag.max_ms : static_cast<double>((step + 1) * kStepMicros) / 1000.0;
      break;
    }
  }
  return lag;
}

LoopLagMonitor::LoopLagMonitor(boost::asio::io_context& context) : timer_(context) {
  const char* path = std::getenv("FERRY_LOOP_LAG");
  if (!path || !*path) return;
  report_ = path;
  out_.open(*report_, std::ios::app);
  due_ = std::chrono::steady_clock::now() + kPeriod;
  arm();
}

void LoopLagMonitor::arm() {
  timer_.expires_at(due_);
  timer_.async_wait([this](boost::system::error_code ec) {
    // A turn already due when stop() cancelled the timer still runs: it must not re-arm.
    if (ec || !report_) return;
    const auto now = std::chrono::steady_clock::now();
    histogram_.add(std::chrono::duration_cast<std::chrono::microseconds>(now - due_));
    // Due again a period after this turn, not after the last due time: one
    // long block counts once, not again for every turn it made the timer miss.
    due_ = now + kPeriod;
    arm();
  });
}

void LoopLagMonitor::stop() {
  if (!report_) return;
  timer_.cancel();
  const LoopLag lag = histogram_.summary();
  out_ << fmt::format("max_ms={:.3f} p99_ms={:.3f} turns={}\n", lag.max_ms, lag.p99_ms, lag.turns);
  out_.flush();
  if (!out_) spdlog::warn("FERRY_LOOP_LAG: cannot write {}", report_->string());
  report_.reset();
}

}  // namespace ferry
