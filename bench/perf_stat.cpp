// SPDX-License-Identifier: Apache-2.0
#include "perf_stat.hpp"

#include <charconv>
#include <fstream>

#include "process.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kEvent = "raw_syscalls:sys_enter";

std::string first_line_of(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) return line;
  }
  return {};
}

}  // namespace

std::vector<std::string> perf_stat_prefix(const fs::path& output) {
  return {"perf", "stat", "-x,", "-e", std::string(kEvent), "-o", output.string(), "--"};
}

std::optional<std::uint64_t> read_syscall_count(const fs::path& output) {
  std::ifstream in(output);
  std::string line;
  // CSV: "<count>,<unit>,<event>,..."; "<not counted>" or "<not supported>" instead of a count.
  while (std::getline(in, line)) {
    if (line.find(kEvent) == std::string::npos) continue;
    const std::size_t comma = line.find(',');
    if (comma == std::string::npos) continue;
    std::uint64_t count = 0;
    const char* last = line.data() + comma;
    const auto [end, error] = std::from_chars(line.data(), last, count);
    if (error == std::errc{} && end == last) return count;
  }
  return std::nullopt;
}

std::optional<std::string> perf_unavailable_reason(const fs::path& scratch_dir) {
  const fs::path output = scratch_dir / "perf-probe.csv";
  const fs::path errors = scratch_dir / "perf-probe.err";
  std::vector<std::string> argv = perf_stat_prefix(output);
  argv.emplace_back("true");
  Child perf("perf stat probe", argv, {.stdout_file = {}, .stderr_file = errors}, std::chrono::seconds(60));
  Child* children[] = {&perf};
  wait_all(children);
  std::optional<std::string> reason;
  if (!perf.exit_info().succeeded()) {
    const std::string message = first_line_of(errors);
    reason = "perf stat failed (" + perf.exit_info().describe() + (message.empty() ? "" : ": " + message) + ")";
  } else if (!read_syscall_count(output)) {
    reason = "perf stat gave no " + std::string(kEvent) + " count";
  }
  std::error_code ignored;
  fs::remove(output, ignored);
  fs::remove(errors, ignored);
  return reason;
}

}  // namespace ferry::bench
