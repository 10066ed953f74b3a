// SPDX-License-Identifier: Apache-2.0
// Discovery datagrams. docs/discovery.md is the normative description.
#include "ferry/core/protocol/announcement.hpp"

#include <algorithm>

#include "protocol/wire_reader.hpp"
#include "protocol/wire_writer.hpp"
#include "text/hex.hpp"

namespace ferry::protocol {
namespace {

constexpr std::array<std::byte, 4> kMagic{std::byte{'F'}, std::byte{'R'}, std::byte{'Y'}, std::byte{'D'}};

using Reader = WireReader<AnnouncementError>;

OperatingSystem read_operating_system(Reader& reader) {
  // Values this version does not know stand for systems added later: "other".
  const std::uint8_t value = reader.u8();
  if (value == static_cast<std::uint8_t>(OperatingSystem::Linux)) return OperatingSystem::Linux;
  if (value == static_cast<std::uint8_t>(OperatingSystem::Windows)) return OperatingSystem::Windows;
  return OperatingSystem::Other;
}

std::chrono::milliseconds read_interval(Reader& reader) {
  const std::chrono::milliseconds interval{reader.u32()};
  if (!reader.failed() && (interval < kMinAnnounceInterval || interval > kMaxAnnounceInterval))
    reader.fail(AnnouncementError::IntervalOutOfRange);
  return interval;
}

int hex_value(char digit) {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_hex(const DeviceId& id) { return lowercase_hex(id); }

std::optional<DeviceId> device_id_from_hex(std::string_view hex) {
  DeviceId id{};
  if (hex.size() != id.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const int high = hex_value(hex[2 * i]);
    const int low = hex_value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    id[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return id;
}

std::string_view describe(AnnouncementError error) {
  switch (error) {
    case AnnouncementError::Oversized:
      return "datagram longer than 512 bytes";
    case AnnouncementError::Truncated:
      return "datagram ends before its fields do";
    case AnnouncementError::TrailingBytes:
      return "datagram has bytes after its last field";
    case AnnouncementError::BadMagic:
      return "datagram does not start with \"FRYD\"";
    case AnnouncementError::UnsupportedFormat:
      return "unknown announcement format version";
    case AnnouncementError::InvalidEnum:
      return "unknown announcement kind";
    case AnnouncementError::TextTooLong:
      return "device name longer than 255 bytes";
    case AnnouncementError::InvalidUtf8:
      return "device name is not valid UTF-8";
    case AnnouncementError::ZeroPort:
      return "announcement without a port";
    case AnnouncementError::IntervalOutOfRange:
      return "announce interval out of range";
  }
  return "unknown announcement error";
}

std::variant<Announcement, AnnouncementError> decode_announcement(std::span<const std::byte> datagram) {
  if (datagram.size() > kMaxDatagramBytes) return AnnouncementError::Oversized;
  Reader reader(datagram);
  const auto magic = reader.raw(kMagic.size());
  if (!reader.failed() && !std::ranges::equal(magic, kMagic)) return AnnouncementError::BadMagic;
  const std::uint8_t format = reader.u8();
  if (!reader.failed() && format != kAnnouncementFormat) return AnnouncementError::UnsupportedFormat;
  Announcement announcement;
  announcement.kind = read_enum(reader, AnnouncementKind::Announce, AnnouncementKind::Leave);
  announcement.protocol_version = reader.u16();
  announcement.port = reader.u16();
  if (!reader.failed() && announcement.kind == AnnouncementKind::Announce && announcement.port == 0)
    reader.fail(AnnouncementError::ZeroPort);
  announcement.interval = read_interval(reader);
  announcement.os = read_operating_system(reader);
  announcement.device_id = reader.array<std::tuple_size_v<DeviceId>>();
  announcement.device_name = reader.text(kMaxAnnouncedNameBytes);
  if (!reader.failed() && reader.remaining() != 0) reader.fail(AnnouncementError::TrailingBytes);
  if (const auto error = reader.error()) return *error;
  return announcement;
}

std::vector<std::byte> encode_announcement(const Announcement& announcement) {
  std::vector<std::byte> datagram;
  WireWriter writer(datagram);
  writer.raw(kMagic);
  writer.u8(kAnnouncementFormat);
  writer.u8(static_cast<std::uint8_t>(announcement.kind));
  writer.u16(announcement.protocol_version);
  writer.u16(announcement.port);
  writer.u32(static_cast<std::uint32_t>(announcement.interval.count()));
  writer.u8(static_cast<std::uint8_t>(announcement.os));
  writer.raw(std::as_bytes(std::span(announcement.device_id)));
  writer.text(announcement.device_name);
  return datagram;
}

}  // namespace ferry::protocol
