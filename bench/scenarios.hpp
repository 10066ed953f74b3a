// SPDX-License-Identifier: Apache-2.0
#pragma once
// The scenarios. Each runs its transfers and returns a markdown section.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "options.hpp"
#include "transfer.hpp"

namespace ferry::bench {

struct ScenarioContext {
  const BenchOptions& options;
  Tools tools;
  std::filesystem::path work;               // this invocation's own folder
  std::optional<std::string> perf_missing;  // why syscalls cannot be counted; nullopt: they can
  std::optional<std::string> nc_missing;    // why tar | nc cannot run; nullopt: it can
};

// "L": one large file, every strategy and the naive baseline, cold cache.
std::string run_large_file_scenario(const ScenarioContext& context);

// nullopt when tar and OpenBSD netcat can run here, else why not.
std::optional<std::string> tar_nc_unavailable_reason();

// "D": the large file from disk (cold) into tmpfs: the sender's side alone.
std::string run_send_side_scenario(const ScenarioContext& context);

// "R": the large file from tmpfs onto the disk: the receiver's side alone,
// counted until the data is on disk.
std::string run_receive_side_scenario(const ScenarioContext& context);

// "S": many small files in folders; Ferry against tar | nc.
std::string run_small_files_scenario(const ScenarioContext& context);

// "E": encrypted against fast mode, for the large file and the small files.
std::string run_encryption_scenario(const ScenarioContext& context);

// "G": the engine loop's lateness, S's files and L's file each sent beside a
// second session sending the other.
std::string run_loop_lag_scenario(const ScenarioContext& context);
// "M": a mixed set, sizes log-uniform; every strategy.
std::string run_mixed_scenario(const ScenarioContext& context);

// "T": the mixed set with each direct-I/O threshold, on both ends.
std::string run_threshold_scenario(const ScenarioContext& context);

// "P": a hot set read over and over while a large file is sent, all in one
// memory-limited cgroup; auto against zero-copy for everything.
std::string run_pressure_scenario(const ScenarioContext& context);

}  // namespace ferry::bench
