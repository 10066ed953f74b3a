// SPDX-License-Identifier: Apache-2.0
#include "resume.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <xxhash.h>

#include <algorithm>
#include <functional>

namespace ferry {
namespace {

constexpr std::size_t kReadBytes = 1024 * 1024;

// A block of a part file whose last kUnwrittenTail bytes are all zero may
// end in space reserved but never written (parts are preallocated, and a
// crash leaves no other trace of how far writing got): it does not count as
// arrived.
constexpr std::uint64_t kUnwrittenTail = 4096;

std::size_t trailing_zero_bytes(std::span<const std::byte> bytes) {
  const auto last = std::find_if(bytes.rbegin(), bytes.rend(), [](std::byte b) { return b != std::byte{0}; });
  return static_cast<std::size_t>(last - bytes.rbegin());
}

// Reads `file` from its start, `length` bytes in kResumeBlockBytes blocks,
// feeding every byte to `whole`; after each block, `on_block(digest,
// ends_unwritten)` says whether to go on. False when the file could not be
// read that far.
bool digest_blocks(platform::ReadOnlyFile& file, std::uint64_t length, StreamDigest& whole,
                   const std::function<bool(const protocol::Digest&, bool)>& on_block) {
  std::vector<std::byte> buffer(kReadBytes);
  for (std::uint64_t block_start = 0; block_start < length;) {
    const std::uint64_t block_end = std::min(length, block_start + protocol::kResumeBlockBytes);
    StreamDigest block;
    std::uint64_t zero_run = 0;  // zero bytes at the end of what was read of this block
    for (std::uint64_t at = block_start; at < block_end;) {
      const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(block_end - at, buffer.size()));
      auto got = file.read_at(at, {buffer.data(), want});
      if (!got) {
        spdlog::debug("resume: {}", got.error().describe());
        return false;
      }
      if (got.value() == 0) return false;
      const std::span<const std::byte> bytes(buffer.data(), got.value());
      block.update(bytes);
      whole.update(bytes);
      const std::size_t zeros = trailing_zero_bytes(bytes);
      zero_run = zeros == bytes.size() ? zero_run + zeros : zeros;
      at += got.value();
    }
    const bool ends_unwritten = zero_run >= std::min(kUnwrittenTail, block_end - block_start);
    if (!on_block(block.finish(), ends_unwritten)) return true;
    block_start = block_end;
  }
  return true;
}

// How much of the receiver's copy a HAVE may cover: whole blocks, or the
// whole file when the copy is complete.
std::uint64_t covered_length(std::uint64_t copy_bytes, std::uint64_t entry_size) {
  if (copy_bytes >= entry_size) return entry_size;
  return copy_bytes / protocol::kResumeBlockBytes * protocol::kResumeBlockBytes;
}

// A complete copy counts only when this very sender delivered it and it has
// not changed since (issue 19, defect 6): its HAVE tells the sender the
// digest of the receiver's file.
std::optional<ReceiverCopy> locate_copy(const platform::ReceiveFolder& folder, const Deliveries& delivered,
                                        std::string_view sender_fingerprint, std::uint32_t index,
                                        const protocol::OfferEntry& entry, NameRules rules) {
  ReceiverCopy copy;
  std::string stored_path = local_path(entry.path, rules);
  auto stored = folder.open_existing(stored_path);
  if (stored && stored.value() && stored.value()->size() == entry.size &&
      delivered.contains({stored_path, entry.size, stored.value()->mtime_ns()})) {
    copy.have = {index, protocol::HaveKind::Complete, entry.size, {}};
    copy.stored_path = std::move(stored_path);
    return copy;
  }
  copy.part_name = resume_part_name(sender_fingerprint, entry);
  auto part = folder.open_existing(copy.part_name);
  if (!part || !part.value()) return std::nullopt;
  const std::uint64_t length = covered_length(part.value()->size(), entry.size);
  if (length == 0) return std::nullopt;
  copy.have = {index, protocol::HaveKind::Partial, length, {}};
  return copy;
}

// Fills in the copy's digests; false when it cannot be read at all.
bool digest_copy(const platform::ReceiveFolder& folder, ReceiverCopy& copy, const DigestRecipe& recipe) {
  const bool complete = copy.have.kind == protocol::HaveKind::Complete;
  auto file = folder.open_existing(complete ? copy.stored_path : copy.part_name);
  if (!file || !file.value()) return false;
  if (complete && file.value()->size() != copy.have.length) return false;
  StreamDigest whole = recipe.start(copy.have.index);
  const bool read =
      digest_blocks(*file.value(), copy.have.length, whole, [&](const protocol::Digest& digest, bool ends_unwritten) {
        if (!complete && ends_unwritten) return false;
        copy.have.blocks.push_back(digest);
        if (!complete) copy.prefix_digests.push_back(whole.snapshot());
        return true;
      });
  if (complete) {
    copy.whole = whole.finish();
    return read;
  }
  // A part file is announced as far as it verifiably arrived: up to its
  // first block that may end unwritten, or that could not be read.
  copy.have.length = std::min<std::uint64_t>(copy.have.length, copy.have.blocks.size() * protocol::kResumeBlockBytes);
  return !copy.have.blocks.empty();
}

}  // namespace

// Not keyed by mtime: a file edited since keeps its part, and the block
// digests find where the edit starts.
std::string resume_part_name(std::string_view sender_fingerprint, const protocol::OfferEntry& entry) {
  const std::string key = fmt::format("{}\n{}\n{}", sender_fingerprint, entry.path, entry.size);
  return fmt::format(".ferry-{:016x}.part", XXH3_64bits(key.data(), key.size()));
}

std::map<std::uint32_t, ReceiverCopy> locate_receiver_copies(const platform::ReceiveFolder& folder,
                                                             const Deliveries& delivered,
                                                             std::string_view sender_fingerprint,
                                                             const std::vector<protocol::OfferEntry>& entries,
                                                             NameRules rules) {
  std::map<std::uint32_t, ReceiverCopy> copies;
  for (std::uint32_t index = 0; index < entries.size(); ++index) {
    const auto& entry = entries[index];
    if (entry.kind != protocol::EntryKind::File) continue;
    if (auto copy = locate_copy(folder, delivered, sender_fingerprint, index, entry, rules))
      copies.emplace(index, std::move(*copy));
  }
  return copies;
}

void digest_receiver_copies(const platform::ReceiveFolder& folder, std::map<std::uint32_t, ReceiverCopy>& copies,
                            const DigestRecipe& recipe) {
  for (auto it = copies.begin(); it != copies.end();)
    it = digest_copy(folder, it->second, recipe) ? std::next(it) : copies.erase(it);
}

std::uint64_t held_bytes(const std::map<std::uint32_t, ReceiverCopy>& copies) {
  std::uint64_t held = 0;
  for (const auto& [index, copy] : copies) held += copy.have.length;
  return held;
}

ResumePoint find_resume_point(const std::filesystem::path& source, const protocol::Have& have, StreamDigest whole) {
  auto file = platform::open_read_only(source);
  if (!file) return {};
  ResumePoint point;  // the digest's state after the last matching block
  std::size_t matched = 0;
  const bool read = digest_blocks(*file.value(), have.length, whole, [&](const protocol::Digest& d, bool) {
    if (d != have.blocks[matched]) return false;
    ++matched;
    point.digest = whole.snapshot();
    return true;
  });
  if (!read) return {};
  point.offset = std::min(have.length, matched * protocol::kResumeBlockBytes);
  // A complete copy is all or nothing: it is never rewritten in place.
  if (have.kind == protocol::HaveKind::Complete && matched != have.blocks.size()) return {};
  return point;
}

}  // namespace ferry
