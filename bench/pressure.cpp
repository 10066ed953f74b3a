// SPDX-License-Identifier: Apache-2.0
// Scenario P: the page cache under memory pressure. A hot set of small files
// is read over and over while a large file is sent, the reader, the sender and
// the receiver all in one memory-limited cgroup.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/core.h>

#include "cgroup.hpp"
#include "dataset.hpp"
#include "hot_reader.hpp"
#include "page_cache.hpp"
#include "process.hpp"
#include "report.hpp"
#include "table.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kHotFileBytes = 64 << 10;
constexpr int kWarmPasses = 2;  // the hot set is read this often before the transfer starts
constexpr auto kWarmUpLimit = std::chrono::seconds(120);

struct PressureRow {
  Series series;
  std::vector<double> hot_before;  // resident share of the hot set when the transfer starts
  std::vector<double> hot_lowest;  // the lowest a pass saw during the transfer
  std::vector<double> hot_after;   // right after the transfer
  std::vector<double> peak_mib;    // the cgroup's highest memory use
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Starts the reader in `cgroup` and waits until it has read the hot set
// kWarmPasses times; returns the number of passes reported so far.
std::size_t warm_up(Child& reader, const fs::path& output, const fs::path& errors) {
  const Clock::time_point deadline = Clock::now() + kWarmUpLimit;
  while (true) {
    const std::size_t passes = hot_reader_passes(read_text(output)).size();
    if (passes > kWarmPasses) return passes;
    if (reader.try_reap() || Clock::now() > deadline) {
      throw std::runtime_error(fmt::format("the hot-set reader stopped or stalled ({})\n{}",
                                           reader.running() ? "too slow" : reader.exit_info().describe(),
                                           read_text(errors)));
    }
    short_pause();
  }
}

void measure_once(const ScenarioContext& context, const std::string& strategy, const fs::path& hot,
                  const fs::path& large, PressureRow& row) {
  const BenchOptions& options = context.options;
  const fs::path receive_dir = context.work / "received";
  auto created = MemoryCgroup::create(options.cgroup_limit);
  if (const auto* reason = std::get_if<std::string>(&created)) throw std::runtime_error("cgroup: " + *reason);
  const MemoryCgroup& cgroup = std::get<MemoryCgroup>(created);

  empty_directory(receive_dir);
  ::sync();
  evict(large);
  evict(hot);
  const fs::path reader_out = context.tools.log_dir / "hot-reader.out";
  const fs::path reader_err = context.tools.log_dir / "hot-reader.err";
  Child reader("hot reader", {context.tools.self.string(), std::string(kHotReaderRole), hot.string()},
               {reader_out, reader_err}, options.time_limit, cgroup.procs_fd());
  const std::size_t warm_passes = warm_up(reader, reader_out, reader_err);

  TransferSpec spec = ferry_spec(Mode::Fast, strategy, large, receive_dir, options.pressure_bytes(), 1);
  spec.cgroup_procs_fd = cgroup.procs_fd();
  Sample sample;
  sample.bytes = spec.expected_bytes;
  sample.files = 1;
  sample.source_cached_before = residency(large).fraction();
  sample.transfer = run_transfer(context.tools, spec);
  reader.kill(false);
  const double hot_after = residency(hot).fraction();
  sample.source_cached_after = residency(large).fraction();
  sample.output_cached_after = residency(receive_dir).fraction();

  const std::vector<double> passes = hot_reader_passes(read_text(reader_out));
  row.series.add(sample);
  row.hot_before.push_back(passes.at(warm_passes - 1));
  if (passes.size() > warm_passes) {
    row.hot_lowest.push_back(
        *std::min_element(passes.begin() + static_cast<std::ptrdiff_t>(warm_passes), passes.end()));
  }
  row.hot_after.push_back(hot_after);
  if (const auto peak = cgroup.peak_bytes()) row.peak_mib.push_back(static_cast<double>(*peak) / (1 << 20));
  fmt::print(stderr,
             "P {:<8}  {:8.1f} MiB/s  hot set {:.0f}% → lowest {:.0f}% → after {:.0f}%  large file cached {:.0f}% / "
             "output {:.0f}%  cgroup peak {:.0f} MiB\n",
             strategy, static_cast<double>(sample.bytes) / (1 << 20) / sample.transfer.seconds,
             row.hot_before.back() * 100, row.hot_lowest.empty() ? 0.0 : row.hot_lowest.back() * 100, hot_after * 100,
             sample.source_cached_after * 100, sample.output_cached_after * 100,
             row.peak_mib.empty() ? 0.0 : row.peak_mib.back());
}

std::string pressure_table(const std::vector<std::string>& strategies, const std::map<std::string, PressureRow>& rows) {
  Table table({{"Config", Table::Align::Left},
               {"Sender / receiver", Table::Align::Left},
               {"MiB/s", Table::Align::Right},
               {"Hot set at start", Table::Align::Right},
               {"Hot set lowest", Table::Align::Right},
               {"Hot set after", Table::Align::Right},
               {"Large file cached snd", Table::Align::Right},
               {"Output cached rcv", Table::Align::Right},
               {"Cgroup peak MiB", Table::Align::Right},
               {"CPU s/GiB snd", Table::Align::Right},
               {"CPU s/GiB rcv", Table::Align::Right},
               {"Peak RSS MiB snd", Table::Align::Right},
               {"Peak RSS MiB rcv", Table::Align::Right}});
  for (const std::string& strategy : strategies) {
    const PressureRow& row = rows.at(strategy);
    std::string used;
    for (const auto* side : {&row.series.sender_strategies, &row.series.receiver_strategies}) {
      std::string names;
      for (const std::string& name : *side) names += (names.empty() ? "" : "+") + name;
      used += (used.empty() ? "" : " / ") + names;
    }
    table.add_row(
        {strategy, used, format_spread(row.series.mib_per_second, fixed(0)), format_spread(row.hot_before, percent),
         format_spread(row.hot_lowest, percent), format_spread(row.hot_after, percent),
         format_spread(row.series.source_cached_after, percent), format_spread(row.series.output_cached_after, percent),
         format_spread(row.peak_mib, fixed(0)), format_spread(row.series.sender_cpu_per_gib, fixed(2)),
         format_spread(row.series.receiver_cpu_per_gib, fixed(2)), format_spread(row.series.sender_rss_mib, fixed(1)),
         format_spread(row.series.receiver_rss_mib, fixed(1))});
  }
  return table.markdown();
}

}  // namespace

std::string run_pressure_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const std::string heading = "## Scenario P: page cache under memory pressure\n\n";
  int version = 0;
  {
    auto probe = MemoryCgroup::create(options.cgroup_limit);
    if (const auto* reason = std::get_if<std::string>(&probe)) {
      fmt::print(stderr, "P: skipped: {}\n", *reason);
      return heading + fmt::format("Skipped: {}.\n", *reason);
    }
    version = std::get<MemoryCgroup>(probe).version();
  }
  const fs::path hot = context.work / "source" / "hot";
  const fs::path large = context.work / "source" / "pressure.bin";
  const auto hot_files = static_cast<std::uint32_t>(std::max<std::uint64_t>(1, options.hot_set / kHotFileBytes));
  fmt::print(stderr, "P: writing a hot set of {} files of 64K and one file of {} ...\n", hot_files,
             format_size(options.pressure_bytes()));
  write_small_tree(hot, hot_files, kHotFileBytes, 1);
  write_random_file(large, options.pressure_bytes(), 0x5052455353);

  const std::vector<std::string> strategies = {"auto", "zerocopy"};
  std::map<std::string, PressureRow> rows;
  for (int run = 0; run < options.runs; ++run) {
    for (const std::string& strategy : strategies) measure_once(context, strategy, hot, large, rows[strategy]);
  }
  empty_directory(context.work / "received");
  fs::remove_all(hot);
  fs::remove(large);

  return heading +
         fmt::format(
             "A cgroup (v{}) limited to {} holds three processes: a hot-set reader (bench/hot_reader.cpp) that "
             "reads {} files of 64 KiB ({} in all) over and over, pausing 0.1 s between passes, and the "
             "`ferry-cli` receiver and sender of one {} file ({}× the limit). The hot set is read {} times before "
             "the transfer starts; each pass first measures how much of it is still cached (mincore). \"Hot set "
             "lowest\" is the lowest such measurement during the transfer, \"after\" is taken right after it. "
             "`auto` runs both ends with their defaults; `zerocopy` forces zero-copy on the sender and page-cache "
             "writes on the receiver (zero-copy for everything). Cold cache before every run, a new cgroup for "
             "every run. Cells: median (min–max) of {} run(s).\n\n{}",
             version, format_size(options.cgroup_limit), hot_files, format_size(options.hot_set),
             format_size(options.pressure_bytes()), options.pressure_bytes() / options.cgroup_limit, kWarmPasses,
             options.runs, pressure_table(strategies, rows));
}

}  // namespace ferry::bench
