#include "scenarios.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include <fmt/core.h>

#include "dataset.hpp"
#include "measurement.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::array kThresholdStrategies = {"zerocopy", "direct", "buffered"};
constexpr std::array kLargeFileStrategies = {"auto", "zerocopy", "direct", "buffered", "naive"};
constexpr std::string_view kNaive = "naive";

struct FileSet {
  std::uint64_t size = 0;
  std::uint32_t count = 0;
  std::uint64_t total() const { return size * count; }
};

FileSet file_set_for(const BenchOptions& options, std::uint64_t size) {
  const std::uint64_t wanted = (options.row_bytes + size - 1) / size;
  return {size, static_cast<std::uint32_t>(std::min<std::uint64_t>(wanted, options.max_files))};
}

std::string joined(const std::set<std::string>& values, std::string_view separator = "+") {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : std::string(separator)) + value;
  return text.empty() ? "?" : text;
}

std::string sides(const Series& series) {
  return joined(series.sender_strategies) + " / " + joined(series.receiver_strategies);
}

std::string cache_change(const Series& series) {
  return format_spread(series.source_cached_before, percent) + " → " +
         format_spread(series.source_cached_after, percent);
}

std::string notes_of(const std::set<std::string>& notes) {
  std::string text;
  for (const std::string& note : notes) text += "- " + note + "\n";
  return text.empty() ? "" : "\nStrategy notes reported:\n\n" + text;
}

void report_progress(std::string_view label, int run, int runs, const Sample& sample) {
  const auto& transfer = sample.transfer;
  const double gib = static_cast<double>(sample.bytes) / (1024.0 * 1024 * 1024);
  fmt::print(stderr, "{}  run {}/{}: {:8.1f} MiB/s  CPU s/GiB sender {:.2f} receiver {:.2f}  source cached {:.0f}% → {:.0f}%",
             label, run + 1, runs, static_cast<double>(sample.bytes) / (1 << 20) / transfer.seconds,
             transfer.sender_cpu_seconds / gib, transfer.receiver_cpu_seconds / gib,
             sample.source_cached_before * 100, sample.source_cached_after * 100);
  if (transfer.sender_syscalls) fmt::print(stderr, "  syscalls {}", *transfer.sender_syscalls);
  fmt::print(stderr, "\n");
}

TransferSpec spec_for(std::string_view strategy, const fs::path& source, const fs::path& receive_dir,
                      std::uint64_t bytes) {
  TransferSpec spec;
  spec.naive = strategy == kNaive;
  spec.strategy = std::string(strategy);
  spec.source = source;
  spec.receive_dir = receive_dir;
  spec.expected_bytes = bytes;
  return spec;
}

// Median over runs of a ratio computed within each run, so both sides of
// the ratio saw the same moment of a noisy machine.
std::string paired_ratio(const Series& numerator, const Series& denominator,
                         double (*value)(const Series&, std::size_t)) {
  std::vector<double> ratios;
  for (std::size_t run = 0; run < numerator.mib_per_second.size(); ++run) {
    ratios.push_back(value(numerator, run) / value(denominator, run));
  }
  return format_spread(ratios, fixed(2));
}

double throughput_at(const Series& series, std::size_t run) { return series.mib_per_second.at(run); }
double total_cpu_at(const Series& series, std::size_t run) { return series.total_cpu_per_gib(run); }

}  // namespace

std::uint64_t threshold_scenario_disk_bytes(const BenchOptions& options) {
  std::uint64_t largest = 0;
  for (const std::uint64_t size : options.file_sizes) largest = std::max(largest, file_set_for(options, size).total());
  return 2 * largest;  // the sources of one size and their received copy
}

std::uint64_t large_file_scenario_disk_bytes(const BenchOptions& options) { return 2 * options.large_size; }

std::string run_threshold_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  using Key = std::tuple<std::uint64_t, CacheState, std::string>;
  std::map<Key, Series> series;
  const fs::path receive_dir = context.work / "received";

  for (const std::uint64_t size : options.file_sizes) {
    const FileSet set = file_set_for(options, size);
    const fs::path source = context.work / "source" / fmt::format("t-{}", format_size(size));
    fmt::print(stderr, "T: writing {} files of {} ...\n", set.count, format_size(size));
    write_file_set(source, set.count, set.size);
    for (const CacheState cache : {CacheState::Cold, CacheState::Warm}) {
      for (int run = 0; run < options.runs; ++run) {
        for (const std::string_view strategy : kThresholdStrategies) {
          const Sample sample = measure(context.tools, spec_for(strategy, source, receive_dir, set.total()), cache);
          series[{size, cache, std::string(strategy)}].add(sample);
          report_progress(fmt::format("T {} {:>4} ×{:<3} {:<8}", to_string(cache), format_size(size), set.count,
                                      strategy),
                          run, options.runs, sample);
        }
      }
    }
    fs::remove_all(source);
  }
  empty_directory(receive_dir);

  std::string text = fmt::format(
      "## Scenario T: threshold choice\n\n"
      "Each row sends one folder of N files of one size (at least {} per row, at most {} files) with one "
      "forced sender strategy; the receiver runs with its defaults. \"Sender / receiver\" is what each side "
      "reported it used. CPU is user + system time of each process (wait4), per GiB moved. \"Source "
      "cached\" is the share of the source files' pages in the page cache (mincore) before → after the "
      "transfer. Cells: median (min–max) of {} run(s).\n",
      format_size(options.row_bytes), options.max_files, options.runs);
  std::set<std::string> notes;
  for (const CacheState cache : {CacheState::Cold, CacheState::Warm}) {
    Table table({{"File size", Table::Align::Right},
                 {"Files", Table::Align::Right},
                 {"Strategy", Table::Align::Left},
                 {"Sender / receiver", Table::Align::Left},
                 {"MiB/s", Table::Align::Right},
                 {"Sender CPU s/GiB", Table::Align::Right},
                 {"Receiver CPU s/GiB", Table::Align::Right},
                 {"Source cached", Table::Align::Right}});
    for (const std::uint64_t size : options.file_sizes) {
      for (const std::string_view strategy : kThresholdStrategies) {
        const Series& row = series.at({size, cache, std::string(strategy)});
        table.add_row({format_size(size), std::to_string(file_set_for(options, size).count), std::string(strategy),
                       sides(row), format_spread(row.mib_per_second, fixed(0)),
                       format_spread(row.sender_cpu_per_gib, fixed(2)),
                       format_spread(row.receiver_cpu_per_gib, fixed(2)), cache_change(row)});
        notes.insert(row.notes.begin(), row.notes.end());
      }
    }
    text += fmt::format("\n### {} page cache\n\n{}", cache == CacheState::Cold ? "Cold" : "Warm", table.markdown());
  }

  Table ratios({{"File size", Table::Align::Right},
                {"Cache", Table::Align::Left},
                {"direct ÷ zerocopy MiB/s", Table::Align::Right},
                {"buffered ÷ zerocopy MiB/s", Table::Align::Right},
                {"direct ÷ zerocopy CPU (both sides)", Table::Align::Right}});
  for (const std::uint64_t size : options.file_sizes) {
    for (const CacheState cache : {CacheState::Cold, CacheState::Warm}) {
      const Series& zerocopy = series.at({size, cache, "zerocopy"});
      const Series& direct = series.at({size, cache, "direct"});
      const Series& buffered = series.at({size, cache, "buffered"});
      ratios.add_row({format_size(size), std::string(to_string(cache)),
                      paired_ratio(direct, zerocopy, throughput_at), paired_ratio(buffered, zerocopy, throughput_at),
                      paired_ratio(direct, zerocopy, total_cpu_at)});
    }
  }
  text += fmt::format(
      "\n### Paired ratios\n\nEach ratio is taken within one run (the strategies of a run go back to back), "
      "then the median (min–max) over runs. Above 1: faster, or more CPU, than zero-copy.\n\n{}",
      ratios.markdown());
  return text + notes_of(notes);
}

std::string run_large_file_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const fs::path source = context.work / "source" / "large.bin";
  const fs::path receive_dir = context.work / "received";
  fmt::print(stderr, "L: writing one file of {} ...\n", format_size(options.large_size));
  fs::create_directories(source.parent_path());
  write_random_file(source, options.large_size, 0x4c415247);

  std::map<std::string, Series> series;
  const auto label = [&](std::string_view strategy, std::string_view pass) {
    return fmt::format("L {} {:<8}{}", format_size(options.large_size), strategy, pass);
  };
  for (int run = 0; run < options.runs; ++run) {
    for (const std::string_view strategy : kLargeFileStrategies) {
      const Sample sample = measure(context.tools, spec_for(strategy, source, receive_dir, options.large_size),
                                    CacheState::Cold);
      series[std::string(strategy)].add(sample);
      report_progress(label(strategy, ""), run, options.runs, sample);
    }
  }
  if (!context.perf_missing) {
    for (int run = 0; run < options.runs; ++run) {
      for (const std::string_view strategy : kLargeFileStrategies) {
        TransferSpec spec = spec_for(strategy, source, receive_dir, options.large_size);
        spec.perf_output = context.tools.log_dir / "perf-stat.csv";
        const Sample sample = measure(context.tools, spec, CacheState::Cold);
        series[std::string(strategy)].add_syscalls(sample);
        report_progress(label(strategy, " (perf stat pass)"), run, options.runs, sample);
      }
    }
  }
  empty_directory(receive_dir);
  fs::remove(source);

  Table table({{"Strategy", Table::Align::Left},
               {"Sender / receiver", Table::Align::Left},
               {"MiB/s", Table::Align::Right},
               {"Sender CPU s/GiB", Table::Align::Right},
               {"Receiver CPU s/GiB", Table::Align::Right},
               {"Sender syscalls/GiB", Table::Align::Right},
               {"Source cached", Table::Align::Right},
               {"Output cached", Table::Align::Right}});
  std::set<std::string> notes;
  for (const std::string_view strategy : kLargeFileStrategies) {
    const Series& row = series.at(std::string(strategy));
    const std::string used = strategy == kNaive ? "read+write 32 KiB / read+write 32 KiB" : sides(row);
    table.add_row({std::string(strategy), used, format_spread(row.mib_per_second, fixed(0)),
                   format_spread(row.sender_cpu_per_gib, fixed(2)), format_spread(row.receiver_cpu_per_gib, fixed(2)),
                   format_spread(row.sender_syscalls_per_gib, fixed(0)),
                   cache_change(row), format_spread(row.output_cached_after, percent)});
    notes.insert(row.notes.begin(), row.notes.end());
  }
  const std::string syscalls_note =
      context.perf_missing
          ? fmt::format("System calls: n/a, {}.", *context.perf_missing)
          : fmt::format("System calls: raw_syscalls:sys_enter of the sender process and all its threads, "
                        "counted by `perf stat` in a separate pass of {} run(s) (perf's overhead stays out "
                        "of the other columns).",
                        options.runs);
  return fmt::format(
             "## Scenario L: one large file\n\n"
             "One {} file, cold cache before every run (source evicted, previous output deleted, sync). \"Source "
             "cached\" is before → after the transfer, \"Output cached\" after it (mincore). \"naive\" "
             "is the baseline in bench/naive_copy.cpp: raw TCP, read() 32 KiB into a user buffer and write() it, "
             "on both sides. {} Cells: median (min–max) of {} run(s).\n\n{}",
             format_size(options.large_size), syscalls_note, options.runs, table.markdown()) +
         notes_of(notes);
}

}  // namespace ferry::bench
