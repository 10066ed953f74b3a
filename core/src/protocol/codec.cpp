// SPDX-License-Identifier: Apache-2.0
// Ferry wire protocol v2 codec. docs/protocol.md is the normative description.
#include "ferry/core/protocol/codec.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "protocol/wire_reader.hpp"
#include "protocol/wire_writer.hpp"

namespace ferry::protocol {
namespace {

// ---------------------------------------------------------------------------
// Frame types and limits

// The frame type of a Message alternative. The alternatives are declared in
// FrameType order, starting at 0x01; the static_assert below pins that down.
template <typename T, std::size_t I = 0>
constexpr FrameType frame_type_for() {
  if constexpr (std::is_same_v<std::variant_alternative_t<I, Message>, T>) {
    return static_cast<FrameType>(I + 1);
  } else {
    return frame_type_for<T, I + 1>();
  }
}
static_assert(frame_type_for<Hello>() == FrameType::Hello && frame_type_for<Offer>() == FrameType::Offer &&
              frame_type_for<Accept>() == FrameType::Accept && frame_type_for<Decline>() == FrameType::Decline &&
              frame_type_for<FileBegin>() == FrameType::FileBegin && frame_type_for<DataHeader>() == FrameType::Data &&
              frame_type_for<FileEnd>() == FrameType::FileEnd && frame_type_for<FileAbort>() == FrameType::FileAbort &&
              frame_type_for<FileResult>() == FrameType::FileResult &&
              frame_type_for<Summary>() == FrameType::Summary && frame_type_for<Cancel>() == FrameType::Cancel &&
              frame_type_for<Have>() == FrameType::Have);

bool is_known_frame_type(std::uint8_t value) {
  return value >= static_cast<std::uint8_t>(FrameType::Hello) && value <= static_cast<std::uint8_t>(FrameType::Have);
}

std::uint32_t max_payload(FrameType type) {
  switch (type) {
    case FrameType::Data:
      return kMaxDataPayload;
    case FrameType::Offer:
      return kMaxOfferPayload;
    case FrameType::Have:
      return kMaxHavePayload;
    case FrameType::Accept:
      return kMaxAcceptPayload;
    default:
      return kMaxControlPayload;
  }
}

constexpr std::array<std::byte, 5> kMagic{std::byte{'F'}, std::byte{'E'}, std::byte{'R'}, std::byte{'R'},
                                          std::byte{'Y'}};

// Smallest encoded OfferEntry: kind, empty path, size, mtime, attributes.
constexpr std::size_t kMinOfferEntryBytes = 1 + 2 + 8 + 8 + 1;

// An entry's attribute bits (docs/protocol.md, OFFER).
constexpr std::uint8_t kExecutableBit = 0x01;
constexpr std::uint8_t kReadOnlyBit = 0x02;

std::uint8_t attribute_bits(const FileAttributes& attributes) {
  return static_cast<std::uint8_t>((attributes.executable ? kExecutableBit : 0) |
                                   (attributes.read_only ? kReadOnlyBit : 0));
}

using Writer = WireWriter;
using Reader = WireReader<DecodeError>;

// ---------------------------------------------------------------------------
// Payload writers

void write_payload(Writer& w, const Hello& m) {
  w.raw(kMagic);
  w.u16(m.version);
  w.text(m.device_name);
  w.u8(m.wants_fast_mode ? 1 : 0);
  w.u8(static_cast<std::uint8_t>(m.os));
}

void write_payload(Writer& w, const Offer& m) {
  w.u32(static_cast<std::uint32_t>(m.entries.size()));
  for (const OfferEntry& entry : m.entries) {
    w.u8(static_cast<std::uint8_t>(entry.kind));
    w.text(entry.path);
    w.u64(entry.size);
    w.i64(entry.mtime_ns);
    w.u8(attribute_bits(entry.attributes));
  }
  w.long_text(m.text);
}

void write_payload(Writer& w, const Accept& m) {
  w.u8(static_cast<std::uint8_t>(m.mode));
  w.u8(m.takes_all ? 0 : 1);
  if (m.takes_all) return;
  w.u32(static_cast<std::uint32_t>(m.taken.size()));
  w.raw(std::as_bytes(std::span(m.taken)));
}

void write_payload(Writer& w, const Decline& m) {
  w.u8(static_cast<std::uint8_t>(m.reason));
  w.text(m.message);
}

void write_digest(Writer& w, const Digest& digest) { w.raw(std::as_bytes(std::span(digest))); }

void write_payload(Writer& w, const FileBegin& m) {
  w.u32(m.index);
  w.u64(m.offset);
}

void write_payload(Writer& w, const Have& m) {
  w.u32(m.index);
  w.u8(static_cast<std::uint8_t>(m.kind));
  w.u64(m.length);
  for (const Digest& block : m.blocks) write_digest(w, block);
}

void write_payload(Writer& w, const FileEnd& m) {
  w.u32(m.index);
  write_digest(w, m.digest);
}

void write_payload(Writer& w, const FileAbort& m) {
  w.u32(m.index);
  w.text(m.reason);
}

void write_payload(Writer& w, const FileResult& m) {
  w.u32(m.index);
  w.u8(static_cast<std::uint8_t>(m.status));
  w.text(m.message);
}

void write_payload(Writer& w, const Summary& m) {
  w.u32(m.files_ok);
  w.u32(m.files_failed);
  w.u64(m.bytes_received);
}

void write_payload(Writer& w, const Cancel& m) { w.text(m.reason); }

template <typename T>
void write_frame(Writer& w, const T& m) {
  w.u8(static_cast<std::uint8_t>(frame_type_for<T>()));
  const std::size_t length_at = w.position();
  w.u32(0);
  write_payload(w, m);
  w.patch_u32(length_at, static_cast<std::uint32_t>(w.position() - length_at - 4));
}

// A DATA frame is written header only; the caller sends the payload.
void write_frame(Writer& w, const DataHeader& m) {
  w.u8(static_cast<std::uint8_t>(FrameType::Data));
  w.u32(m.length);
}

// ---------------------------------------------------------------------------
// Payload readers (DATA has no payload reader: its payload is not decoded)

Hello read_hello(Reader& r) {
  Hello m;
  const auto magic = r.raw(kMagic.size());
  if (!r.failed() && !std::ranges::equal(magic, kMagic)) r.fail(DecodeError::BadMagic);
  m.version = r.u16();
  m.device_name = r.text(kMaxNameBytes);
  // A peer of another version may lay out the rest differently: all it
  // takes from us is the version, so the rest is skipped.
  if (m.version != kVersion) {
    r.raw(r.remaining());
    return m;
  }
  m.wants_fast_mode = read_enum(r, false, true);
  m.os = read_enum(r, OperatingSystem::Other, OperatingSystem::Windows);
  return m;
}

OfferEntry read_offer_entry(Reader& r) {
  OfferEntry entry;
  entry.kind = read_enum(r, EntryKind::File, EntryKind::Folder);
  entry.path = r.text(kMaxPathBytes);
  entry.size = r.u64();
  entry.mtime_ns = r.i64();
  const std::uint8_t bits = r.u8();
  if (bits & ~(kExecutableBit | kReadOnlyBit)) r.fail(DecodeError::InvalidEnum);
  entry.attributes = {(bits & kExecutableBit) != 0, (bits & kReadOnlyBit) != 0};
  return entry;
}

Offer read_offer(Reader& r) {
  Offer m;
  const std::uint32_t count = r.u32();
  if (count > kMaxOfferEntries) r.fail(DecodeError::TooManyEntries);
  if (count > r.remaining() / kMinOfferEntryBytes) r.fail(DecodeError::Truncated);
  if (r.failed()) return m;
  m.entries.reserve(count);
  for (std::uint32_t i = 0; i < count && !r.failed(); ++i) m.entries.push_back(read_offer_entry(r));
  m.text = r.long_text(kMaxOfferTextBytes);
  return m;
}

Accept read_accept(Reader& r) {
  Accept m;
  m.mode = read_enum(r, TransferMode::Encrypted, TransferMode::Fast);
  m.takes_all = !read_enum(r, false, true);
  if (m.takes_all || r.failed()) return m;
  const std::uint32_t length = r.u32();
  const auto bytes = r.raw(length);
  m.taken.resize(bytes.size());
  std::ranges::transform(bytes, m.taken.begin(), [](std::byte b) { return std::to_integer<std::uint8_t>(b); });
  return m;
}

Decline read_decline(Reader& r) {
  Decline m;
  m.reason = read_enum(r, DeclineReason::Declined, DeclineReason::Busy);
  m.message = r.text(kMaxTextBytes);
  return m;
}

FileBegin read_file_begin(Reader& r) {
  FileBegin m;
  m.index = r.u32();
  m.offset = r.u64();
  return m;
}

Digest read_digest(Reader& r) { return r.array<std::tuple_size_v<Digest>>(); }

FileEnd read_file_end(Reader& r) {
  FileEnd m;
  m.index = r.u32();
  m.digest = read_digest(r);
  return m;
}

Have read_have(Reader& r) {
  Have m;
  m.index = r.u32();
  m.kind = read_enum(r, HaveKind::Partial, HaveKind::Complete);
  m.length = r.u64();
  // The length fixes the block count: bound it by the payload before reserving.
  const std::uint64_t count = have_block_count(m.length);
  if (count > r.remaining() / sizeof(Digest)) r.fail(DecodeError::Truncated);
  if (r.failed()) return m;
  m.blocks.reserve(static_cast<std::size_t>(count));
  for (std::uint64_t i = 0; i < count; ++i) m.blocks.push_back(read_digest(r));
  return m;
}

FileAbort read_file_abort(Reader& r) {
  FileAbort m;
  m.index = r.u32();
  m.reason = r.text(kMaxTextBytes);
  return m;
}

FileResult read_file_result(Reader& r) {
  FileResult m;
  m.index = r.u32();
  m.status = read_enum(r, FileStatus::Ok, FileStatus::SizeMismatch);
  m.message = r.text(kMaxTextBytes);
  return m;
}

Summary read_summary(Reader& r) {
  Summary m;
  m.files_ok = r.u32();
  m.files_failed = r.u32();
  m.bytes_received = r.u64();
  return m;
}

Cancel read_cancel(Reader& r) { return Cancel{r.text(kMaxTextBytes)}; }

// Parses a complete payload of a non-DATA frame.
Message read_payload(FrameType type, Reader& r) {
  switch (type) {
    case FrameType::Hello:
      return read_hello(r);
    case FrameType::Offer:
      return read_offer(r);
    case FrameType::Accept:
      return read_accept(r);
    case FrameType::Decline:
      return read_decline(r);
    case FrameType::FileBegin:
      return read_file_begin(r);
    case FrameType::Data:
      break;
    case FrameType::FileEnd:
      return read_file_end(r);
    case FrameType::FileAbort:
      return read_file_abort(r);
    case FrameType::FileResult:
      return read_file_result(r);
    case FrameType::Summary:
      return read_summary(r);
    case FrameType::Cancel:
      return read_cancel(r);
    case FrameType::Have:
      return read_have(r);
  }
  return DataHeader{};  // DATA is answered from its header alone, in decode()
}

DecodeResult error_result(DecodeError error) {
  DecodeResult result;
  result.status = DecodeResult::Status::Error;
  result.error = make_error_code(error);
  return result;
}

DecodeResult frame_result(Message message, std::size_t consumed) {
  DecodeResult result;
  result.status = DecodeResult::Status::Frame;
  result.consumed = consumed;
  result.message = std::move(message);
  return result;
}

// ---------------------------------------------------------------------------
// Error category

class DecodeCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "ferry.protocol"; }

  std::string message(int value) const override {
    switch (static_cast<DecodeError>(value)) {
      case DecodeError::UnknownFrameType:
        return "unknown frame type";
      case DecodeError::PayloadTooLarge:
        return "payload length above the limit for its frame type";
      case DecodeError::Truncated:
        return "payload ends before its fields do";
      case DecodeError::TrailingBytes:
        return "payload has bytes after its last field";
      case DecodeError::BadMagic:
        return "HELLO does not start with \"FERRY\"";
      case DecodeError::TextTooLong:
        return "string longer than its limit";
      case DecodeError::TooManyEntries:
        return "offer has more entries than allowed";
      case DecodeError::InvalidEnum:
        return "entry kind or attributes, decline reason, file status or have kind out of range";
      case DecodeError::EmptyData:
        return "DATA frame with an empty payload";
      case DecodeError::InvalidUtf8:
        return "string is not valid UTF-8";
    }
    return "unknown protocol decode error";
  }
};

}  // namespace

const std::error_category& decode_category() {
  static const DecodeCategory category;
  return category;
}

std::error_code make_error_code(DecodeError error) { return {static_cast<int>(error), decode_category()}; }

DecodeResult decode(std::span<const std::byte> input) {
  if (input.size() < kFrameHeaderSize) return {};
  Reader header(input.first(kFrameHeaderSize));
  const std::uint8_t type_byte = header.u8();
  const std::uint32_t length = header.u32();
  if (!is_known_frame_type(type_byte)) return error_result(DecodeError::UnknownFrameType);
  const auto type = static_cast<FrameType>(type_byte);
  if (type == FrameType::Data && length == 0) return error_result(DecodeError::EmptyData);
  if (length > max_payload(type)) return error_result(DecodeError::PayloadTooLarge);
  if (type == FrameType::Data) return frame_result(DataHeader{length}, kFrameHeaderSize);
  if (input.size() - kFrameHeaderSize < length) return {};

  Reader payload(input.subspan(kFrameHeaderSize, length));
  Message message = read_payload(type, payload);
  if (!payload.failed() && payload.remaining() != 0) payload.fail(DecodeError::TrailingBytes);
  if (const auto error = payload.error()) return error_result(*error);
  return frame_result(std::move(message), kFrameHeaderSize + length);
}

void encode(const Message& message, std::vector<std::byte>& out) {
  Writer writer(out);
  std::visit([&](const auto& m) { write_frame(writer, m); }, message);
}

}  // namespace ferry::protocol
