// SPDX-License-Identifier: Apache-2.0
#pragma once
// Verified files waiting for their names. A commit makes a batch durable (one
// syncfs, or a flush per file) and only then renames its files, so a crash
// never leaves a final name on unwritten data. Holds no I/O: the session
// runs the commit, this keeps what waits and what is being committed.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ferry/base/strategy.hpp"

namespace ferry {

// How a file moved on the receiving side, for its FileDone.
struct ReceiveRecord {
  Strategy strategy = Strategy::Buffered;
  std::string strategy_note;
  std::uint64_t resumed_bytes = 0;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// A verified part file waiting for its final name.
struct VerifiedFile {
  std::uint32_t index = 0;
  std::string part_name;
  bool part_is_resumable = false;
  std::uint64_t size = 0;
  ReceiveRecord record;
};

class CommitBatch {
 public:
  // A commit is due once this many verified files or bytes wait (and always
  // after the last file).
  static constexpr std::size_t kFiles = 256;
  static constexpr std::uint64_t kBytes = 256ull * 1024 * 1024;
  static bool due(std::size_t files, std::uint64_t bytes) { return files >= kFiles || bytes >= kBytes; }

  void add(VerifiedFile file) { waiting_.push_back(std::move(file)); }
  // Everything waiting becomes the batch being committed.
  const std::vector<VerifiedFile>& start() {
    running_ = std::move(waiting_);
    waiting_.clear();
    return running_;
  }
  // The batch being committed, taken once a worker made it durable and named
  // its files (or failed to).
  std::vector<VerifiedFile> finish() {
    auto batch = std::move(running_);
    running_.clear();
    return batch;
  }

 private:
  std::vector<VerifiedFile> waiting_;
  std::vector<VerifiedFile> running_;
};

}  // namespace ferry
