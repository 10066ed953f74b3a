// SPDX-License-Identifier: Apache-2.0
#pragma once
// Peer discovery datagrams (docs/discovery.md): one UDP datagram announces a
// Ferry device, asks the others to announce themselves, or says goodbye.
// Sans-I/O like the wire codec: bytes in, values out, and back.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ferry/base/operating_system.hpp"
#include "ferry/core/announce_interval.hpp"
#include "ferry/core/discovery_port.hpp"

namespace ferry::protocol {

using ferry::kDiscoveryPort;
// 53741 is 0xD1ED: both groups end in it. IPv4: RFC 2365 local scope; IPv6:
// link-local scope, an RFC 3307 dynamic group id (docs/discovery.md says why).
inline constexpr std::string_view kDiscoveryGroupIpv4 = "239.255.209.237";
inline constexpr std::string_view kDiscoveryGroupIpv6 = "ff02::8000:d1ed";
inline constexpr std::uint8_t kAnnouncementFormat = 1;
// Longer datagrams are rejected before any field is read.
inline constexpr std::size_t kMaxDatagramBytes = 512;
inline constexpr std::size_t kMaxAnnouncedNameBytes = 255;
using ferry::kMaxAnnounceInterval;
using ferry::kMinAnnounceInterval;

// SHA-256 fingerprint of the device's certificate.
using DeviceId = std::array<std::uint8_t, 32>;

// 64 lowercase hex digits.
std::string to_hex(const DeviceId& id);
// 64 hex digits (either case), else nullopt.
std::optional<DeviceId> device_id_from_hex(std::string_view hex);

enum class AnnouncementKind : std::uint8_t {
  Announce = 1,  // a device that receives on `port`
  Probe = 2,     // a listener asking everyone to announce now; not a peer itself
  Leave = 3,     // the device stops receiving: forget it now
};

struct Announcement {
  AnnouncementKind kind = AnnouncementKind::Announce;
  std::uint16_t protocol_version = 0;     // of the transfer protocol (docs/protocol.md)
  std::uint16_t port = 0;                 // TCP receive port; 0 unless kind is Announce
  std::chrono::milliseconds interval{0};  // how often the sender announces
  OperatingSystem os = OperatingSystem::Other;
  DeviceId device_id{};
  std::string device_name;  // UTF-8, at most kMaxAnnouncedNameBytes
  bool operator==(const Announcement&) const = default;
};

enum class AnnouncementError : std::uint8_t {
  Oversized = 1,       // longer than kMaxDatagramBytes
  Truncated,           // ends before its fields do
  TrailingBytes,       // bytes after the name
  BadMagic,            // does not start with "FRYD"
  UnsupportedFormat,   // a format version other than kAnnouncementFormat
  InvalidEnum,         // unknown kind
  TextTooLong,         // name above kMaxAnnouncedNameBytes
  InvalidUtf8,         // name is not well-formed UTF-8
  ZeroPort,            // an Announce without a port
  IntervalOutOfRange,  // interval outside kMinAnnounceInterval .. kMaxAnnounceInterval
};

std::string_view describe(AnnouncementError error);

std::variant<Announcement, AnnouncementError> decode_announcement(std::span<const std::byte> datagram);

// The datagram of `announcement`, whose name must be valid UTF-8 of at most
// kMaxAnnouncedNameBytes and whose interval must be in range.
std::vector<std::byte> encode_announcement(const Announcement& announcement);

}  // namespace ferry::protocol
