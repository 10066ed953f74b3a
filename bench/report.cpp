// SPDX-License-Identifier: Apache-2.0
#include "report.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <fmt/core.h>

#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

std::string joined(const std::set<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : "+") + value;
  return text.empty() ? "?" : text;
}

std::string sides(const Config& config, const Series& series) {
  switch (config.spec.program) {
    case Program::Naive:
      return "read+write 32 KiB";
    case Program::SocketOnly:
      return "memory → socket";
    case Program::DdDirect:
      return "64 MiB O_DIRECT blocks";
    case Program::TarNc:
      return "tar | nc";
    case Program::Ferry:
      break;
  }
  return joined(series.sender_strategies) + " / " + joined(series.receiver_strategies);
}

std::string cache_change(const Series& series) {
  return format_spread(series.source_cached_before, percent) + " → " +
         format_spread(series.source_cached_after, percent);
}

void report_progress(std::string_view label, int run, int runs, const Sample& sample) {
  const TransferResult& transfer = sample.transfer;
  const double gib = static_cast<double>(sample.bytes) / (1024.0 * 1024 * 1024);
  fmt::print(stderr,
             "{}  run {}/{}: {:8.1f} MiB/s {:8.0f} files/s  CPU s/GiB {:.2f} / {:.2f}  RSS MiB {:.0f} / {:.0f}"
             "  cached {:.0f}% → {:.0f}% / {:.0f}%",
             label, run + 1, runs, static_cast<double>(sample.bytes) / (1 << 20) / transfer.seconds,
             static_cast<double>(sample.files) / transfer.seconds, transfer.sender.cpu_seconds / gib,
             transfer.receiver.cpu_seconds / gib, static_cast<double>(transfer.sender.max_rss_kib) / 1024,
             static_cast<double>(transfer.receiver.max_rss_kib) / 1024, sample.source_cached_before * 100,
             sample.source_cached_after * 100, sample.output_cached_after * 100);
  if (transfer.sender_syscalls) fmt::print(stderr, "  syscalls {}", *transfer.sender_syscalls);
  fmt::print(stderr, "\n");
}

// Median, min and max, tab-separated; NaN for no values.
std::string tsv_spread(const std::vector<double>& values) {
  if (values.empty()) return "NaN\tNaN\tNaN";
  const Spread spread = spread_of(values);
  return fmt::format("{:.6g}\t{:.6g}\t{:.6g}", spread.median, spread.min, spread.max);
}

}  // namespace

std::map<std::string, Series> run_configs(const ScenarioContext& context, const std::vector<Config>& configs,
                                          const std::string& label) {
  const BenchOptions& options = context.options;
  std::map<std::string, Series> series;
  for (int run = 0; run < options.runs; ++run) {
    for (const Config& config : configs) {
      const Sample sample = measure(context.tools, config.spec, config.cache);
      series[config.name].add(sample);
      report_progress(fmt::format("{} {:<9}", label, config.name), run, options.runs, sample);
    }
  }
  if (!context.perf_missing) {
    for (int run = 0; run < options.perf_runs; ++run) {
      for (const Config& config : configs) {
        TransferSpec spec = config.spec;
        spec.perf_output = context.tools.log_dir / "perf-stat.csv";
        const Sample sample = measure(context.tools, spec, config.cache);
        series[config.name].add_syscalls(sample);
        report_progress(fmt::format("{} {:<9} (perf stat pass)", label, config.name), run, options.perf_runs, sample);
      }
    }
  }
  return series;
}

TransferSpec ferry_spec(Mode mode, std::string_view strategy, const fs::path& source, const fs::path& receive_dir,
                        std::uint64_t bytes, std::uint64_t files) {
  TransferSpec spec;
  spec.mode = mode;
  spec.strategy = std::string(strategy);
  spec.source = source;
  spec.receive_dir = receive_dir;
  spec.expected_bytes = bytes;
  spec.expected_files = files;
  return spec;
}

std::string results_table(const std::vector<Config>& configs, const std::map<std::string, Series>& series,
                          bool with_files) {
  using Align = Table::Align;
  std::vector<Table::Column> columns{{"Config", Align::Left},
                                     {"Sender / receiver", Align::Left},
                                     {"MiB/s", Align::Right},
                                     {"MiB/s on disk", Align::Right}};
  if (with_files) columns.push_back({"Files/s", Align::Right});
  for (const char* heading : {"CPU s/GiB snd", "CPU s/GiB rcv", "Syscalls/GiB snd", "Ctx sw/GiB snd", "Ctx sw/GiB rcv",
                              "Peak RSS MiB snd", "Peak RSS MiB rcv", "Source cached", "Output cached"}) {
    columns.push_back({heading, Align::Right});
  }
  Table table(std::move(columns));
  for (const Config& config : configs) {
    const Series& row = series.at(config.name);
    std::vector<std::string> cells{config.name, sides(config, row), format_spread(row.mib_per_second, fixed(0)),
                                   format_spread(row.mib_per_second_on_disk, fixed(0))};
    if (with_files) cells.push_back(format_spread(row.files_per_second, fixed(0)));
    for (const std::string& cell :
         {format_spread(row.sender_cpu_per_gib, fixed(2)), format_spread(row.receiver_cpu_per_gib, fixed(2)),
          format_spread(row.sender_syscalls_per_gib, fixed(0)), format_spread(row.sender_switches_per_gib, fixed(0)),
          format_spread(row.receiver_switches_per_gib, fixed(0)), format_spread(row.sender_rss_mib, fixed(1)),
          format_spread(row.receiver_rss_mib, fixed(1)), cache_change(row),
          format_spread(row.output_cached_after, percent)}) {
      cells.push_back(cell);
    }
    table.add_row(std::move(cells));
  }
  return table.markdown();
}

std::string syscalls_note(const ScenarioContext& context) {
  if (context.perf_missing) return fmt::format("System calls: n/a, {}.", *context.perf_missing);
  return fmt::format(
      "System calls: raw_syscalls:sys_enter of the sender process, all its threads and children, counted by "
      "`perf stat` in a separate pass of {} run(s), so perf's overhead stays out of the other columns.",
      context.options.perf_runs);
}

std::string notes_of(const std::vector<Config>& configs, const std::map<std::string, Series>& series) {
  std::set<std::string> notes;
  for (const Config& config : configs) {
    const Series& row = series.at(config.name);
    notes.insert(row.notes.begin(), row.notes.end());
  }
  std::string text;
  for (const std::string& note : notes) text += "- " + note + "\n";
  return text.empty() ? "" : "\nStrategy notes reported:\n\n" + text;
}

std::vector<double> paired_ratios(const std::vector<double>& numerator, const std::vector<double>& denominator) {
  std::vector<double> ratios;
  for (std::size_t run = 0; run < std::min(numerator.size(), denominator.size()); ++run) {
    ratios.push_back(numerator[run] / denominator[run]);
  }
  return ratios;
}

void write_data(const ScenarioContext& context, const std::string& name, const std::vector<Config>& configs,
                const std::map<std::string, Series>& series, const std::map<std::string, double>& x_values) {
  if (!context.options.data_dir) return;
  fs::create_directories(*context.options.data_dir);
  const fs::path path = *context.options.data_dir / (name + ".tsv");
  std::ofstream out(path);
  out << "# config\tx";
  for (const char* figure : {"mib_s", "files_s", "cpu_snd", "cpu_rcv", "syscalls_snd", "ctxsw_snd", "ctxsw_rcv",
                             "rss_snd", "rss_rcv", "cache_growth_snd", "cache_rcv", "mib_s_on_disk"}) {
    out << fmt::format("\t{0}\t{0}_min\t{0}_max", figure);
  }
  out << "\n";
  for (const Config& config : configs) {
    const Series& row = series.at(config.name);
    const auto x = x_values.find(config.name);
    out << '"' << config.name << '"' << '\t'
        << (x == x_values.end() ? std::string("NaN") : fmt::format("{}", x->second));
    for (const std::vector<double>* values :
         {&row.mib_per_second, &row.files_per_second, &row.sender_cpu_per_gib, &row.receiver_cpu_per_gib,
          &row.sender_syscalls_per_gib, &row.sender_switches_per_gib, &row.receiver_switches_per_gib,
          &row.sender_rss_mib, &row.receiver_rss_mib, &row.sender_cache_growth, &row.output_cached_after,
          &row.mib_per_second_on_disk}) {
      out << '\t' << tsv_spread(*values);
    }
    out << "\n";
  }
  if (!out) throw std::runtime_error("could not write " + path.string());
}

}  // namespace ferry::bench
