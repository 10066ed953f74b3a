#pragma once
// One measured transfer over 127.0.0.1 between two real processes: a receiver
// started first and a sender, each under a time limit, each with its own
// rusage. Either ferry-cli on both sides or the naive baseline.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ferry::bench {

struct Tools {
  std::filesystem::path cli;        // ferry-cli
  std::filesystem::path self;       // this binary, for the naive roles
  std::filesystem::path log_dir;    // the children's stdout/stderr files
  std::chrono::seconds time_limit{600};
};

struct TransferSpec {
  bool naive = false;               // the naive baseline instead of ferry-cli
  std::string strategy = "auto";    // ferry-cli send --strategy
  std::filesystem::path source;     // a file or folder (naive: a file)
  std::filesystem::path receive_dir;
  std::uint64_t expected_bytes = 0;
  std::optional<std::filesystem::path> perf_output;  // run the sender under perf stat
};

struct TransferResult {
  double seconds = 0;               // sender start until both processes exited
  double sender_cpu_seconds = 0;
  double receiver_cpu_seconds = 0;
  std::set<std::string> sender_strategies;    // as reported per file
  std::set<std::string> receiver_strategies;
  std::set<std::string> notes;                // strategy notes, e.g. fallback reasons
  std::optional<std::uint64_t> sender_syscalls;
};

// Runs one transfer; throws std::runtime_error (with the children's stderr)
// when anything fails, Interrupted on a signal.
TransferResult run_transfer(const Tools& tools, const TransferSpec& spec);

}  // namespace ferry::bench
