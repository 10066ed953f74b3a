#include "transfer.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/core.h>

#include "perf_stat.hpp"
#include "process.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr auto kListenTimeout = std::chrono::seconds(30);

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  return lines;
}

std::string tail_of(const fs::path& path) {
  constexpr std::size_t kTail = 1500;
  const std::string text = read_text(path);
  return text.size() <= kTail ? text : "..." + text.substr(text.size() - kTail);
}

struct Logs {
  fs::path receiver_out, receiver_err, sender_out, sender_err;
};

Logs logs_in(const fs::path& dir) {
  return {dir / "receiver.out", dir / "receiver.err", dir / "sender.out", dir / "sender.err"};
}

[[noreturn]] void fail(const std::string& what, const Child& child, const fs::path& err) {
  throw std::runtime_error(fmt::format("{}: {} ({})\n--- its stderr ---\n{}", what, child.name(),
                                       child.exit_info().describe(), tail_of(err)));
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

std::uint16_t wait_until_listening(Child& receiver, const Logs& logs) {
  const Clock::time_point deadline = Clock::now() + kListenTimeout;
  while (true) {
    if (const auto port = listening_port(read_text(logs.receiver_out))) return *port;
    if (receiver.try_reap()) fail("the receiver exited before listening", receiver, logs.receiver_err);
    if (Clock::now() > deadline) {
      receiver.kill(true);
      fail("the receiver did not report its port in time", receiver, logs.receiver_err);
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

bool has_type(const std::string& line, std::string_view type) {
  return json_string(line, "type") == type;
}

// ferry-cli send --json: strategies of every file, and a successful summary
// with the expected byte count.
void read_sender_json(const Logs& logs, std::uint64_t expected_bytes, TransferResult& result) {
  bool session_ok = false;
  for (const std::string& line : lines_of(logs.sender_out)) {
    if (has_type(line, "file_done")) {
      if (const auto strategy = json_string(line, "strategy")) result.sender_strategies.insert(*strategy);
      if (const auto note = json_string(line, "strategy_note"); note && !note->empty()) {
        result.notes.insert("sender: " + *note);
      }
    } else if (has_type(line, "session_done")) {
      session_ok = line.find("\"ok\":true") != std::string::npos &&
                   json_unsigned(line, "bytes") == expected_bytes;
    }
  }
  if (!session_ok) {
    throw std::runtime_error(fmt::format("ferry-cli send reported no successful session of {} bytes:\n{}",
                                         expected_bytes, tail_of(logs.sender_out)));
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

std::vector<std::string> receiver_argv(const Tools& tools, const TransferSpec& spec) {
  if (spec.naive) {
    return {tools.self.string(), "--naive-receive", (spec.receive_dir / spec.source.filename()).string()};
  }
  std::vector<std::string> argv{tools.cli.string(), "receive", "--dir", spec.receive_dir.string(),
                                "--port", "0", "--bind", "127.0.0.1", "--accept-all", "--once"};
  // The receiver mirrors a forced sender: direct writes for direct, page-cache
  // writes otherwise; `auto` keeps the receiver's own default threshold.
  if (spec.strategy == "direct") argv.insert(argv.end(), {"--threshold", "1"});
  if (spec.strategy == "zerocopy" || spec.strategy == "buffered")
    argv.insert(argv.end(), {"--threshold", "1024G"});
  return argv;
}

std::vector<std::string> sender_argv(const Tools& tools, const TransferSpec& spec, std::uint16_t port) {
  std::vector<std::string> argv;
  if (spec.perf_output) argv = perf_stat_prefix(*spec.perf_output);
  if (spec.naive) {
    argv.insert(argv.end(), {tools.self.string(), "--naive-send", std::to_string(port), spec.source.string()});
  } else {
    argv.insert(argv.end(), {tools.cli.string(), "send", "--strategy", spec.strategy, "--json",
                             fmt::format("127.0.0.1:{}", port), spec.source.string()});
  }
  return argv;
}

}  // namespace

TransferResult run_transfer(const Tools& tools, const TransferSpec& spec) {
  const Logs logs = logs_in(tools.log_dir);
  Child receiver("receiver", receiver_argv(tools, spec), {logs.receiver_out, logs.receiver_err}, tools.time_limit);
  const std::uint16_t port = wait_until_listening(receiver, logs);

  const Clock::time_point start = Clock::now();
  Child sender("sender", sender_argv(tools, spec, port), {logs.sender_out, logs.sender_err}, tools.time_limit);
  Child* children[] = {&sender, &receiver};
  wait_all(children);
  // When both failed, the one that ended first is the cause (e.g. killed at its time limit).
  const bool sender_failed = !sender.exit_info().succeeded();
  const bool receiver_failed = !receiver.exit_info().succeeded();
  if (receiver_failed && (!sender_failed || receiver.exit_info().ended < sender.exit_info().ended)) {
    fail("the transfer failed", receiver, logs.receiver_err);
  }
  if (sender_failed) fail("the transfer failed", sender, logs.sender_err);

  TransferResult result;
  const Clock::time_point end = std::max(sender.exit_info().ended, receiver.exit_info().ended);
  result.seconds = std::chrono::duration<double>(end - start).count();
  result.sender_cpu_seconds = sender.exit_info().cpu_seconds();
  result.receiver_cpu_seconds = receiver.exit_info().cpu_seconds();
  if (spec.naive) {
    const fs::path output = spec.receive_dir / spec.source.filename();
    if (fs::file_size(output) != spec.expected_bytes) {
      throw std::runtime_error(fmt::format("naive copy: {} has {} bytes, expected {}", output.string(),
                                           fs::file_size(output), spec.expected_bytes));
    }
  } else {
    read_sender_json(logs, spec.expected_bytes, result);
    read_receiver_lines(logs, result);
  }
  if (spec.perf_output) result.sender_syscalls = read_syscall_count(*spec.perf_output);
  return result;
}

}  // namespace ferry::bench
