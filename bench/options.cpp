#include "options.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>

#include <fmt/core.h>

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

template <typename Number>
Number parse_number(std::string_view text, std::string_view option, Number minimum) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < minimum) {
    throw OptionError(fmt::format("option {}: '{}' is not a whole number of at least {}", option, text, minimum));
  }
  return value;
}

std::vector<std::uint64_t> parse_size_list(std::string_view text) {
  std::vector<std::uint64_t> sizes;
  while (!text.empty()) {
    const std::size_t comma = std::min(text.find(','), text.size());
    sizes.push_back(parse_size(text.substr(0, comma)));
    text.remove_prefix(std::min(comma + 1, text.size()));
  }
  if (sizes.empty()) throw OptionError("option --sizes needs at least one size");
  return sizes;
}

fs::path own_directory() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::current_path() : self.parent_path();
}

fs::path default_cli() {
#ifdef FERRY_BENCH_CLI
  return FERRY_BENCH_CLI;
#else
  return own_directory() / "ferry-cli";
#endif
}

// Small enough for CI: a few MiB in all, one run.
void apply_smoke_defaults(BenchOptions& options) {
  options.smoke = true;
  options.runs = 1;
  options.file_sizes = {64 << 10, 1 << 20};
  options.row_bytes = 2 << 20;
  options.max_files = 16;
  options.large_size = 8 << 20;
  options.time_limit = std::chrono::seconds(120);
}

}  // namespace

std::uint64_t parse_size(std::string_view text) {
  std::uint64_t multiplier = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K': case 'k': multiplier = 1ull << 10; break;
      case 'M': case 'm': multiplier = 1ull << 20; break;
      case 'G': case 'g': multiplier = 1ull << 30; break;
      default: break;
    }
  }
  const std::string_view digits = multiplier == 1 ? text : text.substr(0, text.size() - 1);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || value == 0 ||
      value > UINT64_MAX / multiplier) {
    throw OptionError(fmt::format("'{}' is not a size (bytes, or a number with K, M or G; at least 1)", text));
  }
  return value * multiplier;
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::pair<std::uint64_t, char> kUnits[] = {{1ull << 30, 'G'}, {1ull << 20, 'M'}, {1ull << 10, 'K'}};
  for (const auto& [unit, suffix] : kUnits) {
    if (bytes >= unit && bytes % unit == 0) return fmt::format("{}{}", bytes / unit, suffix);
  }
  return std::to_string(bytes);
}

std::variant<BenchOptions, ShowHelp> parse_options(std::span<const std::string_view> arguments) {
  BenchOptions options;
  options.cli = default_cli();
  options.workdir = own_directory() / "ferry-bench-work";
  options.file_sizes = {256 << 10, 1 << 20, 4 << 20, 16 << 20, 64 << 20, 256 << 20};
  for (const std::string_view argument : arguments) options.command_line.emplace_back(argument);
  // --smoke sets defaults; other options given with it still win.
  if (std::find(arguments.begin(), arguments.end(), "--smoke") != arguments.end()) apply_smoke_defaults(options);

  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view name = arguments[i];
    const auto value = [&]() -> std::string_view {
      if (i + 1 >= arguments.size()) throw OptionError(fmt::format("option {} needs a value", name));
      return arguments[++i];
    };
    if (name == "--cli") {
      options.cli = fs::path(value());
    } else if (name == "--workdir") {
      options.workdir = fs::path(value());
    } else if (name == "--runs") {
      options.runs = parse_number<int>(value(), name, 1);
    } else if (name == "--scenario") {
      const std::string_view which = value();
      if (which != "T" && which != "L" && which != "all") {
        throw OptionError(fmt::format("option --scenario: '{}' is not T, L or all", which));
      }
      options.threshold_scenario = which != "L";
      options.large_file_scenario = which != "T";
    } else if (name == "--sizes") {
      options.file_sizes = parse_size_list(value());
    } else if (name == "--row-bytes") {
      options.row_bytes = parse_size(value());
    } else if (name == "--max-files") {
      options.max_files = parse_number<std::uint32_t>(value(), name, 1);
    } else if (name == "--size") {
      options.large_size = parse_size(value());
    } else if (name == "--timeout") {
      options.time_limit = std::chrono::seconds(parse_number<int>(value(), name, 1));
    } else if (name == "--no-perf") {
      options.use_perf = false;
    } else if (name == "--smoke") {
      // applied above
    } else if (name == "-h" || name == "--help") {
      return ShowHelp{};
    } else {
      throw OptionError(fmt::format("unknown option '{}'", name));
    }
  }
  if (::access(options.cli.c_str(), X_OK) != 0) {
    throw OptionError(fmt::format("ferry-cli not found or not executable at '{}' (use --cli PATH)",
                                  options.cli.string()));
  }
  options.cli = fs::absolute(options.cli);
  return options;
}

std::string_view usage_text() {
  return R"(Usage: ferry-bench [OPTIONS]

Measures ferry-cli transfers over 127.0.0.1 between two real processes, with
files on disk, and prints markdown tables on stdout (progress on stderr).

Scenario T (threshold choice): sets of files of each --sizes, sent with the
zerocopy, direct and buffered strategies, cold and warm page cache.
Scenario L (large file): one --size file with auto, zerocopy, direct,
buffered and a naive read()/write() 32 KiB copy, cold cache.

  --cli PATH        ferry-cli to run (default: the one built with this bench)
  --workdir DIR     where the files go, on a disk, not tmpfs
                    (default: ferry-bench-work next to this program)
  --runs N          runs per measurement; cells show the median (min–max) (default 3)
  --scenario S      T, L or all (default all)
  --sizes LIST      T: file sizes (default 256K,1M,4M,16M,64M,256M)
  --row-bytes SIZE  T: bytes moved per row, at least (default 256M)
  --max-files N     T: at most this many files per row (default 512)
  --size SIZE       L: size of the one file (default 1G)
  --timeout SEC     kill any child process after SEC seconds (default 600)
  --no-perf         skip the system call counts (perf stat)
  --smoke           tiny sizes and one run: checks that everything works
  -h, --help        this text

Sizes take K, M and G suffixes (1K = 1024).
)";
}

}  // namespace ferry::bench
