// SPDX-License-Identifier: Apache-2.0
#pragma once
// Ferry wire protocol, version 6: the messages. docs/protocol.md is the
// normative description; this header mirrors it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "ferry/base/operating_system.hpp"
#include "ferry/core/offer_entry.hpp"
#include "ferry/core/offer_text.hpp"
#include "ferry/core/transfer_mode.hpp"

namespace ferry::protocol {

inline constexpr std::uint16_t kVersion = 6;

// Limits checked before anything is allocated.
inline constexpr std::size_t kFrameHeaderSize = 5;              // u8 type + u32 length
inline constexpr std::uint32_t kMaxControlPayload = 64 * 1024;  // all frames but OFFER and DATA
inline constexpr std::uint32_t kMaxOfferPayload = 64 * 1024 * 1024;
inline constexpr std::uint32_t kMaxDataPayload = 16 * 1024 * 1024;
inline constexpr std::uint32_t kMaxOfferEntries = 1'000'000;
inline constexpr std::size_t kMaxPathBytes = 4096;
inline constexpr std::size_t kMaxNameBytes = 255;
inline constexpr std::size_t kMaxTextBytes = 1024;
using ferry::kMaxOfferTextBytes;  // the message an OFFER may carry
// ACCEPT's bitmap of taken entries: one bit per entry, and the fixed fields.
inline constexpr std::uint32_t kMaxAcceptPayload = kMaxOfferEntries / 8 + 16;
inline constexpr std::uint32_t kMaxHavePayload = 16 * 1024 * 1024;
// HAVE digests one block of this many bytes each; resumed files restart at a
// multiple of it, which keeps resumed direct writes aligned.
inline constexpr std::uint64_t kResumeBlockBytes = 4 * 1024 * 1024;

enum class FrameType : std::uint8_t {
  Hello = 0x01,
  Offer = 0x02,
  Accept = 0x03,
  Decline = 0x04,
  FileBegin = 0x05,
  Data = 0x06,
  FileEnd = 0x07,
  FileAbort = 0x08,
  FileResult = 0x09,
  Summary = 0x0A,
  Cancel = 0x0B,
  Have = 0x0C,
};

// XXH3-128 of the file's bytes, canonical (big-endian high64 then low64).
using Digest = std::array<std::uint8_t, 16>;

struct Hello {
  std::uint16_t version = kVersion;
  std::string device_name;                      // UTF-8, at most kMaxNameBytes
  bool wants_fast_mode = false;                 // sender: asks to send file bytes outside TLS
  OperatingSystem os = OperatingSystem::Other;  // the peer's, shown to the other user
  bool operator==(const Hello&) const = default;
};

// The engine's own types, so what the codec decodes is what events carry.
using ferry::EntryKind;
using ferry::OfferEntry;

struct Offer {
  std::vector<OfferEntry> entries;  // at most kMaxOfferEntries
  std::string text;                 // a message to the receiving user, at most kMaxOfferTextBytes; may be empty
  bool operator==(const Offer&) const = default;
};

using ferry::TransferMode;  // the engine's own type (transfer_mode.hpp)

// Which entries the receiver takes: every one, or those whose bit is set
// (bit i % 8 of byte i / 8 for entry i; the bitmap is exactly as long as the
// offer needs, and the bits past its last entry are 0).
struct Accept {
  TransferMode mode = TransferMode::Encrypted;
  bool takes_all = true;
  std::vector<std::uint8_t> taken;  // when !takes_all
  bool operator==(const Accept&) const = default;
};

// The bitmap an ACCEPT carries for `take` (by offer index).
std::vector<std::uint8_t> taken_bitmap(const std::vector<bool>& take);
// Whether an ACCEPT's bitmap fits an offer of `entry_count` entries.
bool taken_bitmap_fits(const std::vector<std::uint8_t>& taken, std::size_t entry_count);
// Whether the ACCEPT takes entry `index` (its bitmap fits the offer).
bool takes(const Accept& accept, std::uint32_t index);

enum class DeclineReason : std::uint8_t { Declined = 1, InvalidOffer = 2, NoSpace = 3, Busy = 4 };

struct Decline {
  DeclineReason reason = DeclineReason::Declined;
  std::string message;  // at most kMaxTextBytes
  bool operator==(const Decline&) const = default;
};

struct FileBegin {
  std::uint32_t index = 0;   // index of a File entry in the offer
  std::uint64_t offset = 0;  // first byte sent: 0, or where the receiver's HAVE lets it resume
  bool operator==(const FileBegin&) const = default;
};

// Only the header of a DATA frame is decoded: its `length` payload bytes are
// the next bytes of the current file and the caller consumes them itself.
struct DataHeader {
  std::uint32_t length = 0;  // 1 .. kMaxDataPayload
  bool operator==(const DataHeader&) const = default;
};

struct FileEnd {
  std::uint32_t index = 0;
  Digest digest{};
  bool operator==(const FileEnd&) const = default;
};

struct FileAbort {
  std::uint32_t index = 0;
  std::string reason;  // at most kMaxTextBytes
  bool operator==(const FileAbort&) const = default;
};

enum class FileStatus : std::uint8_t {
  Ok = 0,
  DigestMismatch = 1,
  WriteFailed = 2,
  SourceFailed = 3,
  SizeMismatch = 4,
};

struct FileResult {
  std::uint32_t index = 0;
  FileStatus status = FileStatus::Ok;
  std::string message;  // at most kMaxTextBytes
  bool operator==(const FileResult&) const = default;
};

struct Summary {
  std::uint32_t files_ok = 0;
  std::uint32_t files_failed = 0;
  std::uint64_t bytes_received = 0;
  bool operator==(const Summary&) const = default;
};

struct Cancel {
  std::string reason;  // at most kMaxTextBytes
  bool operator==(const Cancel&) const = default;
};

// What the receiver already holds of a file, so the sender can resume it.
enum class HaveKind : std::uint8_t {
  Partial = 0,   // a part file left by an earlier session: resume from any matching block
  Complete = 1,  // a complete file under the final name: skip it only if every block matches
};

struct Have {
  std::uint32_t index = 0;
  HaveKind kind = HaveKind::Partial;
  std::uint64_t length = 0;    // bytes of the receiver's copy the digests cover
  std::vector<Digest> blocks;  // XXH3-128 of each kResumeBlockBytes block (the last may be short)
  bool operator==(const Have&) const = default;
};

// Blocks a HAVE of `length` bytes carries.
constexpr std::uint64_t have_block_count(std::uint64_t length) {
  return length / kResumeBlockBytes + (length % kResumeBlockBytes != 0);
}

using Message = std::variant<Hello, Offer, Accept, Decline, FileBegin, DataHeader, FileEnd, FileAbort, FileResult,
                             Summary, Cancel, Have>;

}  // namespace ferry::protocol
