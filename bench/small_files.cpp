// SPDX-License-Identifier: Apache-2.0
// Scenario S: many small files in folders, Ferry against tar | nc.
#include <fmt/core.h>

#include "process.hpp"
#include "report.hpp"
#include "source_sets.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTarNc = "tar | nc";

// Files/s and MiB/s of each Ferry configuration ÷ tar | nc, paired within runs.
std::string tar_ratios(const std::vector<Config>& configs, const std::map<std::string, Series>& series) {
  const Series& tar = series.at(std::string(kTarNc));
  Table table({{"Config", Table::Align::Left},
               {"Files/s ÷ tar | nc", Table::Align::Right},
               {"On disk ÷ tar | nc", Table::Align::Right},
               {"Sender CPU ÷ tar | nc", Table::Align::Right},
               {"Receiver CPU ÷ tar | nc", Table::Align::Right}});
  for (const Config& config : configs) {
    if (config.spec.program != Program::Ferry) continue;
    const Series& row = series.at(config.name);
    table.add_row({config.name, format_spread(paired_ratios(row.files_per_second, tar.files_per_second), fixed(2)),
                   format_spread(paired_ratios(row.mib_per_second_on_disk, tar.mib_per_second_on_disk), fixed(2)),
                   format_spread(paired_ratios(row.sender_cpu_per_gib, tar.sender_cpu_per_gib), fixed(2)),
                   format_spread(paired_ratios(row.receiver_cpu_per_gib, tar.receiver_cpu_per_gib), fixed(2))});
  }
  return table.markdown();
}

}  // namespace

std::optional<std::string> tar_nc_unavailable_reason() {
  // OpenBSD netcat: -N (shut the socket down at end of input) is what ends the transfer.
  Child probe("nc probe",
              {"sh", "-c", "command -v tar >/dev/null && command -v nc >/dev/null && nc -h 2>&1 | grep -q OpenBSD"}, {},
              std::chrono::seconds(30));
  Child* children[] = {&probe};
  wait_all(children);
  if (probe.exit_info().succeeded()) return std::nullopt;
  return std::string("tar or OpenBSD netcat (`nc`, Debian package netcat-openbsd) is missing");
}

std::string run_small_files_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const SourceSet source = write_small_source(context, "S");
  const fs::path receive_dir = context.work / "received";
  // Fast mode: zero-copy is only there, and tar | nc is plain TCP too.
  const auto spec_for = [&](std::string_view strategy) {
    return ferry_spec(Mode::Fast, strategy, source.path, receive_dir, source.bytes, source.files);
  };

  std::vector<Config> configs;
  for (const std::string strategy : {"auto", "zerocopy", "buffered"}) configs.push_back({strategy, spec_for(strategy)});
  // The default mode next to fast mode, default durability.
  configs.push_back(
      {"auto, encrypted", ferry_spec(Mode::Encrypted, "auto", source.path, receive_dir, source.bytes, source.files)});
  // The price of durable commits (one syncfs per batch before the renames).
  TransferSpec unsynced = spec_for("auto");
  unsynced.durable = false;
  configs.push_back({"auto, --no-sync", unsynced});
  if (!context.nc_missing) {
    TransferSpec spec = spec_for("auto");
    spec.program = Program::TarNc;
    configs.push_back({std::string(kTarNc), spec});
  }
  const auto series = run_configs(context, configs, "S");
  empty_directory(receive_dir);
  fs::remove_all(source.path);
  write_data(context, "small", configs, series);

  std::string text = fmt::format(
      "## Scenario S: many small files\n\n"
      "{}, cold cache before every run; Ferry in fast mode except \"auto, encrypted\" (the default mode, TLS all "
      "the way). \"tar | nc\" is "
      "`sh -c 'tar -cf - -C PARENT small | nc -N 127.0.0.1 PORT'` into `sh -c 'nc -l 127.0.0.1 PORT | tar -xf - "
      "-C DIR'`, each `sh` a process whose rusage includes its pipeline; it verifies nothing, Ferry checks a "
      "digest of every file. {} Cells: median (min–max) of {} run(s).\n\n{}",
      describe_small_source(options), syscalls_note(context), options.runs, results_table(configs, series, true));
  if (context.nc_missing) {
    text += fmt::format("\ntar | nc: skipped, {}.\n", *context.nc_missing);
  } else {
    text += "\nPaired ratios (within each run, then the median):\n\n" + tar_ratios(configs, series);
  }
  return text + notes_of(configs, series);
}

}  // namespace ferry::bench
