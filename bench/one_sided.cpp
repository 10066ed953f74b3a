// SPDX-License-Identifier: Apache-2.0
// Scenarios D and R: the large file with one end on the disk and the other in
// memory (tmpfs), so that one shared disk stops hiding the sender and the
// receiver behind each other. D (send side): the source on disk, cold; the
// receiver writes into tmpfs. R (receive side): the source in tmpfs; the
// receiver writes to disk, its time counted until the data is on disk.
#include <sys/statvfs.h>
#include <unistd.h>

#include <stdexcept>

#include <fmt/core.h>

#include "dataset.hpp"
#include "report.hpp"
#include "source_sets.hpp"
#include "table.hpp"
#include "workdir.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kTmpfsMargin = 64ull << 20;

// A folder of this invocation's own in the tmpfs, removed when it goes.
class MemoryFolder {
 public:
  explicit MemoryFolder(const fs::path& tmpfs, std::uint64_t bytes_needed)
      : path_(tmpfs / fmt::format("ferry-bench-{}", ::getpid())) {
    if (filesystem_name(tmpfs) != "tmpfs")
      throw std::runtime_error(fmt::format("--tmpfs {} is on {}, not tmpfs", tmpfs.string(), filesystem_name(tmpfs)));
    struct statvfs space {};
    if (::statvfs(tmpfs.c_str(), &space) != 0 ||
        static_cast<std::uint64_t>(space.f_bavail) * space.f_frsize < bytes_needed + kTmpfsMargin) {
      throw std::runtime_error(
          fmt::format("--tmpfs {} has less than {} free", tmpfs.string(), format_size(bytes_needed + kTmpfsMargin)));
    }
    fs::create_directories(path_);
  }
  ~MemoryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  MemoryFolder(const MemoryFolder&) = delete;
  MemoryFolder& operator=(const MemoryFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<Config> one_sided_configs(const SourceSet& source, const fs::path& receive_dir) {
  const auto spec_for = [&](const std::string& strategy, Mode mode = Mode::Fast) {
    TransferSpec spec = ferry_spec(mode, strategy, source.path, receive_dir, source.bytes, source.files);
    if (strategy == "naive") spec.program = Program::Naive;
    if (strategy == "dd direct") spec.program = Program::DdDirect;
    return spec;
  };
  std::vector<Config> configs;
  configs.push_back({"auto", spec_for("auto")});
  configs.push_back({"auto, encrypted", spec_for("auto", Mode::Encrypted)});
  for (const std::string strategy : {"zerocopy", "buffered", "naive", "dd direct"})
    configs.push_back({strategy, spec_for(strategy)});
  return configs;
}

// Paired ratios of the rows the targets name.
std::string target_ratios(const std::map<std::string, Series>& series, bool on_disk) {
  Table table({{"Ratio", Table::Align::Left},
               {on_disk ? "MiB/s on disk" : "MiB/s", Table::Align::Right},
               {"Sender CPU", Table::Align::Right},
               {"Receiver CPU", Table::Align::Right},
               {"Sender syscalls", Table::Align::Right}});
  const auto add = [&](const std::string& name, const Series& row, const Series& baseline) {
    const auto& speed = on_disk ? row.mib_per_second_on_disk : row.mib_per_second;
    const auto& base_speed = on_disk ? baseline.mib_per_second_on_disk : baseline.mib_per_second;
    table.add_row(
        {name, format_spread(paired_ratios(speed, base_speed), fixed(2)),
         format_spread(paired_ratios(row.sender_cpu_per_gib, baseline.sender_cpu_per_gib), fixed(2)),
         format_spread(paired_ratios(row.receiver_cpu_per_gib, baseline.receiver_cpu_per_gib), fixed(2)),
         format_spread(paired_ratios(row.sender_syscalls_per_gib, baseline.sender_syscalls_per_gib), fixed(3))});
  };
  add("auto ÷ naive", series.at("auto"), series.at("naive"));
  add("auto ÷ zerocopy", series.at("auto"), series.at("zerocopy"));
  add("auto, encrypted ÷ auto", series.at("auto, encrypted"), series.at("auto"));
  add("auto, encrypted ÷ naive", series.at("auto, encrypted"), series.at("naive"));
  // dd's large direct blocks, one at a time: the disk without Ferry's pipeline.
  add("auto ÷ dd direct", series.at("auto"), series.at("dd direct"));
  add("naive ÷ dd direct", series.at("naive"), series.at("dd direct"));
  return table.markdown();
}

}  // namespace

std::string run_send_side_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const MemoryFolder memory(options.tmpfs, options.large_size);
  const SourceSet source = write_large_source(context, "D");
  const fs::path receive_dir = memory.path() / "received";
  const std::vector<Config> configs = one_sided_configs(source, receive_dir);
  const auto series = run_configs(context, configs, fmt::format("D {}", format_size(options.large_size)));
  empty_directory(receive_dir);
  fs::remove(source.path);
  write_data(context, "send_side", configs, series);
  return fmt::format(
             "## Scenario D: send side (source on disk, receiver into tmpfs)\n\n"
             "One {} file on the disk, cold cache before every run, received into tmpfs ({}), so the disk only "
             "reads and the sender's path is what is measured. Ferry in fast mode except \"auto, encrypted\" "
             "(the default, TLS all the way); \"naive\" is L's read()/write() 32 KiB copy; \"dd direct\" reads "
             "the file like `dd iflag=direct bs=64M` and writes each block to the socket (no Ferry). The receiver "
             "writes "
             "into tmpfs through the page cache whatever the strategy (tmpfs reports no direct I/O alignment). "
             "{} Cells: median (min–max) of {} run(s).\n\n{}\nPaired ratios (within each run, then the median):"
             "\n\n{}",
             format_size(source.bytes), options.tmpfs.string(), syscalls_note(context), options.runs,
             results_table(configs, series, false), target_ratios(series, false)) +
         notes_of(configs, series);
}

std::string run_receive_side_scenario(const ScenarioContext& context) {
  const BenchOptions& options = context.options;
  const MemoryFolder memory(options.tmpfs, options.large_size);
  const SourceSet source{memory.path() / "large.bin", options.large_size, 1};
  fmt::print(stderr, "R: writing one file of {} into {} ...\n", format_size(source.bytes), memory.path().string());
  write_random_file(source.path, source.bytes, 0x4c415247);
  const fs::path receive_dir = context.work / "received";
  const std::vector<Config> configs = one_sided_configs(source, receive_dir);
  const auto series = run_configs(context, configs, fmt::format("R {}", format_size(options.large_size)));
  empty_directory(receive_dir);
  write_data(context, "receive_side", configs, series);
  return fmt::format(
             "## Scenario R: receive side (source in tmpfs, receiver on disk)\n\n"
             "One {} file in tmpfs ({}), so the disk only writes, received onto the disk. The figure that counts "
             "is \"MiB/s on disk\": the receiver's time until the data is on disk, a sync() right after the "
             "transfer included (a page-cache receiver, like the naive one, leaves its bytes dirty; a direct "
             "receiver's are already written). Ferry in fast mode except \"auto, encrypted\"; with `auto` the "
             "receiver writes a file this large direct, with the forced strategies it mirrors them (page-cache "
             "writes); \"dd direct\" writes what arrives like `dd oflag=direct bs=64M` (no Ferry). {} Cells: median "
             "(min–max) of {} run(s).\n\n{}\nPaired ratios (within each run, then the "
             "median; throughput on disk):\n\n{}",
             format_size(source.bytes), options.tmpfs.string(), syscalls_note(context), options.runs,
             results_table(configs, series, false), target_ratios(series, true)) +
         notes_of(configs, series);
}

}  // namespace ferry::bench
