// SPDX-License-Identifier: Apache-2.0
#pragma once
// What an offer lists: the engine's type, which the wire's OFFER reuses
// (protocol::OfferEntry), so a decoded offer is handed on without a copy.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ferry/base/file_attributes.hpp"

namespace ferry {

// The numbers are the wire's (docs/protocol.md).
enum class EntryKind : std::uint8_t { File = 0, Folder = 1 };

struct OfferEntry {
  EntryKind kind = EntryKind::File;
  std::string path;           // relative, '/'-separated, UTF-8, at most protocol::kMaxPathBytes
  std::uint64_t size = 0;     // 0 for folders
  std::int64_t mtime_ns = 0;  // nanoseconds since the Unix epoch
  FileAttributes attributes;
  bool operator==(const OfferEntry&) const = default;
};

// An offer's entries, shared by the session and every event that carries
// them: a million-entry offer is held once, however many look at it. Never null.
using OfferEntries = std::shared_ptr<const std::vector<OfferEntry>>;

}  // namespace ferry
