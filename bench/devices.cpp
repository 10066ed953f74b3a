// SPDX-License-Identifier: Apache-2.0
#include "devices.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "child_output.hpp"
#include "process.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

// Runs `ferry-cli COMMAND ARGUMENTS... --config-dir CONFIG` to its end; its stdout.
std::string run_cli(const fs::path& cli, const std::string& command, std::vector<std::string> arguments,
                    const fs::path& config, const fs::path& log_dir, std::chrono::seconds time_limit) {
  arguments.insert(arguments.begin(), {cli.string(), command});
  arguments.insert(arguments.end(), {"--config-dir", config.string()});
  const Redirects output{log_dir / "setup.out", log_dir / "setup.err"};
  Child child("ferry-cli " + command, arguments, output, time_limit);
  Child* children[] = {&child};
  wait_all(children);
  if (!child.exit_info().succeeded()) throw_child_failure("setting up the devices failed", child, output.stderr_file);
  return read_text(output.stdout_file);
}

// The fingerprint from `ferry-cli identity`'s "NAME  CODE  FINGERPRINT".
std::string fingerprint_of(const std::string& identity_line) {
  std::istringstream words(identity_line);
  std::string word, last;
  while (words >> word) last = word;
  const bool is_hex =
      std::all_of(last.begin(), last.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (last.size() != 64 || !is_hex) {
    throw std::runtime_error(fmt::format("ferry-cli identity printed no fingerprint: '{}'", identity_line));
  }
  return last;
}

}  // namespace

Devices set_up_devices(const fs::path& cli, const fs::path& dir, const fs::path& log_dir,
                       std::chrono::seconds time_limit) {
  const Devices devices{dir / "receiver", dir / "sender"};
  const std::string sender = fingerprint_of(run_cli(cli, "identity", {}, devices.sender_config, log_dir, time_limit));
  run_cli(cli, "trust", {sender, "--fast"}, devices.receiver_config, log_dir, time_limit);
  return devices;
}

}  // namespace ferry::bench
