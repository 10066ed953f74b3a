// SPDX-License-Identifier: Apache-2.0
// Scenario G: how long the engine's event loop keeps ready work waiting while
// it moves files, with a second session transferring at the same time. Every
// ferry-cli runs with FERRY_LOOP_LAG, so its engine times a timer due every
// millisecond and reports how late it ran: the longest delay and the 99th
// percentile. A blocking call on the engine thread (a read from a cold disk,
// an fsync) shows up as one long delay.
#include <fmt/core.h>

#include "report.hpp"
#include "source_sets.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

// What the measured session's sender was, and what the second session sent beside it.
struct LagConfig {
  Config config;
  std::string beside;
};

std::string loop_table(const std::vector<LagConfig>& configs, const std::map<std::string, Series>& series) {
  using Align = Table::Align;
  Table table({{"Measured session", Align::Left},
               {"Beside it", Align::Left},
               {"MiB/s", Align::Right},
               {"Loop max ms rcv", Align::Right},
               {"Loop p99 ms rcv", Align::Right},
               {"Loop max ms snd", Align::Right},
               {"Loop p99 ms snd", Align::Right}});
  for (const auto& [config, beside] : configs) {
    const Series& row = series.at(config.name);
    table.add_row({config.name, beside, format_spread(row.mib_per_second, fixed(0)),
                   format_spread(row.receiver_loop_max_ms, fixed(1)), format_spread(row.receiver_loop_p99_ms, fixed(1)),
                   format_spread(row.sender_loop_max_ms, fixed(1)), format_spread(row.sender_loop_p99_ms, fixed(1))});
  }
  return table.markdown();
}

}  // namespace

std::string run_loop_lag_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const SourceSet large = write_large_source(context, "G");
  const SourceSet small = write_small_source(context, "G");
  const SourceSet medium = write_medium_source(context, "G");
  const fs::path receive_dir = context.work / "received";
  struct Measured {
    const SourceSet* set;
    const char* name;
    const SourceSet* beside;
    const char* beside_name;
  };
  const Measured measured_sets[] = {{&small, "small files", &large, "the large file"},
                                    {&large, "large file", &small, "the small files"},
                                    {&medium, "medium files", &small, "the small files"}};
  std::vector<LagConfig> lag_configs;
  for (const Mode mode : {Mode::Encrypted, Mode::Fast}) {
    for (const Measured& measured : measured_sets) {
      TransferSpec spec =
          ferry_spec(mode, "auto", measured.set->path, receive_dir, measured.set->bytes, measured.set->files);
      spec.background_source = measured.beside->path;
      lag_configs.push_back(
          {{fmt::format("{}, {}", measured.name, to_string(mode)), std::move(spec)}, measured.beside_name});
    }
  }
  std::vector<Config> configs;
  for (const LagConfig& lag : lag_configs) configs.push_back(lag.config);
  ScenarioContext without_perf = context;  // the loop, not the system calls, is measured here
  without_perf.perf_missing = "not counted in this scenario";
  const auto series = run_configs(without_perf, configs, "G");
  empty_directory(receive_dir);
  fs::remove(large.path);
  fs::remove_all(small.path);
  fs::remove_all(medium.path);

  return fmt::format(
      "## Scenario G: the engine's event loop while two sessions transfer\n\n"
      "One receiver (`ferry-cli receive` without `--once`, stopped with Ctrl-C afterwards) takes two sessions "
      "at once from two senders: the measured one and, started right before it, a second one with another "
      "set, both `auto` in the same mode; cold cache before every run. The large file: one of {}; the small "
      "files: {}; the medium files: {}, each below the direct-I/O threshold, so that in fast mode each goes by "
      "sendfile from the page cache, which the sender fills on a worker ahead of it. Each ferry-cli runs with "
      "`FERRY_LOOP_LAG`: its engine times a timer due every millisecond and reports how late it ran, the "
      "longest delay and the 99th percentile; a call that blocks the engine thread (a read from a cold disk, "
      "a sync) is one long delay, and so is a machine too busy to run the thread. The receiver's figures cover "
      "both sessions; the sender's, the measured one. MiB/s: the measured session's bytes ÷ its sender's "
      "time. Cells: median (min–max) of {} run(s).\n\n{}",
      format_size(large.bytes), describe_small_source(options), describe_medium_source(options), options.runs,
      loop_table(lag_configs, series));
}

}  // namespace ferry::bench
