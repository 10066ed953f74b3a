// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a choice of an offer's entries needs of the receiving disk: the sizes
// of the files taken, less what the receiver already holds of them (earlier
// copies, parts of an earlier session). The engine checks an answer with it,
// and the app and ferry-cli show it to the user before they answer.
#include <cstdint>
#include <map>
#include <vector>

#include "ferry/core/offer_entry.hpp"

namespace ferry {

// By offer index, the bytes the receiver holds of a file entry; absent: none.
using HeldBytes = std::map<std::uint32_t, std::uint64_t>;

// `take` by offer index, as OfferAnswer::take; empty: all of the offer.
std::uint64_t bytes_needed(const std::vector<OfferEntry>& entries, const HeldBytes& held,
                           const std::vector<bool>& take = {});

}  // namespace ferry
