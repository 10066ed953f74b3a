// SPDX-License-Identifier: Apache-2.0
#pragma once
// One self-overwriting status line for a send to several receivers, each
// with its share done:
//   192.168.1.7:53740 45%  192.168.1.8:53740 12%  192.168.1.9:53740 waiting
// Redrawn at most every 100 ms; cleared before any other line is printed.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ferry::cli {

class RecipientsProgress {
 public:
  using Clock = std::chrono::steady_clock;

  // `labels`: the receivers, as the line names them.
  RecipientsProgress(bool enabled, std::vector<std::string> labels);

  void update(std::size_t recipient, std::uint64_t bytes_done, std::uint64_t total_bytes);
  void finished(std::size_t recipient, bool ok);
  void redraw(Clock::time_point now);
  void clear();

 private:
  struct Share {
    std::string label;
    std::uint64_t bytes_done = 0;
    std::uint64_t total_bytes = 0;
    bool started = false;
    const char* ended = nullptr;  // "done" or "failed" once it ended
  };

  bool enabled_;
  std::vector<Share> shares_;
  Clock::time_point last_draw_{};
  std::size_t drawn_width_ = 0;
};

}  // namespace ferry::cli
