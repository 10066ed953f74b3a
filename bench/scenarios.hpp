#pragma once
// The two scenarios. Each runs its transfers and returns a markdown section.
#include <filesystem>
#include <optional>
#include <string>

#include "options.hpp"
#include "transfer.hpp"

namespace ferry::bench {

struct ScenarioContext {
  const BenchOptions& options;
  Tools tools;
  std::filesystem::path work;                // this invocation's own folder
  std::optional<std::string> perf_missing;   // why syscalls cannot be counted; nullopt: they can
};

// Bytes of disk the scenarios need at most at one time.
std::uint64_t threshold_scenario_disk_bytes(const BenchOptions& options);
std::uint64_t large_file_scenario_disk_bytes(const BenchOptions& options);

// "T": per file size and strategy, cold and warm cache.
std::string run_threshold_scenario(const ScenarioContext& context);

// "L": one large file, every strategy and the naive baseline, cold cache.
std::string run_large_file_scenario(const ScenarioContext& context);

}  // namespace ferry::bench
