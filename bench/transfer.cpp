// SPDX-License-Identifier: Apache-2.0
#include "transfer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <span>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/core.h>

#include "child_output.hpp"
#include "perf_stat.hpp"
#include "process.hpp"
#include "unique_fd.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr auto kListenTimeout = std::chrono::seconds(30);

std::vector<std::string> lines_of(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  return lines;
}

struct Logs {
  fs::path receiver_out, receiver_err, sender_out, sender_err;
  fs::path receiver_lag, sender_lag;  // FERRY_LOOP_LAG files
  fs::path background_out, background_err;
};

Logs logs_in(const fs::path& dir) {
  return {dir / "receiver.out", dir / "receiver.err", dir / "sender.out",     dir / "sender.err",
          dir / "receiver.lag", dir / "sender.lag",   dir / "background.out", dir / "background.err"};
}

// ferry-cli through env(1), so that its engine measures its loop into `lag_file`.
std::vector<std::string> measuring_loop_lag(const fs::path& lag_file) {
  return {"env", "FERRY_LOOP_LAG=" + lag_file.string()};
}

// "max_ms=1.234 p99_ms=0.050 turns=2000", the line the engine appends when it stops.
void read_loop_lag(const fs::path& lag_file, Side& side) {
  std::error_code missing;
  if (!fs::exists(lag_file, missing)) return;
  double max_ms = 0, p99_ms = 0;
  if (std::sscanf(read_text(lag_file).c_str(), "max_ms=%lf p99_ms=%lf", &max_ms, &p99_ms) == 2) {
    side.loop_max_ms = max_ms;
    side.loop_p99_ms = p99_ms;
  }
}

// The port from "Listening on ADDR:PORT, receiving into DIR" once the whole
// line has been written.
std::optional<std::uint16_t> listening_port(const std::string& output) {
  constexpr std::string_view kPrefix = "Listening on ";
  const std::size_t start = output.find(kPrefix);
  if (start == std::string::npos) return std::nullopt;
  const std::size_t end = output.find(", receiving", start);
  if (end == std::string::npos || output.find('\n', end) == std::string::npos) return std::nullopt;
  const std::size_t colon = output.rfind(':', end);
  if (colon == std::string::npos || colon < start) return std::nullopt;
  std::uint16_t port = 0;
  const auto [last, error] = std::from_chars(output.data() + colon + 1, output.data() + end, port);
  if (error != std::errc{} || last != output.data() + end || port == 0) return std::nullopt;
  return port;
}

// A free TCP port on 127.0.0.1 right now, for nc -l (which cannot report one).
std::uint16_t free_loopback_port() {
  const UniqueFd probe(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (!probe.valid() || ::bind(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(probe.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::system_error(errno, std::generic_category(), "finding a free port");
  }
  return ntohs(address.sin_port);
}

// Whether /proc/net/tcp lists a socket listening on 127.0.0.1:port.
bool loopback_listening(std::uint16_t port) {
  const std::string wanted = fmt::format("0100007F:{:04X}", port);
  std::ifstream table("/proc/net/tcp");
  std::string slot, local, remote, state;
  for (std::string line; std::getline(table, line);) {
    std::istringstream words(line);
    if (words >> slot >> local >> remote >> state && local == wanted && state == "0A") return true;
  }
  return false;
}

std::uint16_t wait_until_listening(Child& receiver, const Logs& logs, std::optional<std::uint16_t> known_port) {
  const Clock::time_point deadline = Clock::now() + kListenTimeout;
  while (true) {
    if (known_port && loopback_listening(*known_port)) return *known_port;
    if (!known_port) {
      if (const auto port = listening_port(read_text(logs.receiver_out))) return *port;
    }
    if (receiver.try_reap()) throw_child_failure("the receiver exited before listening", receiver, logs.receiver_err);
    if (Clock::now() > deadline) {
      receiver.kill(true);
      throw_child_failure("the receiver did not report its port in time", receiver, logs.receiver_err);
    }
    short_pause();
  }
}

// The value of "key":"..." in one JSON line (escapes kept as they are).
std::optional<std::string> json_string(const std::string& line, std::string_view key) {
  const std::string pattern = fmt::format("\"{}\":\"", key);
  const std::size_t start = line.find(pattern);
  if (start == std::string::npos) return std::nullopt;
  std::string value;
  for (std::size_t i = start + pattern.size(); i < line.size(); ++i) {
    if (line[i] == '"') return value;
    if (line[i] == '\\' && i + 1 < line.size()) value += line[i++];
    value += line[i];
  }
  return std::nullopt;
}

std::optional<std::uint64_t> json_unsigned(const std::string& line, std::string_view key) {
  const std::string pattern = fmt::format("\"{}\":", key);
  const std::size_t start = line.find(pattern);
  if (start == std::string::npos) return std::nullopt;
  std::uint64_t value = 0;
  const char* first = line.data() + start + pattern.size();
  const auto [end, error] = std::from_chars(first, line.data() + line.size(), value);
  if (error != std::errc{} || end == first) return std::nullopt;
  return value;
}

bool has_type(const std::string& line, std::string_view type) { return json_string(line, "type") == type; }

// ferry-cli send --json: the session in the mode asked for, strategies of
// every file, and a successful summary with the expected byte count.
void read_sender_json(const Logs& logs, const TransferSpec& spec, TransferResult& result) {
  bool session_ok = false;
  for (const std::string& line : lines_of(logs.sender_out)) {
    if (has_type(line, "session_started")) {
      const auto mode = json_string(line, "mode");
      if (mode != to_string(spec.mode)) {
        throw std::runtime_error(fmt::format("ferry-cli send asked for {} mode, but the session ran in mode '{}'",
                                             to_string(spec.mode), mode.value_or("(none reported)")));
      }
    } else if (has_type(line, "file_done")) {
      if (const auto strategy = json_string(line, "strategy")) result.sender_strategies.insert(*strategy);
      if (const auto note = json_string(line, "strategy_note"); note && !note->empty()) {
        result.notes.insert("sender: " + *note);
      }
    } else if (has_type(line, "session_done")) {
      session_ok = line.find("\"ok\":true") != std::string::npos && json_unsigned(line, "bytes") == spec.expected_bytes;
    }
  }
  if (!session_ok) {
    throw std::runtime_error(fmt::format("ferry-cli send reported no successful session of {} bytes:\n{}",
                                         spec.expected_bytes, tail_of(logs.sender_out)));
  }
}

// ferry-cli receive prints "  ok   STRATEGY  SIZE  RATE  PATH[  (NOTE)]" per file.
void read_receiver_lines(const Logs& logs, TransferResult& result) {
  for (const std::string& line : lines_of(logs.receiver_out)) {
    std::istringstream words(line);
    std::string status, strategy;
    if (!(words >> status >> strategy) || (status != "ok" && status != "FAIL")) continue;
    result.receiver_strategies.insert(strategy);
    if (line.ends_with(")")) {
      if (const std::size_t open = line.rfind("  ("); open != std::string::npos) {
        result.notes.insert("receiver: " + line.substr(open + 3, line.size() - open - 4));
      }
    }
  }
}

std::vector<std::string> receiver_argv(const Tools& tools, const TransferSpec& spec, std::uint16_t tar_port) {
  switch (spec.program) {
    case Program::Naive:
    case Program::SocketOnly:
      return {tools.self.string(), "--naive-receive", (spec.receive_dir / spec.source.filename()).string()};
    case Program::DdDirect:
      return {tools.self.string(), "--dd-direct-receive", (spec.receive_dir / spec.source.filename()).string()};
    case Program::TarNc:
      return {"sh",
              "-c",
              "nc -l 127.0.0.1 \"$1\" | tar -xf - -C \"$2\"",
              "sh",
              std::to_string(tar_port),
              spec.receive_dir.string()};
    case Program::Ferry:
      break;
  }
  std::vector<std::string> argv = measuring_loop_lag(logs_in(tools.log_dir).receiver_lag);
  argv.insert(argv.end(), {tools.cli.string(), "receive", "--config-dir", tools.devices.receiver_config.string(),
                           "--dir", spec.receive_dir.string(), "--port", "0", "--bind", "127.0.0.1", "--accept-all"});
  if (!spec.background_source) argv.push_back("--once");
  if (spec.threshold) {
    argv.insert(argv.end(), {"--threshold", std::to_string(*spec.threshold)});
  } else if (spec.mirror_receiver && spec.strategy == "direct") {
    // The receiver mirrors a forced sender: direct writes for direct, page-cache
    // writes otherwise; `auto` keeps the receiver's own default threshold.
    argv.insert(argv.end(), {"--threshold", "1"});
  } else if (spec.mirror_receiver && (spec.strategy == "zerocopy" || spec.strategy == "buffered")) {
    argv.insert(argv.end(), {"--threshold", "1024G"});
  }
  if (!spec.durable) argv.push_back("--no-sync");
  return argv;
}

std::vector<std::string> sender_argv(const Tools& tools, const TransferSpec& spec, std::uint16_t port) {
  std::vector<std::string> argv;
  if (spec.perf_output) argv = perf_stat_prefix(*spec.perf_output);
  switch (spec.program) {
    case Program::Naive:
      argv.insert(argv.end(), {tools.self.string(), "--naive-send", std::to_string(port), spec.source.string()});
      return argv;
    case Program::SocketOnly:
      argv.insert(argv.end(), {tools.self.string(), "--socket-only-send", std::to_string(port),
                               std::to_string(spec.expected_bytes)});
      return argv;
    case Program::DdDirect:
      argv.insert(argv.end(), {tools.self.string(), "--dd-direct-send", std::to_string(port), spec.source.string()});
      return argv;
    case Program::TarNc:
      // The folder itself goes into the archive, as ferry-cli sends it.
      argv.insert(argv.end(),
                  {"sh", "-c", "tar -cf - -C \"$1\" \"$2\" | nc -N 127.0.0.1 \"$3\"", "sh",
                   spec.source.parent_path().string(), spec.source.filename().string(), std::to_string(port)});
      return argv;
    case Program::Ferry:
      break;
  }
  const auto lag = measuring_loop_lag(logs_in(tools.log_dir).sender_lag);
  argv.insert(argv.end(), lag.begin(), lag.end());
  argv.insert(argv.end(), {tools.cli.string(), "send", "--config-dir", tools.devices.sender_config.string(),
                           "--strategy", spec.strategy, "--json"});
  if (spec.mode == Mode::Fast) argv.push_back("--fast");
  if (spec.threshold) argv.insert(argv.end(), {"--threshold", std::to_string(*spec.threshold)});
  argv.insert(argv.end(), {fmt::format("127.0.0.1:{}", port), spec.source.string()});
  return argv;
}

// The second session of a background run: same mode, `auto`, its own logs.
std::vector<std::string> background_argv(const Tools& tools, const TransferSpec& spec, std::uint16_t port) {
  std::vector<std::string> argv{tools.cli.string(), "send", "--config-dir", tools.devices.sender_config.string(),
                                "--json"};
  if (spec.mode == Mode::Fast) argv.push_back("--fast");
  argv.insert(argv.end(), {fmt::format("127.0.0.1:{}", port), spec.background_source->string()});
  return argv;
}

Side side_of(const Child& child) {
  const rusage& usage = child.exit_info().usage;
  return {child.exit_info().cpu_seconds(), static_cast<std::uint64_t>(usage.ru_nvcsw + usage.ru_nivcsw),
          static_cast<std::uint64_t>(usage.ru_maxrss)};
}

// What tar -xf left under the receive folder: every regular file and its bytes.
void check_received_tree(const TransferSpec& spec) {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(spec.receive_dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    bytes += entry.file_size();
  }
  if (files != spec.expected_files || bytes != spec.expected_bytes) {
    throw std::runtime_error(fmt::format("tar | nc: received {} files of {} bytes in all, expected {} of {}", files,
                                         bytes, spec.expected_files, spec.expected_bytes));
  }
}

// Until both senders have exited (or one failed, or the receiver did), then
// Ctrl-C for the receiver, which runs without --once.
void wait_for_senders(std::span<Child* const> children, Child& receiver) {
  while (std::any_of(children.begin(), children.end() - 1, [](Child* child) { return !child->try_reap(); })) {
    const bool failed = std::any_of(children.begin(), children.end(),
                                    [](Child* child) { return !child->running() && !child->exit_info().succeeded(); });
    if (failed || receiver.try_reap() || Clock::now() > receiver.deadline()) break;
    short_pause();
  }
  receiver.interrupt();
}

}  // namespace

std::string_view to_string(Mode mode) { return mode == Mode::Fast ? "fast" : "encrypted"; }

TransferResult run_transfer(const Tools& tools, const TransferSpec& spec) {
  const Logs logs = logs_in(tools.log_dir);
  fs::remove(logs.receiver_lag);
  fs::remove(logs.sender_lag);
  std::optional<std::uint16_t> tar_port;
  if (spec.program == Program::TarNc) tar_port = free_loopback_port();
  Child receiver("receiver", receiver_argv(tools, spec, tar_port.value_or(0)), {logs.receiver_out, logs.receiver_err},
                 tools.time_limit, spec.cgroup_procs_fd);
  const std::uint16_t port = wait_until_listening(receiver, logs, tar_port);

  std::optional<Child> background;
  if (spec.background_source) {
    background.emplace("background sender", background_argv(tools, spec, port),
                       Redirects{logs.background_out, logs.background_err}, tools.time_limit);
  }
  const Clock::time_point start = Clock::now();
  Child sender("sender", sender_argv(tools, spec, port), {logs.sender_out, logs.sender_err}, tools.time_limit,
               spec.cgroup_procs_fd);
  if (background) {
    Child* senders[] = {&sender, &*background, &receiver};
    wait_for_senders(senders, receiver);
    if (!background->exit_info().succeeded())
      throw_child_failure("the background session failed", *background, logs.background_err);
  }
  Child* children[] = {&sender, &receiver};
  wait_all(children);
  // When both failed, the one that ended first is the cause (e.g. killed at its time limit).
  const bool sender_failed = !sender.exit_info().succeeded();
  const bool receiver_failed = !receiver.exit_info().succeeded();
  if (receiver_failed && (!sender_failed || receiver.exit_info().ended < sender.exit_info().ended)) {
    throw_child_failure("the transfer failed", receiver, logs.receiver_err);
  }
  if (sender_failed) throw_child_failure("the transfer failed", sender, logs.sender_err);

  TransferResult result;
  const Clock::time_point end =
      background ? sender.exit_info().ended : std::max(sender.exit_info().ended, receiver.exit_info().ended);
  result.seconds = std::chrono::duration<double>(end - start).count();
  result.sender = side_of(sender);
  result.receiver = side_of(receiver);
  read_loop_lag(logs.sender_lag, result.sender);
  read_loop_lag(logs.receiver_lag, result.receiver);
  switch (spec.program) {
    case Program::Naive:
    case Program::SocketOnly:
    case Program::DdDirect: {
      const fs::path output = spec.receive_dir / spec.source.filename();
      if (fs::file_size(output) != spec.expected_bytes) {
        throw std::runtime_error(fmt::format("naive copy: {} has {} bytes, expected {}", output.string(),
                                             fs::file_size(output), spec.expected_bytes));
      }
      break;
    }
    case Program::TarNc:
      check_received_tree(spec);
      break;
    case Program::Ferry:
      read_sender_json(logs, spec, result);
      read_receiver_lines(logs, result);
      break;
  }
  if (spec.perf_output) result.sender_syscalls = read_syscall_count(*spec.perf_output);
  return result;
}

}  // namespace ferry::bench
