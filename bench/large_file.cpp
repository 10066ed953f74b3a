// Scenario L: one large file.
#include <array>

#include <fmt/core.h>

#include "dataset.hpp"
#include "report.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::array kStrategies = {"auto", "zerocopy", "direct", "buffered", "naive"};

// Paired ratios against the naive copy: the targets of the issue.
std::string naive_ratios(const std::map<std::string, Series>& series) {
  const Series& naive = series.at("naive");
  Table table({{"Config", Table::Align::Left},
               {"MiB/s ÷ naive", Table::Align::Right},
               {"Sender CPU ÷ naive", Table::Align::Right},
               {"Sender syscalls ÷ naive", Table::Align::Right}});
  for (const std::string strategy : {"auto", "zerocopy", "direct", "buffered"}) {
    const Series& row = series.at(strategy);
    table.add_row({strategy, format_spread(paired_ratios(row.mib_per_second, naive.mib_per_second), fixed(2)),
                   format_spread(paired_ratios(row.sender_cpu_per_gib, naive.sender_cpu_per_gib), fixed(2)),
                   format_spread(paired_ratios(row.sender_syscalls_per_gib, naive.sender_syscalls_per_gib), fixed(3))});
  }
  return table.markdown();
}

}  // namespace

std::string run_large_file_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const fs::path source = context.work / "source" / "large.bin";
  const fs::path receive_dir = context.work / "received";
  fmt::print(stderr, "L: writing one file of {} ...\n", format_size(options.large_size));
  fs::create_directories(source.parent_path());
  write_random_file(source, options.large_size, 0x4c415247);

  std::vector<Config> configs;
  for (const std::string strategy : kStrategies) {
    TransferSpec spec = ferry_spec(strategy, source, receive_dir, options.large_size, 1);
    if (strategy == "naive") spec.program = Program::Naive;
    configs.push_back({strategy, spec});
  }
  const auto series = run_configs(context, configs, fmt::format("L {}", format_size(options.large_size)));
  empty_directory(receive_dir);
  fs::remove(source);
  write_data(context, "large", configs, series);

  return fmt::format(
             "## Scenario L: one large file\n\n"
             "One {} file, cold cache before every run. \"naive\" is the baseline in bench/naive_copy.cpp: raw "
             "TCP, read() 32 KiB into a user buffer and write() it, on both sides. {} Cells: median (min–max) "
             "of {} run(s).\n\n{}\nPaired ratios (within each run, then the median; system calls from the perf "
             "pass):\n\n{}",
             format_size(options.large_size), syscalls_note(context), options.runs,
             results_table(configs, series, false), naive_ratios(series)) +
         notes_of(configs, series);
}

}  // namespace ferry::bench
