// SPDX-License-Identifier: Apache-2.0
#pragma once
// The name an offered path is stored under here. An offer may name files
// this system cannot store (a colon or "CON" on Windows, a tab anywhere, a
// name above 255 bytes); rather than refusing the whole offer, the receiver
// maps each such name to one it can store (docs/protocol.md, section 6.1).
#include <string>
#include <string_view>
#include <vector>

#include "ferry/base/operating_system.hpp"
#include "ferry/core/events.hpp"
#include "ferry/core/offer_entry.hpp"

namespace ferry {

// Which characters and names a receiving system can store.
enum class NameRules {
  Linux,    // any byte but '/' and NUL; at most 255 bytes a name
  Windows,  // also no <>:"\|?*, no reserved device name, no trailing space or dot
};

// Linux's rules for Linux, Windows's (the strictest) for any other system.
NameRules name_rules_for(OperatingSystem system);

// `offered_path` (already accepted by offer_rejection) with every component
// that `rules` cannot store replaced by a storable one; the same text when
// nothing needs mapping. Ferry also maps control characters where a system
// could store them: a newline or an escape sequence in a name breaks the
// scripts and terminals that list the folder. Deterministic, so the same
// offer always lands under the same names.
std::string local_path(std::string_view offered_path, NameRules rules);

// The entries whose local path differs from the offered one, in index order.
std::vector<RenamedEntry> renamed_entries(const std::vector<OfferEntry>& entries, NameRules rules);

}  // namespace ferry
