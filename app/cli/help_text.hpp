// SPDX-License-Identifier: Apache-2.0
#pragma once
// What `ferry-cli --help`, `ferry-cli help COMMAND` and `COMMAND --help` print.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ferry::cli {

// The commands, as typed.
std::span<const std::string_view> command_names();

// Every command in one line each, how to get more, and the exit statuses.
std::string overview_help();

// One command's usage and options; nullopt for an unknown command.
std::optional<std::string> command_help(std::string_view command);

}  // namespace ferry::cli
