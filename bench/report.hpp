// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the scenarios share: running a list of configurations (runs
// interleaved, then a separate perf stat pass), the standard results table,
// and the TSV files the charts are drawn from.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "measurement.hpp"
#include "scenarios.hpp"

namespace ferry::bench {

struct Config {
  std::string name;  // row label: "auto", "tar | nc", "256K", ...
  TransferSpec spec;
  CacheState cache = CacheState::Cold;  // of the source before each run
};

// Runs every configuration `options.runs` times, in its cache state, the
// configurations of one run back to back; then, unless perf is missing, a
// pass of `options.perf_runs` under perf stat for the system call counts.
// Progress lines go to stderr, prefixed by `label`.
std::map<std::string, Series> run_configs(const ScenarioContext& context, const std::vector<Config>& configs,
                                          const std::string& label);

// ferry-cli in `mode` with `strategy`, every other parameter at its default.
TransferSpec ferry_spec(Mode mode, std::string_view strategy, const std::filesystem::path& source,
                        const std::filesystem::path& receive_dir, std::uint64_t bytes, std::uint64_t files);

// The standard table: one row per configuration, in the order of `configs`.
// `with_files` adds a files/s column.
std::string results_table(const std::vector<Config>& configs, const std::map<std::string, Series>& series,
                          bool with_files);

// "System calls: ..." for the scenario text.
std::string syscalls_note(const ScenarioContext& context);

// "\nStrategy notes reported:\n\n- ..." or nothing.
std::string notes_of(const std::vector<Config>& configs, const std::map<std::string, Series>& series);

// One ratio per run, numerator[run] ÷ denominator[run], so both sides of each
// ratio saw the same moment of a noisy machine (as many as the shorter side has).
std::vector<double> paired_ratios(const std::vector<double>& numerator, const std::vector<double>& denominator);

// Writes DIR/<name>.tsv (when --data was given): one line per configuration,
// the median, min and max of every figure; NaN where there is none.
void write_data(const ScenarioContext& context, const std::string& name, const std::vector<Config>& configs,
                const std::map<std::string, Series>& series, const std::map<std::string, double>& x_values = {});

}  // namespace ferry::bench
