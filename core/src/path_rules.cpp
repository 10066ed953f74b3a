// SPDX-License-Identifier: Apache-2.0
// Which peer-offered paths may be written inside the receive folder: nothing
// that could leave it, alias another name there or on a case-insensitive file
// system, or is not UTF-8. What this system cannot store (a device name or a
// drive on Windows, a control character) is mapped by local_name.hpp.
#include "ferry/core/path_rules.hpp"

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "text/ascii_case.hpp"

namespace ferry {
namespace {

using protocol::EntryKind;
using protocol::OfferEntry;

// Longest piece of a path quoted in a message.
constexpr std::size_t kShownBytes = 80;

// Length of the valid UTF-8 sequence starting at text[at]; 0 when it is
// invalid (stray continuation, truncated, overlong, surrogate, > U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;  // range allowed for the second byte
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() - at < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

std::optional<std::size_t> invalid_utf8_offset(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::nullopt;
}

bool is_control(unsigned char byte) { return byte < 0x20 || byte == 0x7F; }

std::string hex_escape(unsigned char byte) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  return {'\\', 'x', kDigits[byte >> 4], kDigits[byte & 0xF]};
}

// `text` quoted for a message: control characters and invalid UTF-8 bytes
// escaped as \xNN, long text cut short.
std::string shown(std::string_view text) {
  std::string out = "'";
  std::size_t at = 0;
  while (at < text.size() && at < kShownBytes) {
    const std::size_t length = utf8_sequence_length(text, at);
    const auto lead = static_cast<unsigned char>(text[at]);
    if (length == 0 || is_control(lead)) {
      out += hex_escape(lead);
      ++at;
    } else {
      out += text.substr(at, length);
      at += length;
    }
  }
  if (at < text.size()) out += "...";
  return out + "'";
}

// Only what could leave the folder or make a path ambiguous: a name this
// system cannot store is mapped to one it can (local_name.hpp), not refused.
std::optional<std::string> component_rejection(std::string_view component) {
  if (component.empty()) return "empty component";
  if (component == "." || component == "..") return "'" + std::string(component) + "' component";
  return std::nullopt;
}

// A path with the hash of its case-folded bytes.
struct PathKey {
  std::string_view path;
  std::uint64_t hash = 0;
};

// FNV-1a over case-folded bytes: incremental, so every parent of a path is
// hashed in the same single pass (deep paths stay linear, not quadratic).
constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv_step(std::uint64_t hash, char c) {
  return (hash ^ static_cast<unsigned char>(ascii_lower(c))) * kFnvPrime;
}

PathKey key_of(std::string_view path) {
  std::uint64_t hash = kFnvBasis;
  for (char c : path) hash = fnv_step(hash, c);
  return {path, hash};
}

// The offer's entries in a hash table keyed by path. Paths compare with ASCII
// case folding only: that catches the clashes case-insensitive file systems
// (NTFS, APFS) make of typical names; a remaining non-ASCII clash ("Ä" vs "ä")
// just gets a numbered name on commit. Open addressing with 8-byte slots:
// at a million entries the time goes into cache misses, so the table is small.
class PathTable {
 public:
  explicit PathTable(const std::vector<OfferEntry>& entries)
      : entries_(entries),
        slots_(std::bit_ceil(2 * entries.size() + 2)),
        shift_(64 - std::countr_zero(slots_.size())) {}

  // Adds entry `index` under `key`, or returns the index of the entry whose
  // path is already there.
  std::optional<std::size_t> insert(const PathKey& key, std::size_t index) {
    std::size_t at = start(key);
    for (; slots_[at].entry != 0; at = next(at)) {
      if (holds(slots_[at], key)) return slots_[at].entry - 1;
    }
    slots_[at] = {tag(key), static_cast<std::uint32_t>(index + 1)};
    return std::nullopt;
  }

  // The index of the File entry at `key`, if any. A Folder there is skipped
  // before comparing paths, which keeps chains of nested folders linear.
  std::optional<std::size_t> find_file(const PathKey& key) const {
    for (std::size_t at = start(key); slots_[at].entry != 0; at = next(at)) {
      const Slot& slot = slots_[at];
      if (slot.tag == tag(key) && entries_[slot.entry - 1].kind == EntryKind::File && holds(slot, key)) {
        return slot.entry - 1;
      }
    }
    return std::nullopt;
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;    // low half of the path's hash
    std::uint32_t entry = 0;  // entry index + 1; 0 when the slot is empty
  };

  static std::uint32_t tag(const PathKey& key) { return static_cast<std::uint32_t>(key.hash); }

  // Fibonacci hashing: the slot number comes from all of the hash's bits.
  std::size_t start(const PathKey& key) const { return (key.hash * 0x9E3779B97F4A7C15ull) >> shift_; }

  std::size_t next(std::size_t at) const { return (at + 1) & (slots_.size() - 1); }

  bool holds(const Slot& slot, const PathKey& key) const {
    return slot.tag == tag(key) && equals_ignoring_ascii_case(entries_[slot.entry - 1].path, key.path);
  }

  const std::vector<OfferEntry>& entries_;
  std::vector<Slot> slots_;
  int shift_;
};

// The first parent folder of `path` listed as a File entry, as its index.
std::optional<std::size_t> file_parent(std::string_view path, const PathTable& table) {
  std::uint64_t hash = kFnvBasis;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/') {
      if (auto found = table.find_file(PathKey{path.substr(0, i), hash})) return found;
    }
    hash = fnv_step(hash, path[i]);
  }
  return std::nullopt;
}

std::optional<std::string> entry_rejection(const OfferEntry& entry) {
  if (auto why = path_rejection(entry.path)) return shown(entry.path) + ": " + *why;
  if (entry.kind != EntryKind::File && entry.kind != EntryKind::Folder) {
    return shown(entry.path) + ": unknown entry kind";
  }
  if (entry.kind == EntryKind::Folder && entry.size != 0) {
    return "folder " + shown(entry.path) + " has a non-zero size";
  }
  if (entry.kind == EntryKind::Folder && entry.attributes != FileAttributes{}) {
    return "folder " + shown(entry.path) + " has file attributes";
  }
  return std::nullopt;
}

std::string duplicate_message(std::string_view path, std::string_view earlier) {
  if (path == earlier) return "duplicate path " + shown(path);
  return "duplicate path " + shown(path) + " (same as " + shown(earlier) + " ignoring case)";
}

}  // namespace

std::optional<std::string> path_rejection(std::string_view relative_path) {
  if (relative_path.empty()) return "empty path";
  if (relative_path.size() > protocol::kMaxPathBytes) {
    return "path longer than " + std::to_string(protocol::kMaxPathBytes) + " bytes";
  }
  if (auto offset = invalid_utf8_offset(relative_path)) {
    return "invalid UTF-8 at byte " + std::to_string(*offset);
  }
  if (relative_path.front() == '/') return "absolute path";
  for (std::size_t start = 0; start <= relative_path.size();) {
    std::size_t end = relative_path.find('/', start);
    if (end == std::string_view::npos) end = relative_path.size();
    if (auto why = component_rejection(relative_path.substr(start, end - start))) return why;
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> offer_rejection(const protocol::Offer& offer) {
  const auto& entries = offer.entries;
  if (entries.size() > protocol::kMaxOfferEntries) {
    return "more than " + std::to_string(protocol::kMaxOfferEntries) + " entries";
  }
  PathTable table(entries);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const OfferEntry& entry = entries[i];
    if (auto why = entry_rejection(entry)) return why;
    if (auto earlier = table.insert(key_of(entry.path), i)) {
      return duplicate_message(entry.path, entries[*earlier].path);
    }
    if (entry.kind != EntryKind::File) continue;
    if (entry.size > std::numeric_limits<std::uint64_t>::max() - total) {
      return "total size overflows 64 bits at " + shown(entry.path);
    }
    total += entry.size;
  }
  // A second pass: a file may be listed after the entries inside it.
  for (const OfferEntry& entry : entries) {
    if (auto file = file_parent(entry.path, table)) {
      return shown(entries[*file].path) + " is a file but also the parent of " + shown(entry.path);
    }
  }
  return std::nullopt;
}

}  // namespace ferry
