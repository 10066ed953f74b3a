// SPDX-License-Identifier: Apache-2.0
#pragma once
// "Did you mean …?" for a mistyped command or option.
#include <optional>
#include <span>
#include <string_view>

namespace ferry::cli {

// The candidate closest to `typed` by edit distance, when close enough to be
// a typo of it (at most a third of its letters wrong, at least one allowed),
// else the one candidate it is the start of.
std::optional<std::string_view> nearest_word(std::string_view typed, std::span<const std::string_view> candidates);

}  // namespace ferry::cli
