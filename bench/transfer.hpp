// SPDX-License-Identifier: Apache-2.0
#pragma once
// One measured transfer over 127.0.0.1 between two real processes: a receiver
// started first and a sender, each under a time limit, each with its own
// rusage. ferry-cli on both sides, the naive baseline or tar | nc.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "devices.hpp"

namespace ferry::bench {

struct Tools {
  std::filesystem::path cli;      // ferry-cli
  Devices devices;                // the receiver's and the sender's configuration folders
  std::filesystem::path self;     // this binary, for the naive roles
  std::filesystem::path log_dir;  // the children's stdout/stderr files
  std::chrono::seconds time_limit{600};
};

// What runs on both ends.
enum class Program {
  Ferry,       // ferry-cli receive / ferry-cli send
  Naive,       // the naive 32 KiB copy (bench/naive_copy.cpp); one file only
  SocketOnly,  // the floor: the naive receiver, a sender writing from memory (no file)
  DdDirect,    // dd-like 64 MiB O_DIRECT blocks on both ends (bench/dd_direct.cpp); one file only
  TarNc,       // sh -c 'nc -l | tar -xf -' / sh -c 'tar -cf - | nc -N'
};

// How a ferry-cli session carries file bytes: inside TLS (the default), or
// as plain TCP after the handshake (`ferry-cli send --fast`), where zero-copy
// is possible.
enum class Mode { Encrypted, Fast };

// As ferry-cli's JSON "mode" names it: "encrypted", "fast".
std::string_view to_string(Mode mode);

struct TransferSpec {
  Program program = Program::Ferry;
  Mode mode = Mode::Encrypted;
  std::string strategy = "auto";           // ferry-cli send --strategy
  std::optional<std::uint64_t> threshold;  // ferry-cli send and receive --threshold
  // A forced sender strategy is mirrored on the receiver (direct writes for
  // direct, page-cache writes otherwise); false keeps the receiver's default.
  bool mirror_receiver = true;
  bool durable = true;           // false: ferry-cli receive --no-sync
  std::filesystem::path source;  // a file or folder (naive: a file)
  std::filesystem::path receive_dir;
  std::uint64_t expected_bytes = 0;
  std::uint64_t expected_files = 1;
  std::optional<std::filesystem::path> perf_output;  // run the sender under perf stat
  int cgroup_procs_fd = -1;                          // >= 0: both processes run in that cgroup
  // Set: a second ferry-cli sender sends this (a file or folder, same mode,
  // `auto`) to the same receiver at the same time, so the receiver's engine
  // runs two sessions at once; the receiver then runs without --once and is
  // stopped with SIGINT once both senders are done.
  std::optional<std::filesystem::path> background_source;
};

struct Side {
  double cpu_seconds = 0;              // user + system, all threads and reaped children
  std::uint64_t context_switches = 0;  // voluntary + involuntary
  std::uint64_t max_rss_kib = 0;
  // How late the engine's event loop ran a due timer (FERRY_LOOP_LAG): the
  // longest, and the 99th percentile; ferry-cli only.
  std::optional<double> loop_max_ms;
  std::optional<double> loop_p99_ms;
};

struct TransferResult {
  double seconds = 0;  // sender start until both processes exited (the sender,
                       // with a background session)
  Side sender;
  Side receiver;
  std::set<std::string> sender_strategies;  // as reported per file
  std::set<std::string> receiver_strategies;
  std::set<std::string> notes;  // strategy notes, e.g. fallback reasons
  std::optional<std::uint64_t> sender_syscalls;
};

// Runs one transfer; throws std::runtime_error (with the children's stderr)
// when anything fails, Interrupted on a signal.
TransferResult run_transfer(const Tools& tools, const TransferSpec& spec);

}  // namespace ferry::bench
