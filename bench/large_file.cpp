// SPDX-License-Identifier: Apache-2.0
// Scenario L: one large file.
#include <array>

#include <fmt/core.h>

#include "report.hpp"
#include "source_sets.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

// "socket only" is the floor: the naive receiver fed from memory, no file read.
constexpr std::array kStrategies = {"auto", "zerocopy", "direct", "buffered", "naive", "socket only"};

// Paired ratios against the naive copy: the targets of the issue.
std::string naive_ratios(const std::map<std::string, Series>& series) {
  const Series& naive = series.at("naive");
  Table table({{"Config", Table::Align::Left},
               {"MiB/s ÷ naive", Table::Align::Right},
               {"On disk ÷ naive", Table::Align::Right},
               {"Sender CPU ÷ naive", Table::Align::Right},
               {"Sender syscalls ÷ naive", Table::Align::Right}});
  const auto add = [&](const std::string& name, const Series& row, const Series& baseline) {
    table.add_row(
        {name, format_spread(paired_ratios(row.mib_per_second, baseline.mib_per_second), fixed(2)),
         format_spread(paired_ratios(row.mib_per_second_on_disk, baseline.mib_per_second_on_disk), fixed(2)),
         format_spread(paired_ratios(row.sender_cpu_per_gib, baseline.sender_cpu_per_gib), fixed(2)),
         format_spread(paired_ratios(row.sender_syscalls_per_gib, baseline.sender_syscalls_per_gib), fixed(3))});
  };
  for (const std::string strategy : {"auto", "auto, encrypted", "zerocopy", "direct", "buffered", "socket only"})
    add(strategy, series.at(strategy), naive);
  add("zerocopy warm ÷ naive warm", series.at("zerocopy warm"), series.at("naive warm"));
  return table.markdown();
}

}  // namespace

std::string run_large_file_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const SourceSet source = write_large_source(context, "L");
  const fs::path receive_dir = context.work / "received";

  // Fast mode, plain TCP after the handshake like the baselines: every
  // strategy runs as asked (inside TLS zero-copy would be read buffered).
  const auto spec_for = [&](const std::string& strategy, Mode mode = Mode::Fast) {
    TransferSpec spec = ferry_spec(mode, strategy, source.path, receive_dir, source.bytes, source.files);
    if (strategy == "naive") spec.program = Program::Naive;
    if (strategy == "socket only") spec.program = Program::SocketOnly;
    return spec;
  };
  std::vector<Config> configs;
  for (const std::string strategy : kStrategies) {
    configs.push_back({strategy, spec_for(strategy)});
    // The default mode next to it: what TLS costs on the same path.
    if (strategy == "auto") configs.push_back({"auto, encrypted", spec_for(strategy, Mode::Encrypted)});
  }
  // The same file already in the page cache: what zero-copy gains when the
  // disk is out of the picture, against the naive copy in the same state. The
  // receiver keeps its default (direct writes for a large file), so the row
  // shows the sender's path rather than the receiver's page-cache writes.
  TransferSpec zerocopy_warm = spec_for("zerocopy");
  zerocopy_warm.mirror_receiver = false;
  configs.push_back({"zerocopy warm", zerocopy_warm, CacheState::Warm});
  configs.push_back({"naive warm", spec_for("naive"), CacheState::Warm});
  const auto series = run_configs(context, configs, fmt::format("L {}", format_size(options.large_size)));
  empty_directory(receive_dir);
  fs::remove(source.path);
  write_data(context, "large", configs, series);

  return fmt::format(
             "## Scenario L: one large file\n\n"
             "One {} file, cold cache before every run (\"warm\" rows: read once before the run, so it is "
             "in the page cache). Ferry runs in fast mode (`--fast`: plain TCP after the TLS handshake, as the "
             "baselines are), where every strategy runs as asked; \"auto, encrypted\" is the default mode, TLS "
             "all the way, next to it. \"naive\" is the baseline in bench/naive_copy.cpp: raw "
             "TCP, read() 32 KiB into a user buffer and write() it, on both sides; \"socket only\" is its receiver fed "
             "by a "
             "sender that writes the same 4 MiB user buffer over and over, no file at all: the CPU any sender pays "
             "for the socket alone. {} Cells: median (min–max) "
             "of {} run(s).\n\n{}\nPaired ratios (within each run, then the median; system calls from the perf "
             "pass):\n\n{}",
             format_size(source.bytes), syscalls_note(context), options.runs, results_table(configs, series, false),
             naive_ratios(series)) +
         notes_of(configs, series);
}

}  // namespace ferry::bench
