// SPDX-License-Identifier: Apache-2.0
#include "offer_choice.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "console_output.hpp"

namespace ferry::cli {
namespace {

// `path` is `chosen` or lies beneath it.
bool within(std::string_view path, std::string_view chosen) {
  if (!path.starts_with(chosen)) return false;
  return path.size() == chosen.size() || path[chosen.size()] == '/';
}

std::string_view without_trailing_slashes(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

bool is_taken(const OfferEntry& entry, const std::vector<std::string>& only) {
  return std::ranges::any_of(
      only, [&](const std::string& chosen) { return within(entry.path, without_trailing_slashes(chosen)); });
}

}  // namespace

std::vector<bool> entries_taken(const std::vector<OfferEntry>& entries, const std::vector<std::string>& only) {
  if (only.empty()) return {};
  std::vector<bool> take(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) take[i] = is_taken(entries[i], only);
  return take;
}

std::vector<std::string> unmatched(const std::vector<OfferEntry>& entries, const std::vector<std::string>& only) {
  std::vector<std::string> missing;
  for (const std::string& chosen : only) {
    const auto path = without_trailing_slashes(chosen);
    if (std::ranges::none_of(entries, [&](const OfferEntry& entry) { return within(entry.path, path); }))
      missing.push_back(chosen);
  }
  return missing;
}

std::string text_block(std::string_view text, std::optional<std::size_t> max_lines) {
  if (text.ends_with('\n')) text.remove_suffix(1);  // the last line's end starts no line
  std::string block;
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (max_lines && lines == *max_lines) {
      const auto rest = std::count(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(), '\n') + 1;
      block += fmt::format("\n  | ... and {} more line{}", rest, rest == 1 ? "" : "s");
      break;
    }
    if (lines > 0) block += '\n';
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);  // sent from Windows
    block += "  | " + printable(line);
    ++lines;
    if (end == text.size()) break;
    start = end + 1;
  }
  return block;
}

}  // namespace ferry::cli
