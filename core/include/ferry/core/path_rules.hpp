// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a peer may ask us to write: relative paths inside the receive folder only.
#include <optional>
#include <string>
#include <string_view>

#include "ferry/core/protocol/messages.hpp"

namespace ferry {

// nullopt when `relative_path` is acceptable as an offer entry path, else why not
// (e.g. "absolute path", "'..' component", "reserved Windows name 'CON'").
std::optional<std::string> path_rejection(std::string_view relative_path);

// nullopt when every entry of the offer is acceptable and the offer is coherent
// (no duplicate paths, also case-insensitively; no file that is also a parent of
// another entry; total size does not overflow); else why not, naming the path.
std::optional<std::string> offer_rejection(const protocol::Offer& offer);

}  // namespace ferry
