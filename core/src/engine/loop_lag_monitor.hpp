// SPDX-License-Identifier: Apache-2.0
#pragma once
// Measures how long the engine's event loop keeps ready work waiting: a timer
// due every millisecond records how late it runs. A handler that blocks the
// thread (a read from a slow disk, say) shows up as one late turn as long as
// it blocked. Off unless the environment variable FERRY_LOOP_LAG names a file;
// then the figures are appended to it, one line, when the engine stops.
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace ferry {

struct LoopLag {
  double max_ms = 0;
  double p99_ms = 0;
  std::uint64_t turns = 0;  // timer turns measured
};

// Lateness counted in 10 µs steps up to 100 ms, and exactly beyond for the maximum.
class LagHistogram {
 public:
  void add(std::chrono::microseconds late);
  LoopLag summary() const;

 private:
  static constexpr std::int64_t kStepMicros = 10;
  static constexpr std::size_t kSteps = 10'000;
  std::array<std::uint64_t, kSteps + 1> counts_{};  // the last one: 100 ms or more
  std::chrono::microseconds max_{0};
  std::uint64_t total_ = 0;
};

class LoopLagMonitor {
 public:
  // Starts only when FERRY_LOOP_LAG is set; call on the engine thread.
  explicit LoopLagMonitor(boost::asio::io_context& context);
  // Stops the timer and appends the figures to the file (engine thread).
  void stop();

 private:
  void arm();

  boost::asio::steady_timer timer_;
  std::optional<std::filesystem::path> report_;
  std::ofstream out_;  // opened at once: the engine's writes may be confined later
  std::chrono::steady_clock::time_point due_;
  LagHistogram histogram_;
};

}  // namespace ferry
