// SPDX-License-Identifier: Apache-2.0
#pragma once
// `receive --only`: which offered entries a receiver takes, and the text an
// offer carried, shown to whoever reads the output.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/core/offer_entry.hpp"

namespace ferry::cli {

// By offer index: an entry is taken when its path is one of `only` or lies
// in a folder that is. Empty `only`: every entry (an empty vector).
std::vector<bool> entries_taken(const std::vector<OfferEntry>& entries, const std::vector<std::string>& only);

// The `only` paths that name nothing offered, for a notice.
std::vector<std::string> unmatched(const std::vector<OfferEntry>& entries, const std::vector<std::string>& only);

// The text for a terminal: each line indented and made printable (no control
// character of the peer's reaches the terminal); `max_lines` and a note of
// how many more, when set.
std::string text_block(std::string_view text, std::optional<std::size_t> max_lines = std::nullopt);

}  // namespace ferry::cli
