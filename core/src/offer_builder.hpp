// SPDX-License-Identifier: Apache-2.0
#pragma once
// Turns the paths a user picked into an offer: files and folders (recursively,
// empty ones included) with paths relative to each picked item's parent.
#include <filesystem>
#include <string>
#include <vector>

#include "ferry/base/io_result.hpp"
#include "ferry/core/protocol/messages.hpp"

namespace ferry {

struct PlannedOffer {
  protocol::Offer offer;
  std::vector<std::filesystem::path> sources;  // per entry; the local path
  std::uint64_t total_bytes = 0;
};

// Fails when a picked path does not exist or a folder cannot be read. Entries
// that are neither regular files nor folders (sockets, devices, dangling
// links) are skipped with a warning.
Result<PlannedOffer> build_offer(const std::vector<std::filesystem::path>& picked);

}  // namespace ferry
