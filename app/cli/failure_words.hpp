// SPDX-License-Identifier: Apache-2.0
#pragma once
// A failure in a ferry-cli user's words: what happened and what to check,
// from the engine's FailureCause (the engine's detail, its ErrorDetail, is
// printed after it). Empty for causes without words of their own.
#include <filesystem>
#include <string>

#include "ferry/core/events.hpp"

namespace ferry::cli {

// `receive_dir`: this side's receive folder, named when it is the problem.
std::string failure_words(FailureCause cause, Direction direction, const std::filesystem::path& receive_dir = {});

}  // namespace ferry::cli
