// SPDX-License-Identifier: Apache-2.0
#include "measurement.hpp"

#include <unistd.h>

#include <chrono>

#include "page_cache.hpp"

namespace ferry::bench {
namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

double per_gib(double value, std::uint64_t bytes) { return value / (static_cast<double>(bytes) / kGiB); }

}  // namespace

std::string_view to_string(CacheState cache) { return cache == CacheState::Cold ? "cold" : "warm"; }

void empty_directory(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) std::filesystem::remove_all(entry.path());
}

Sample measure(const Tools& tools, const TransferSpec& spec, CacheState cache) {
  empty_directory(spec.receive_dir);
  ::sync();  // no writeback of an earlier run overlaps this one
  if (cache == CacheState::Cold) {
    evict(spec.source);
    if (spec.background_source) evict(*spec.background_source);
  } else {
    read_through(spec.source);
    if (spec.background_source) read_through(*spec.background_source);
  }
  Sample sample;
  sample.bytes = spec.expected_bytes;
  sample.files = spec.expected_files;
  sample.source_cached_before = residency(spec.source).fraction();
  sample.transfer = run_transfer(tools, spec);
  sample.source_cached_after = residency(spec.source).fraction();
  sample.output_cached_after = residency(spec.receive_dir).fraction();
  const auto sync_started = std::chrono::steady_clock::now();
  ::sync();
  sample.writeback_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - sync_started).count();
  return sample;
}

void Series::add(const Sample& sample) {
  const TransferResult& transfer = sample.transfer;
  const double mib = static_cast<double>(sample.bytes) / (1024.0 * 1024);
  mib_per_second.push_back(mib / transfer.seconds);
  mib_per_second_on_disk.push_back(mib / (transfer.seconds + sample.writeback_seconds));
  files_per_second.push_back(static_cast<double>(sample.files) / transfer.seconds);
  sender_cpu_per_gib.push_back(per_gib(transfer.sender.cpu_seconds, sample.bytes));
  receiver_cpu_per_gib.push_back(per_gib(transfer.receiver.cpu_seconds, sample.bytes));
  sender_switches_per_gib.push_back(per_gib(static_cast<double>(transfer.sender.context_switches), sample.bytes));
  receiver_switches_per_gib.push_back(per_gib(static_cast<double>(transfer.receiver.context_switches), sample.bytes));
  sender_rss_mib.push_back(static_cast<double>(transfer.sender.max_rss_kib) / 1024);
  receiver_rss_mib.push_back(static_cast<double>(transfer.receiver.max_rss_kib) / 1024);
  source_cached_before.push_back(sample.source_cached_before);
  source_cached_after.push_back(sample.source_cached_after);
  output_cached_after.push_back(sample.output_cached_after);
  sender_cache_growth.push_back(sample.source_cached_after - sample.source_cached_before);
  sender_strategies.insert(transfer.sender_strategies.begin(), transfer.sender_strategies.end());
  receiver_strategies.insert(transfer.receiver_strategies.begin(), transfer.receiver_strategies.end());
  notes.insert(transfer.notes.begin(), transfer.notes.end());
  if (transfer.sender.loop_max_ms) sender_loop_max_ms.push_back(*transfer.sender.loop_max_ms);
  if (transfer.sender.loop_p99_ms) sender_loop_p99_ms.push_back(*transfer.sender.loop_p99_ms);
  if (transfer.receiver.loop_max_ms) receiver_loop_max_ms.push_back(*transfer.receiver.loop_max_ms);
  if (transfer.receiver.loop_p99_ms) receiver_loop_p99_ms.push_back(*transfer.receiver.loop_p99_ms);
}

void Series::add_syscalls(const Sample& sample) {
  if (sample.transfer.sender_syscalls) {
    sender_syscalls_per_gib.push_back(per_gib(static_cast<double>(*sample.transfer.sender_syscalls), sample.bytes));
  }
}

double Series::total_cpu_per_gib(std::size_t run) const {
  return sender_cpu_per_gib.at(run) + receiver_cpu_per_gib.at(run);
}

}  // namespace ferry::bench
