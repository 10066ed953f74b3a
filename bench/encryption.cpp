// SPDX-License-Identifier: Apache-2.0
// Scenario E: encrypted against fast mode, for L's large file and S's small
// files, all four configurations back to back within each run.
#include <array>

#include <fmt/core.h>

#include "report.hpp"
#include "source_sets.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::array kModes = {Mode::Encrypted, Mode::Fast};

std::string config_name(std::string_view set, Mode mode) { return fmt::format("{}, {}", set, to_string(mode)); }

// Both modes sending `source` with `auto`.
std::vector<Config> mode_configs(std::string_view set, const SourceSet& source, const fs::path& receive_dir) {
  std::vector<Config> configs;
  for (const Mode mode : kModes) {
    configs.push_back(
        {config_name(set, mode), ferry_spec(mode, "auto", source.path, receive_dir, source.bytes, source.files)});
  }
  return configs;
}

// Fast ÷ encrypted for each set, paired within runs.
std::string mode_ratios(const std::vector<std::string_view>& sets, const std::map<std::string, Series>& series) {
  Table table({{"Set", Table::Align::Left},
               {"MiB/s (and files/s) fast ÷ encrypted", Table::Align::Right},
               {"On disk fast ÷ encrypted", Table::Align::Right},
               {"Sender CPU fast ÷ encrypted", Table::Align::Right},
               {"Receiver CPU fast ÷ encrypted", Table::Align::Right},
               {"Sender syscalls fast ÷ encrypted", Table::Align::Right}});
  for (const std::string_view set : sets) {
    const Series& fast = series.at(config_name(set, Mode::Fast));
    const Series& encrypted = series.at(config_name(set, Mode::Encrypted));
    table.add_row(
        {std::string(set), format_spread(paired_ratios(fast.mib_per_second, encrypted.mib_per_second), fixed(2)),
         format_spread(paired_ratios(fast.mib_per_second_on_disk, encrypted.mib_per_second_on_disk), fixed(2)),
         format_spread(paired_ratios(fast.sender_cpu_per_gib, encrypted.sender_cpu_per_gib), fixed(2)),
         format_spread(paired_ratios(fast.receiver_cpu_per_gib, encrypted.receiver_cpu_per_gib), fixed(2)),
         format_spread(paired_ratios(fast.sender_syscalls_per_gib, encrypted.sender_syscalls_per_gib), fixed(3))});
  }
  return table.markdown();
}

}  // namespace

std::string run_encryption_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const SourceSet large = write_large_source(context, "E");
  const SourceSet small = write_small_source(context, "E");
  const fs::path receive_dir = context.work / "received";
  constexpr std::string_view kLarge = "large file";
  constexpr std::string_view kSmall = "small files";
  const std::vector<Config> large_configs = mode_configs(kLarge, large, receive_dir);
  const std::vector<Config> small_configs = mode_configs(kSmall, small, receive_dir);
  std::vector<Config> configs = large_configs;
  configs.insert(configs.end(), small_configs.begin(), small_configs.end());
  const auto series = run_configs(context, configs, "E");
  empty_directory(receive_dir);
  fs::remove(large.path);
  fs::remove_all(small.path);
  write_data(context, "encryption", configs, series);

  return fmt::format(
             "## Scenario E: encrypted against fast mode\n\n"
             "The default mode, TLS 1.3 all the way (`ferry-cli send`), against fast mode (`ferry-cli send "
             "--fast`: plain TCP after the handshake and the offer, each file's digest keyed by the handshake), "
             "both with `auto`, for one {} file and for {}. Inside TLS, files below the direct-I/O threshold are "
             "read buffered from the page cache instead of sent zero-copy; larger ones are read direct in both "
             "modes. The receiver pins the sender with fast mode, and every run checks that the sender's "
             "session reported the mode asked for. Cold cache before every run; the four configurations run "
             "back to back within each run and the ratios are paired within runs. {} Cells: median (min–max) "
             "of {} run(s).\n\n{}\n{}\nFast ÷ encrypted (within each run, then the median; below 1 for CPU "
             "means fast mode costs less):\n\n{}",
             format_size(large.bytes), describe_small_source(options), syscalls_note(context), options.runs,
             results_table(large_configs, series, false), results_table(small_configs, series, true),
             mode_ratios({kLarge, kSmall}, series)) +
         notes_of(configs, series);
}

}  // namespace ferry::bench
