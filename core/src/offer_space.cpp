// SPDX-License-Identifier: Apache-2.0
#include "ferry/core/offer_space.hpp"

#include <algorithm>

namespace ferry {

std::uint64_t bytes_needed(const std::vector<OfferEntry>& entries, const HeldBytes& held,
                           const std::vector<bool>& take) {
  const auto taken = [&](std::size_t index) { return take.empty() || (index < take.size() && take[index]); };
  std::uint64_t needed = 0;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].kind == EntryKind::File && taken(i)) needed += entries[i].size;
  for (const auto& [index, bytes] : held)
    if (index < entries.size() && taken(index)) needed -= std::min(bytes, entries[index].size);
  return needed;
}

}  // namespace ferry
