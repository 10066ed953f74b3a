// SPDX-License-Identifier: Apache-2.0
// Scenarios M (a mixed set, every strategy) and T (the same set with each
// direct-I/O threshold).
#include <algorithm>
#include <numeric>

#include <fmt/core.h>

#include "dataset.hpp"
#include "report.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

struct MixedSet {
  fs::path dir;
  std::vector<std::uint64_t> sizes;
  std::uint64_t total() const { return std::accumulate(sizes.begin(), sizes.end(), std::uint64_t{0}); }
};

// The set M and T share, written on first use and kept for the other.
MixedSet mixed_set(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  MixedSet set{context.work / "source" / "mixed",
               log_uniform_sizes(options.mixed_files, options.mixed_min, options.mixed_max)};
  if (!fs::exists(set.dir)) {
    fmt::print(stderr, "M: writing {} files, {} to {}, {} MiB in all ...\n", set.sizes.size(),
               format_size(options.mixed_min), format_size(options.mixed_max), set.total() >> 20);
    write_sized_files(set.dir, set.sizes);
  }
  return set;
}

std::string describe(const MixedSet& set) {
  const auto [smallest, largest] = std::minmax_element(set.sizes.begin(), set.sizes.end());
  std::vector<std::uint64_t> sorted = set.sizes;
  std::sort(sorted.begin(), sorted.end());
  return fmt::format("{} files, {:.1f} KiB to {:.1f} MiB (median {:.1f} MiB), {:.2f} GiB in all", set.sizes.size(),
                     static_cast<double>(*smallest) / 1024, static_cast<double>(*largest) / (1 << 20),
                     static_cast<double>(sorted[sorted.size() / 2]) / (1 << 20),
                     static_cast<double>(set.total()) / (1 << 30));
}

// Files and share of the bytes at or above `threshold`: what goes direct.
std::string direct_share(const MixedSet& set, std::uint64_t threshold) {
  std::uint64_t files = 0, bytes = 0;
  for (const std::uint64_t size : set.sizes) {
    if (size < threshold) continue;
    ++files;
    bytes += size;
  }
  return fmt::format("{} ({:.0f}%)", files, 100.0 * static_cast<double>(bytes) / static_cast<double>(set.total()));
}

std::vector<double> total_cpu(const Series& series) {
  std::vector<double> totals;
  for (std::size_t run = 0; run < series.sender_cpu_per_gib.size(); ++run)
    totals.push_back(series.total_cpu_per_gib(run));
  return totals;
}

// The configuration with the best median of `figure` (highest or lowest).
std::string best_of(const std::vector<Config>& configs, const std::map<std::string, Series>& series,
                    std::vector<double> (*figure)(const Series&), bool highest) {
  std::string best;
  double best_value = 0;
  for (const Config& config : configs) {
    const double value = spread_of(figure(series.at(config.name))).median;
    if (best.empty() || (highest ? value > best_value : value < best_value)) {
      best = config.name;
      best_value = value;
    }
  }
  return best;
}

std::vector<double> throughput(const Series& series) { return series.mib_per_second; }
std::vector<double> throughput_on_disk(const Series& series) { return series.mib_per_second_on_disk; }

}  // namespace

std::string run_mixed_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const MixedSet set = mixed_set(context);
  const fs::path receive_dir = context.work / "received";
  std::vector<Config> configs;
  for (const std::string strategy : {"auto", "zerocopy", "direct", "buffered"}) {
    configs.push_back(
        {strategy, ferry_spec(Mode::Fast, strategy, set.dir, receive_dir, set.total(), set.sizes.size())});
  }
  const auto series = run_configs(context, configs, "M");
  empty_directory(receive_dir);
  write_data(context, "mixed", configs, series);
  return fmt::format(
             "## Scenario M: a mixed set\n\n"
             "{}; sizes drawn log-uniformly from {} to {} with a fixed seed (`log_uniform_sizes` in "
             "bench/dataset.cpp). Cold cache before every run. `auto` uses both ends' default threshold; a forced "
             "strategy is mirrored on the receiver (direct: direct writes, otherwise page-cache writes). {} "
             "Cells: median (min–max) of {} run(s).\n\n{}",
             describe(set), format_size(options.mixed_min), format_size(options.mixed_max), syscalls_note(context),
             options.runs, results_table(configs, series, true)) +
         notes_of(configs, series);
}

std::string run_threshold_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const MixedSet set = mixed_set(context);
  const fs::path receive_dir = context.work / "received";
  std::vector<Config> configs;
  std::map<std::string, double> x_values;
  for (const std::uint64_t threshold : options.thresholds) {
    TransferSpec spec = ferry_spec(Mode::Fast, "auto", set.dir, receive_dir, set.total(), set.sizes.size());
    spec.threshold = threshold;
    configs.push_back({format_size(threshold), spec});
    x_values[format_size(threshold)] = static_cast<double>(threshold);
  }
  const auto series = run_configs(context, configs, "T");
  empty_directory(receive_dir);
  write_data(context, "thresholds", configs, series, x_values);

  // Ratios against the largest threshold: the point where the fewest files go direct.
  const Config& reference = *std::max_element(configs.begin(), configs.end(), [](const Config& a, const Config& b) {
    return *a.spec.threshold < *b.spec.threshold;
  });
  const Series& base = series.at(reference.name);
  Table table({{"Threshold", Table::Align::Right},
               {"Files direct (bytes)", Table::Align::Right},
               {"Sender / receiver", Table::Align::Left},
               {"MiB/s", Table::Align::Right},
               {"MiB/s on disk", Table::Align::Right},
               {"CPU s/GiB snd", Table::Align::Right},
               {"CPU s/GiB rcv", Table::Align::Right},
               {"Syscalls/GiB snd", Table::Align::Right},
               {fmt::format("MiB/s ÷ {}", reference.name), Table::Align::Right},
               {fmt::format("On disk ÷ {}", reference.name), Table::Align::Right},
               {fmt::format("CPU (both) ÷ {}", reference.name), Table::Align::Right},
               {"Source cached", Table::Align::Right},
               {"Output cached", Table::Align::Right}});
  for (const Config& config : configs) {
    const Series& row = series.at(config.name);
    std::string used;
    for (const auto* strategies : {&row.sender_strategies, &row.receiver_strategies}) {
      std::string side;
      for (const std::string& strategy : *strategies) side += (side.empty() ? "" : "+") + strategy;
      used += (used.empty() ? "" : " / ") + side;
    }
    table.add_row({config.name, direct_share(set, *config.spec.threshold), used,
                   format_spread(row.mib_per_second, fixed(0)), format_spread(row.mib_per_second_on_disk, fixed(0)),
                   format_spread(row.sender_cpu_per_gib, fixed(2)), format_spread(row.receiver_cpu_per_gib, fixed(2)),
                   format_spread(row.sender_syscalls_per_gib, fixed(0)),
                   format_spread(paired_ratios(row.mib_per_second, base.mib_per_second), fixed(2)),
                   format_spread(paired_ratios(row.mib_per_second_on_disk, base.mib_per_second_on_disk), fixed(2)),
                   format_spread(paired_ratios(total_cpu(row), total_cpu(base)), fixed(2)),
                   format_spread(row.source_cached_after, percent), format_spread(row.output_cached_after, percent)});
  }
  return fmt::format(
             "## Scenario T: threshold sweep\n\n"
             "The set of scenario M ({}) sent with `auto` and `--threshold X` given to both `ferry-cli send` and "
             "`ferry-cli receive`: files of at least X go direct on both ends, smaller ones through the page "
             "cache. Cold cache before every run. Ratios are paired within each run. {} Cells: median (min–max) "
             "of {} run(s).\n\n{}\nFastest median: **{}**; fastest on disk: **{}**; least CPU of both processes "
             "together: "
             "**{}**.\n",
             describe(set), syscalls_note(context), options.runs, table.markdown(),
             best_of(configs, series, throughput, true), best_of(configs, series, throughput_on_disk, true),
             best_of(configs, series, total_cpu, false)) +
         notes_of(configs, series);
}

}  // namespace ferry::bench
