// SPDX-License-Identifier: Apache-2.0
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

std::vector<std::uint64_t> parse_size_list(std::string_view text, std::string_view option) {
  std::vector<std::uint64_t> sizes;
  while (!text.empty()) {
    const std::size_t comma = std::min(text.find(','), text.size());
    sizes.push_back(parse_size(text.substr(0, comma)));
    text.remove_prefix(std::min(comma + 1, text.size()));
  }
  if (sizes.empty()) throw OptionError(fmt::format("option {} needs at least one size", option));
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

// Which scenarios "L,S", "all" or "LSEMTP" names; throws OptionError.
std::string parse_scenarios(std::string_view text) {
  if (text == "all") return std::string(kAllScenarios);
  std::string letters;
  for (const char letter : text) {
    if (letter == ',') continue;
    if (kAllScenarios.find(letter) == std::string_view::npos) {
      throw OptionError(
          fmt::format("option --scenario: '{}' is not a list of L, D, R, S, E, G, M, T and P, or all", text));
    }
    if (letters.find(letter) == std::string::npos) letters += letter;
  }
  if (letters.empty()) throw OptionError("option --scenario needs at least one scenario");
  std::string ordered;
  for (const char letter : kAllScenarios) {
    if (letters.find(letter) != std::string::npos) ordered += letter;
  }
  return ordered;
}

// Small enough for CI: a few MiB per scenario, one run.
void apply_smoke_defaults(BenchOptions& options) {
  options.smoke = true;
  options.runs = 1;
  options.large_size = 8 << 20;
  options.small_files = 200;
  options.small_folders = 10;
  options.mixed_files = 12;
  options.mixed_max = 4 << 20;
  options.thresholds = {256 << 10, 4 << 20};
  options.cgroup_limit = 48 << 20;
  options.hot_set = 4 << 20;
  options.time_limit = std::chrono::seconds(120);
}

}  // namespace

std::uint64_t parse_size(std::string_view text) {
  std::uint64_t multiplier = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 'K':
      case 'k':
        multiplier = 1ull << 10;
        break;
      case 'M':
      case 'm':
        multiplier = 1ull << 20;
        break;
      case 'G':
      case 'g':
        multiplier = 1ull << 30;
        break;
      default:
        break;
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
  options.thresholds = {256ull << 10, 1ull << 20, 4ull << 20, 16ull << 20, 64ull << 20, 128ull << 20, 1ull << 30};
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
    } else if (name == "--perf-runs") {
      options.perf_runs = parse_number<int>(value(), name, 1);
    } else if (name == "--data") {
      options.data_dir = fs::path(value());
    } else if (name == "--scenario") {
      options.scenarios = parse_scenarios(value());
    } else if (name == "--tmpfs") {
      options.tmpfs = fs::path(value());
    } else if (name == "--size") {
      options.large_size = parse_size(value());
    } else if (name == "--small-files") {
      options.small_files = parse_number<std::uint32_t>(value(), name, 1);
    } else if (name == "--small-size") {
      options.small_size = parse_size(value());
    } else if (name == "--mixed-files") {
      options.mixed_files = parse_number<std::uint32_t>(value(), name, 1);
    } else if (name == "--mixed-max") {
      options.mixed_max = parse_size(value());
    } else if (name == "--thresholds") {
      options.thresholds = parse_size_list(value(), name);
    } else if (name == "--cgroup-limit") {
      options.cgroup_limit = parse_size(value());
    } else if (name == "--hot-set") {
      options.hot_set = parse_size(value());
    } else if (name == "--pressure-size") {
      options.pressure_size = parse_size(value());
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
    throw OptionError(
        fmt::format("ferry-cli not found or not executable at '{}' (use --cli PATH)", options.cli.string()));
  }
  if (options.mixed_max < options.mixed_min) {
    throw OptionError(fmt::format("option --mixed-max: at least {}", format_size(options.mixed_min)));
  }
  options.small_folders = std::min(options.small_folders, options.small_files);
  options.cli = fs::absolute(options.cli);
  if (options.data_dir) options.data_dir = fs::absolute(*options.data_dir);
  return options;
}

std::string_view usage_text() {
  return R"(Usage: ferry-bench [OPTIONS]

Measures ferry-cli transfers over 127.0.0.1 between two real processes, with
files on disk, and prints markdown tables on stdout (progress on stderr).
Both are devices of their own, made in the work dir; ferry-cli runs in fast
mode (plain TCP after the TLS handshake) except where a row says encrypted.

  L  one large file (--size): auto, auto encrypted, zerocopy, direct, buffered
     and a naive read()/write() 32 KiB copy, cold cache; then zerocopy and
     naive warm
  D  send side: L's file on disk (cold) received into tmpfs (--tmpfs): auto,
     auto encrypted, zerocopy, buffered, naive
  R  receive side: the file in tmpfs received onto the disk, counted until
     it is on disk: the same rows
  S  many small files (--small-files of --small-size in --small-folders):
     auto, zerocopy, buffered and tar -cf - | nc into nc -l | tar -xf -
  E  encrypted (the default) against fast mode (send --fast), with auto, for
     the large file of L and the small files of S, interleaved in each run
  G  the engine's event loop (how late it runs due work, FERRY_LOOP_LAG)
     for S's files and L's file, each sent while a second session sends
     the other to the same receiver, encrypted and fast
  M  a mixed set (--mixed-files, sizes log-uniform from 4K to --mixed-max,
     fixed seed): auto, zerocopy, direct, buffered
  T  threshold sweep: M sent with auto and each --thresholds value, given to
     the sender and the receiver
  P  page cache under pressure (needs root and a memory cgroup): a hot set
     read over and over while a large file is sent, all in one cgroup

  --cli PATH          ferry-cli to run (default: the one built with this bench)
  --workdir DIR       where the files go, on a disk, not tmpfs
                      (default: ferry-bench-work next to this program)
  --data DIR          also write the figures as TSV files into DIR (for bench/plot.gp)
  --runs N            runs per measurement; cells show the median (min–max) (default 3)
  --perf-runs N       runs of the separate system call pass (perf stat) (default 1)
  --scenario LIST     letters of L, D, R, S, E, G, M, T, P (e.g. L,S) or all (default all)
  --size SIZE         L, D, R, E and G: size of the one file (default 4G)
  --tmpfs DIR         D and R: a tmpfs folder for the end in memory (default /dev/shm)
  --small-files N     S, E and G: number of files (default 10000)
  --small-size SIZE   S, E and G: size of each file (default 16K)
  --mixed-files N     M and T: number of files (default 200)
  --mixed-max SIZE    M and T: largest file size (default 256M)
  --thresholds LIST   T: direct-I/O thresholds (default 256K,1M,4M,16M,64M,128M,1G)
  --cgroup-limit SIZE P: memory limit of the cgroup (default 256M)
  --hot-set SIZE      P: total size of the hot set, in 64 KiB files (default 64M)
  --pressure-size SIZE P: size of the large file (default 4 × --cgroup-limit)
  --timeout SEC       kill any child process after SEC seconds (default 600)
  --no-perf           skip the system call counts (perf stat)
  --smoke             tiny sizes and one run: checks that everything works
  -h, --help          this text

Sizes take K, M and G suffixes (1K = 1024).
)";
}

}  // namespace ferry::bench
