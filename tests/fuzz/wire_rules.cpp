// SPDX-License-Identifier: Apache-2.0
#include "wire_rules.hpp"

#include <cstdio>
#include <cstdlib>

namespace ferry::fuzz {
namespace {

using protocol::DecodeError;
using Error = std::optional<DecodeError>;

// A string field: its length limit is checked before its bytes.
Error text_error(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) return DecodeError::TextTooLong;
  if (!is_well_formed_utf8(text)) return DecodeError::InvalidUtf8;
  return {};
}

template <typename Enum>
Error enum_error(Enum value, Enum first, Enum last) {
  const auto raw = static_cast<std::uint8_t>(value);
  if (raw < static_cast<std::uint8_t>(first) || raw > static_cast<std::uint8_t>(last)) {
    return DecodeError::InvalidEnum;
  }
  return {};
}

// The first error of several fields, in wire order.
template <typename... Errors>
Error first_of(Errors... errors) {
  Error found;
  ((found = found ? found : errors), ...);
  return found;
}

Error field_error(const protocol::Hello& m) { return text_error(m.device_name, protocol::kMaxNameBytes); }

Error field_error(const protocol::Offer& m) {
  if (m.entries.size() > protocol::kMaxOfferEntries) return DecodeError::TooManyEntries;
  for (const protocol::OfferEntry& entry : m.entries) {
    const Error error = first_of(enum_error(entry.kind, protocol::EntryKind::File, protocol::EntryKind::Folder),
                                 text_error(entry.path, protocol::kMaxPathBytes));
    if (error) return error;
  }
  return text_error(m.text, protocol::kMaxOfferTextBytes);
}

Error field_error(const protocol::Decline& m) {
  return first_of(enum_error(m.reason, protocol::DeclineReason::Declined, protocol::DeclineReason::Busy),
                  text_error(m.message, protocol::kMaxTextBytes));
}

Error field_error(const protocol::DataHeader& m) {
  if (m.length == 0) return DecodeError::EmptyData;
  if (m.length > protocol::kMaxDataPayload) return DecodeError::PayloadTooLarge;
  return {};
}

Error field_error(const protocol::FileAbort& m) { return text_error(m.reason, protocol::kMaxTextBytes); }

Error field_error(const protocol::FileResult& m) {
  return first_of(enum_error(m.status, protocol::FileStatus::Ok, protocol::FileStatus::SizeMismatch),
                  text_error(m.message, protocol::kMaxTextBytes));
}

Error field_error(const protocol::Cancel& m) { return text_error(m.reason, protocol::kMaxTextBytes); }

// Section 3: the block count follows from `length`; the digests sent decide
// whether the payload ends early or runs on.
Error field_error(const protocol::Have& m) {
  if (const Error error = enum_error(m.kind, protocol::HaveKind::Partial, protocol::HaveKind::Complete)) {
    return error;
  }
  const std::uint64_t blocks =
      m.length / protocol::kResumeBlockBytes + (m.length % protocol::kResumeBlockBytes == 0 ? 0 : 1);
  if (m.blocks.size() < blocks) return DecodeError::Truncated;
  if (m.blocks.size() > blocks) return DecodeError::TrailingBytes;
  return {};
}

Error field_error(const protocol::Accept& m) {
  return enum_error(m.mode, protocol::TransferMode::Encrypted, protocol::TransferMode::Fast);
}

// FileBegin, FileEnd, Summary: fixed-size fields that take any value.
template <typename T>
Error field_error(const T&) {
  return {};
}

std::uint8_t type_of(const protocol::Hello&) { return 0x01; }
std::uint8_t type_of(const protocol::Offer&) { return 0x02; }
std::uint8_t type_of(const protocol::Accept&) { return 0x03; }
std::uint8_t type_of(const protocol::Decline&) { return 0x04; }
std::uint8_t type_of(const protocol::FileBegin&) { return 0x05; }
std::uint8_t type_of(const protocol::DataHeader&) { return 0x06; }
std::uint8_t type_of(const protocol::FileEnd&) { return 0x07; }
std::uint8_t type_of(const protocol::FileAbort&) { return 0x08; }
std::uint8_t type_of(const protocol::FileResult&) { return 0x09; }
std::uint8_t type_of(const protocol::Summary&) { return 0x0A; }
std::uint8_t type_of(const protocol::Cancel&) { return 0x0B; }
std::uint8_t type_of(const protocol::Have&) { return 0x0C; }

}  // namespace

void fail(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, condition);
  std::abort();
}

std::optional<std::uint32_t> payload_limit(std::uint8_t type) {
  switch (type) {
    case 0x02:
      return 64u * 1024 * 1024;  // OFFER
    case 0x06:
      return 16u * 1024 * 1024;  // DATA
    case 0x0C:
      return 16u * 1024 * 1024;  // HAVE
    case 0x03:
      return 1'000'000u / 8 + 16;  // ACCEPT: a bitmap of up to a million entries
    default:
      break;
  }
  if (type >= 0x01 && type <= 0x0C) return 64u * 1024;
  return {};
}

bool is_well_formed_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    if (length == 0 || text.size() - i < length) return false;
    std::uint32_t code_point = length == 1 ? lead : lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    // The smallest code point that needs `length` bytes: anything less is overlong.
    constexpr std::uint32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kShortest[length] || code_point > 0x10FFFF) return false;
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;  // surrogates
    i += length;
  }
  return true;
}

std::optional<protocol::DecodeError> first_field_error(const protocol::Message& message) {
  return std::visit([](const auto& m) { return field_error(m); }, message);
}

std::uint8_t type_byte(const protocol::Message& message) {
  return std::visit([](const auto& m) { return type_of(m); }, message);
}

}  // namespace ferry::fuzz
