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

struct BenchOptions {
  std::filesystem::path cli;      // ferry-cli to run
  std::filesystem::path workdir;  // where run-<pid>/ goes
  int runs = 3;
  bool threshold_scenario = true;                    // "T"
  bool large_file_scenario = true;                   // "L"
  std::vector<std::uint64_t> file_sizes;             // T: one row group per size
  std::uint64_t row_bytes = 256ull << 20;            // T: each row moves at least this much...
  std::uint32_t max_files = 512;                     // ...with at most this many files
  std::uint64_t large_size = 1ull << 30;             // L: the one file
  std::chrono::seconds time_limit{600};              // per child process
  bool use_perf = true;
  bool smoke = false;
  std::vector<std::string> command_line;             // as given, for the report
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
