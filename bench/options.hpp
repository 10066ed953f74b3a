// SPDX-License-Identifier: Apache-2.0
#pragma once
// ferry-bench's command line.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ferry::bench {

class OptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every scenario letter, in the order they run whatever the order given.
inline constexpr std::string_view kAllScenarios = "LDRSEGMTP";

struct BenchOptions {
  std::filesystem::path cli;                      // ferry-cli to run
  std::filesystem::path workdir;                  // where run-<pid>/ goes
  std::optional<std::filesystem::path> data_dir;  // --data: TSV files for the charts
  int runs = 3;
  int perf_runs = 1;                          // runs of the separate perf stat pass
  std::string scenarios{kAllScenarios};       // which to run, in this order
  std::uint64_t large_size = 4ull << 30;      // L, D, R and E: the one file
  std::filesystem::path tmpfs = "/dev/shm";   // D and R: the end in memory
  std::uint32_t small_files = 10000;          // S and E: this many files...
  std::uint64_t small_size = 16ull << 10;     // ...of this size...
  std::uint32_t small_folders = 100;          // ...in this many folders
  std::uint32_t mixed_files = 200;            // M: this many files, log-uniform...
  std::uint64_t mixed_min = 4ull << 10;       // ...from this size...
  std::uint64_t mixed_max = 256ull << 20;     // ...to this size
  std::vector<std::uint64_t> thresholds;      // T: M sent with each of these
  std::uint64_t cgroup_limit = 256ull << 20;  // P: memory limit of the cgroup
  std::uint64_t hot_set = 64ull << 20;        // P: total size of the hot set
  std::uint64_t pressure_size = 0;            // P: the large file; 0: 4 × cgroup_limit
  std::chrono::seconds time_limit{600};       // per child process
  bool use_perf = true;
  bool smoke = false;
  std::vector<std::string> command_line;  // as given, for the report

  bool runs_scenario(char letter) const { return scenarios.find(letter) != std::string::npos; }
  std::uint64_t pressure_bytes() const { return pressure_size != 0 ? pressure_size : 4 * cgroup_limit; }
};

struct ShowHelp {};

// `arguments` excludes the program name. Throws OptionError.
std::variant<BenchOptions, ShowHelp> parse_options(std::span<const std::string_view> arguments);

std::string_view usage_text();

// "256K", "16M", "1G" (1K = 1024) or plain bytes. Throws OptionError.
std::uint64_t parse_size(std::string_view text);
// The shortest exact form of `bytes` in the same notation.
std::string format_size(std::uint64_t bytes);

}  // namespace ferry::bench
