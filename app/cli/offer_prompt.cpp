// SPDX-License-Identifier: Apache-2.0
#include "offer_prompt.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include <fmt/core.h>

#include "console_output.hpp"
#include "ferry/core/offer_space.hpp"
#include "offer_choice.hpp"
#include "terminal.hpp"

namespace ferry::cli {
namespace {

constexpr std::size_t kPathsShown = 10;
constexpr std::size_t kTextLinesShown = 20;  // all of it once accepted

std::string format_entry(const OfferEntry& entry) {
  if (entry.kind == EntryKind::Folder) return fmt::format("  {}/", printable(entry.path));
  return fmt::format("  {}  ({})", printable(entry.path), format_bytes(entry.size));
}

}  // namespace

std::string describe_offer(const OfferReceived& offer) {
  const auto folders = std::count_if(offer.entries->begin(), offer.entries->end(),
                                     [](const auto& entry) { return entry.kind == EntryKind::Folder; });
  const auto files = static_cast<std::ptrdiff_t>(offer.entries->size()) - folders;
  std::string text = fmt::format("Offer from \"{}\" ({}, code {}, {}): {}, {}, {}", printable(offer.device_name),
                                 printable(format_endpoint(offer.peer)), offer.identity.verification_code,
                                 to_string(offer.identity.trust), count_of(files, "file"), count_of(folders, "folder"),
                                 format_bytes(offer.total_bytes));
  if (!offer.text.empty()) {
    text += fmt::format("\nwith a text of {}:\n{}", count_of(offer.text.size(), "byte"),
                        text_block(offer.text, kTextLinesShown));
  }
  const std::size_t shown = std::min(offer.entries->size(), kPathsShown);
  for (std::size_t i = 0; i < shown; ++i) text += "\n" + format_entry((*offer.entries)[i]);
  if (offer.entries->size() > shown) text += fmt::format("\n  ... and {} more", offer.entries->size() - shown);
  if (offer.renamed.empty()) return text;
  text += fmt::format("\n{} this system cannot store: saved under other names", count_of(offer.renamed.size(), "name"));
  for (std::size_t i = 0; i < std::min(offer.renamed.size(), kPathsShown); ++i) {
    const auto& renamed = offer.renamed[i];
    text += fmt::format("\n  {} -> {}", printable((*offer.entries)[renamed.index].path), printable(renamed.local_path));
  }
  if (offer.renamed.size() > kPathsShown)
    text += fmt::format("\n  ... and {} more", offer.renamed.size() - kPathsShown);
  return text;
}

std::string describe_space(const OfferReceived& offer, const std::vector<bool>& take) {
  if (offer.entries->empty()) return {};
  const std::uint64_t needed = bytes_needed(*offer.entries, offer.held, take);
  const std::string part = take.empty() ? "" : " (the part --only takes)";
  if (!offer.free_bytes) return fmt::format("Needs {}{}, free space unknown", format_bytes(needed), part);
  const std::string text =
      fmt::format("Needs {}{}, {} free", format_bytes(needed), part, format_bytes(*offer.free_bytes));
  if (needed <= *offer.free_bytes) return text;
  if (!take.empty()) return text + ": it does not fit, accepting it is declined for lack of space";
  return text + ": the whole offer does not fit; receive --only PATH takes a part of it";
}

std::string identity_warning(const OfferReceived& offer) {
  return fmt::format(
      "WARNING: \"{}\" ({}) is not the device pinned under that name: its code is {}. "
      "It may be an impostor; it is never accepted without asking.",
      printable(offer.device_name), printable(format_endpoint(offer.peer)), offer.identity.verification_code);
}

bool ask_to_accept() {
  // Discarded before the question shows, so an answer typed the moment it
  // appears is never thrown away with what came before.
  discard_pending_input();
  fmt::print(stdout, "Accept? [y/N] ");
  std::fflush(stdout);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES" || answer == "Yes";
}

}  // namespace ferry::cli
