// SPDX-License-Identifier: Apache-2.0
// ferry-bench: measures ferry-cli transfers between real processes over
// 127.0.0.1 with files on disk, and prints the results as markdown tables.
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "dataset.hpp"
#include "devices.hpp"
#include "hot_reader.hpp"
#include "dd_direct.hpp"
#include "naive_copy.hpp"
#include "options.hpp"
#include "perf_stat.hpp"
#include "process.hpp"
#include "scenarios.hpp"
#include "workdir.hpp"

namespace {

using namespace ferry::bench;
namespace fs = std::filesystem;

constexpr int kFailureStatus = 1;
constexpr int kUsageStatus = 2;
constexpr std::uint64_t kDiskMargin = 256ull << 20;

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
  Number number{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// The hidden roles of the baselines, `--naive-receive FILE`, `--naive-send
// PORT FILE`, `--socket-only-send PORT BYTES`, `--dd-direct-receive FILE` and
// `--dd-direct-send PORT FILE`, and of the hot-set reader, `--hot-reader DIR`. nullopt when `arguments` is not one of
// them.
std::optional<int> run_hidden_role(const std::vector<std::string_view>& arguments) {
  if (arguments.size() == 2 && arguments[0] == kHotReaderRole) return hot_reader(fs::path(arguments[1]));
  if (arguments.size() == 2 && arguments[0] == "--naive-receive") return naive_receive(fs::path(arguments[1]));
  if (arguments.size() == 3 && arguments[0] == "--naive-send") {
    const auto port = parse_number<std::uint16_t>(arguments[1]);
    return port ? naive_send(*port, fs::path(arguments[2])) : kUsageStatus;
  }
  if (arguments.size() == 2 && arguments[0] == "--dd-direct-receive") return dd_direct_receive(fs::path(arguments[1]));
  if (arguments.size() == 3 && arguments[0] == "--dd-direct-send") {
    const auto port = parse_number<std::uint16_t>(arguments[1]);
    return port ? dd_direct_send(*port, fs::path(arguments[2])) : kUsageStatus;
  }
  if (arguments.size() == 3 && arguments[0] == "--socket-only-send") {
    const auto port = parse_number<std::uint16_t>(arguments[1]);
    const auto bytes = parse_number<std::uint64_t>(arguments[2]);
    return port && bytes ? socket_only_send(*port, *bytes) : kUsageStatus;
  }
  return std::nullopt;
}

std::string setup_section(const BenchOptions& options, const ScenarioContext& context) {
  utsname system{};
  ::uname(&system);
  struct sysinfo memory {};
  ::sysinfo(&memory);
  const double ram_gib = static_cast<double>(memory.totalram) * memory.mem_unit / (1024.0 * 1024 * 1024);
  std::string command = "ferry-bench";
  for (const std::string& argument : options.command_line) command += " " + argument;
  return fmt::format(
      "## Setup\n\n"
      "- Command: `{}`\n"
      "- Kernel {} {}, {} CPUs online, {:.1f} GiB RAM\n"
      "- Work dir: {} ({})\n"
      "- ferry-cli: {}\n"
      "- Transfers over 127.0.0.1; receiver `ferry-cli receive --port 0 --bind 127.0.0.1 --accept-all --once`, "
      "sender `ferry-cli send [--fast] --strategy S --json`, each a separate process with a {} s limit\n"
      "- Two devices with identities of their own in the work dir (`--config-dir`); the receiver pins the sender "
      "with fast mode. Ferry runs in fast mode (`--fast`: plain TCP after the TLS handshake, so every strategy runs "
      "as asked) except where a row says encrypted (TLS all the way, the default); each run checks the mode the "
      "sender reports\n"
      "- MiB/s and files/s: bytes and files moved ÷ time from starting the sender until both processes exited\n"
      "- MiB/s on disk: the same, counting also a sync() right after the transfer, which writes back what a "
      "page-cache receiver left dirty (a direct receiver's bytes are already on the disk)\n"
      "- CPU, context switches (voluntary + involuntary) and peak RSS: each process's rusage from wait4\n"
      "- Source / output cached: share of the files' pages in the page cache (mincore), source before → "
      "after, output after\n"
      "- System call counts: {}\n",
      command, system.release, system.machine, ::sysconf(_SC_NPROCESSORS_ONLN), ram_gib, context.work.string(),
      filesystem_name(context.work), options.cli.string(), options.time_limit.count(),
      context.perf_missing ? "n/a, " + *context.perf_missing : std::string("perf stat -e raw_syscalls:sys_enter"));
}

// Bytes of disk the scenarios need at most at one time: a source and its copy.
std::uint64_t disk_bytes_needed(const BenchOptions& options) {
  std::uint64_t needed = 0;
  // Small files take whole 4 KiB blocks.
  const std::uint64_t small_set = options.small_files * ((options.small_size + 4095) / 4096 * 4096);
  if (options.runs_scenario('L')) needed = std::max(needed, 2 * options.large_size);
  if (options.runs_scenario('D') || options.runs_scenario('R')) needed = std::max(needed, options.large_size);
  if (options.runs_scenario('S')) needed = std::max(needed, 2 * small_set);
  if (options.runs_scenario('E') || options.runs_scenario('G'))
    needed = std::max(needed, 2 * (options.large_size + small_set));
  if (options.runs_scenario('M') || options.runs_scenario('T')) {
    std::uint64_t total = 0;
    for (const std::uint64_t size : log_uniform_sizes(options.mixed_files, options.mixed_min, options.mixed_max)) {
      total += size;
    }
    needed = std::max(needed, 2 * total);
  }
  if (options.runs_scenario('P')) needed = std::max(needed, 2 * options.pressure_bytes() + options.hot_set);
  return needed;
}

int run_bench(const BenchOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  WorkDir work(options.workdir);
  work.require_free_space(disk_bytes_needed(options) + kDiskMargin);

  const fs::path logs = work.path() / "logs";
  fs::create_directories(logs);
  const Devices devices = set_up_devices(options.cli, work.path() / "devices", logs, options.time_limit);
  ScenarioContext context{options,
                          Tools{options.cli, devices, fs::read_symlink("/proc/self/exe"), logs, options.time_limit},
                          work.path(), std::nullopt, std::nullopt};
  if (!options.use_perf) {
    context.perf_missing = "--no-perf was given";
  } else if (options.scenarios.find_first_of("LDRSEMT") != std::string::npos) {
    context.perf_missing = perf_unavailable_reason(logs);
    if (context.perf_missing) fmt::print(stderr, "ferry-bench: no system call counts: {}\n", *context.perf_missing);
  }
  if (options.runs_scenario('S')) {
    context.nc_missing = tar_nc_unavailable_reason();
    if (context.nc_missing) fmt::print(stderr, "ferry-bench: no tar | nc baseline: {}\n", *context.nc_missing);
  }

  std::string report = "# ferry-bench results\n\n" + setup_section(options, context);
  for (const char scenario : options.scenarios) {
    switch (scenario) {
      case 'L':
        report += "\n" + run_large_file_scenario(context);
        break;
      case 'D':
        report += "\n" + run_send_side_scenario(context);
        break;
      case 'R':
        report += "\n" + run_receive_side_scenario(context);
        break;
      case 'S':
        report += "\n" + run_small_files_scenario(context);
        break;
      case 'E':
        report += "\n" + run_encryption_scenario(context);
        break;
      case 'G':
        report += "\n" + run_loop_lag_scenario(context);
        break;
      case 'M':
        report += "\n" + run_mixed_scenario(context);
        break;
      case 'T':
        report += "\n" + run_threshold_scenario(context);
        break;
      case 'P':
        report += "\n" + run_pressure_scenario(context);
        break;
      default:
        break;
    }
    // M and T share their set of files; it goes once neither needs it.
    if (scenario == 'T' || (scenario == 'M' && !options.runs_scenario('T'))) {
      fs::remove_all(work.path() / "source" / "mixed");
    }
  }
  fmt::print("{}", report);
  std::fflush(stdout);
  const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() / 60;
  fmt::print(stderr, "ferry-bench: done in {:.1f} min\n", minutes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> arguments(argv + 1, argv + argc);
  if (const auto status = run_hidden_role(arguments)) return *status;
  try {
    const auto parsed = parse_options(arguments);
    if (std::holds_alternative<ShowHelp>(parsed)) {
      fmt::print("{}", usage_text());
      return 0;
    }
    install_interrupt_handlers();
    return run_bench(std::get<BenchOptions>(parsed));
  } catch (const OptionError& error) {
    fmt::print(stderr, "ferry-bench: {}\nTry 'ferry-bench --help'.\n", error.what());
    return kUsageStatus;
  } catch (const Interrupted& error) {
    fmt::print(stderr, "ferry-bench: {}; child processes killed, files removed\n", error.what());
    return kFailureStatus;
  } catch (const std::exception& error) {
    fmt::print(stderr, "ferry-bench: error: {}\n", error.what());
    return kFailureStatus;
  }
}
