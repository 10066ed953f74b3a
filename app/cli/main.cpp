// SPDX-License-Identifier: Apache-2.0
// ferry-cli: send and receive files with the Ferry engine, without a GUI.
#include <exception>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include <fmt/core.h>

#include "arguments.hpp"
#include "command_line.hpp"
#include "console_output.hpp"
#include "exit_status.hpp"
#include "help_text.hpp"
#include "identity_commands.hpp"
#include "overloaded.hpp"
#include "peers_command.hpp"
#include "receive_command.hpp"
#include "send_command.hpp"
#include "usage_error.hpp"

namespace {

int run(const ferry::cli::Command& command) {
  using namespace ferry::cli;
  return std::visit(Overloaded{
                        [](const ShowHelp& help) {
                          fmt::print("{}", help.command.empty() ? overview_help() : *command_help(help.command));
                          return 0;
                        },
                        [](const ShowVersion&) {
                          fmt::print("ferry-cli {}\n", FERRY_VERSION);
                          return 0;
                        },
                        [](const ReceiveOptions& options) { return run_receive(options); },
                        [](const SendOptions& options) { return run_send(options); },
                        [](const IdentityOptions& options) { return run_identity(options); },
                        [](const TrustOptions& options) { return run_trust(options); },
                        [](const PeersOptions& options) { return run_peers(options); },
                    },
                    command);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> utf8 = ferry::cli::utf8_arguments(argc, argv);
    const std::vector<std::string_view> arguments(utf8.begin(), utf8.end());
    return run(ferry::cli::parse_command_line(arguments));
  } catch (const ferry::cli::UsageError& error) {
    ferry::cli::print_error(error.what());
    if (error.command().empty())
      fmt::print(stderr, "Try 'ferry-cli --help'.\n");
    else
      fmt::print(stderr, "Try 'ferry-cli help {}'.\n", error.command());
    return ferry::cli::kExitUsage;
  } catch (const std::exception& error) {
    ferry::cli::print_error(error.what());
    return ferry::cli::kExitFailed;
  }
}
