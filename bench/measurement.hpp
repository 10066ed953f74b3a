// SPDX-License-Identifier: Apache-2.0
#pragma once
// One prepared, measured transfer (cache state set up, page cache sampled
// before and after), and a Series collecting every run of one configuration.
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "transfer.hpp"

namespace ferry::bench {

enum class CacheState { Cold, Warm };

std::string_view to_string(CacheState cache);

struct Sample {
  TransferResult transfer;
  std::uint64_t bytes = 0;
  std::uint64_t files = 0;
  double source_cached_before = 0;  // fractions 0..1
  double source_cached_after = 0;
  double output_cached_after = 0;
  // How long a sync() right after the transfer took: writing back what the
  // receiver left dirty in the page cache (a direct receiver leaves nothing).
  double writeback_seconds = 0;
};

// Deletes the receiver's previous output, syncs, then evicts the source's
// pages (cold) or reads it once (warm), runs the transfer and samples the
// page cache of the source and the output.
Sample measure(const Tools& tools, const TransferSpec& spec, CacheState cache);

// Every run of one table row.
struct Series {
  std::vector<double> mib_per_second;
  std::vector<double> mib_per_second_on_disk;  // counting the writeback after the transfer
  std::vector<double> files_per_second;
  std::vector<double> sender_cpu_per_gib;
  std::vector<double> receiver_cpu_per_gib;
  std::vector<double> sender_switches_per_gib;  // context switches, voluntary + involuntary
  std::vector<double> receiver_switches_per_gib;
  std::vector<double> sender_rss_mib;  // peak RSS (ru_maxrss)
  std::vector<double> receiver_rss_mib;
  std::vector<double> source_cached_before;
  std::vector<double> source_cached_after;
  std::vector<double> output_cached_after;
  std::vector<double> sender_cache_growth;  // source cached after − before, 0..1 of its pages
  std::vector<double> sender_syscalls_per_gib;
  std::vector<double> sender_loop_max_ms;  // FERRY_LOOP_LAG, ferry-cli only
  std::vector<double> sender_loop_p99_ms;
  std::vector<double> receiver_loop_max_ms;
  std::vector<double> receiver_loop_p99_ms;
  std::set<std::string> sender_strategies;
  std::set<std::string> receiver_strategies;
  std::set<std::string> notes;

  void add(const Sample& sample);
  void add_syscalls(const Sample& sample);  // from a pass under perf stat: the count only
  double total_cpu_per_gib(std::size_t run) const;
};

// Removes everything inside `dir` (creating it if needed).
void empty_directory(const std::filesystem::path& dir);

}  // namespace ferry::bench
