// SPDX-License-Identifier: Apache-2.0
// Discovery datagrams against docs/discovery.md: the exact encoding, round
// trips, and every way a datagram is rejected. A hostile datagram must only
// ever be rejected: random bytes are thrown at the decoder too.
#include <QtTest>
#include <cstdint>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "ferry/core/protocol/announcement.hpp"

using namespace ferry::protocol;
using ferry::OperatingSystem;
using Bytes = std::vector<std::byte>;

Q_DECLARE_METATYPE(Announcement)
Q_DECLARE_METATYPE(Bytes)
Q_DECLARE_METATYPE(AnnouncementError)

namespace {

// Field offsets (docs/discovery.md, section 2).
constexpr std::size_t kFormatAt = 4;
constexpr std::size_t kKindAt = 5;
constexpr std::size_t kPortAt = 8;
constexpr std::size_t kIntervalAt = 10;
constexpr std::size_t kOsAt = 14;
constexpr std::size_t kNameLengthAt = 47;
constexpr std::size_t kNameAt = 49;

Bytes from_hex(const char* hex) {
  const QByteArray bytes = QByteArray::fromHex(QByteArray(hex).replace(' ', ""));
  const auto* data = reinterpret_cast<const std::byte*>(bytes.constData());
  return Bytes(data, data + bytes.size());
}

DeviceId sample_id() {
  DeviceId id{};
  for (std::size_t i = 0; i < id.size(); ++i) id[i] = static_cast<std::uint8_t>(0xA0 + i);
  return id;
}

Announcement sample(std::string name = "Kitchen PC") {
  return Announcement{AnnouncementKind::Announce, 4,           53740,          std::chrono::seconds(5),
                      OperatingSystem::Linux,     sample_id(), std::move(name)};
}

Bytes encoded(const Announcement& announcement) { return encode_announcement(announcement); }

void put_u16(Bytes& bytes, std::size_t at, std::uint16_t value) {
  bytes[at] = static_cast<std::byte>(value >> 8);
  bytes[at + 1] = static_cast<std::byte>(value & 0xFF);
}

void put_u32(Bytes& bytes, std::size_t at, std::uint32_t value) {
  put_u16(bytes, at, static_cast<std::uint16_t>(value >> 16));
  put_u16(bytes, at + 2, static_cast<std::uint16_t>(value & 0xFFFF));
}

// The sample with `name` as raw bytes, not validated.
Bytes with_raw_name(const Bytes& name) {
  Bytes bytes = encoded(sample(""));
  put_u16(bytes, kNameLengthAt, static_cast<std::uint16_t>(name.size()));
  bytes.insert(bytes.end(), name.begin(), name.end());
  return bytes;
}

std::variant<Announcement, AnnouncementError> decoded(const Bytes& bytes) {
  return decode_announcement(std::span(bytes));
}

}  // namespace

class TestAnnouncement : public QObject {
  Q_OBJECT

 private slots:
  void encodes_exactly();
  void round_trips_data();
  void round_trips();
  void rejects_data();
  void rejects();
  void rejects_every_truncation();
  void reads_unknown_systems_as_other();
  void device_ids_in_hex();
  void survives_random_datagrams();
};

// docs/discovery.md quotes these bytes as its worked example.
void TestAnnouncement::encodes_exactly() {
  const Bytes expected = from_hex(
      "46525944 01 01 0004 D1EC 00001388 01"
      " A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF"
      " 000A 4B69746368656E205043");
  QCOMPARE(encoded(sample()), expected);
}

void TestAnnouncement::round_trips_data() {
  QTest::addColumn<Announcement>("announcement");
  QTest::newRow("announce") << sample();
  QTest::newRow("empty name") << sample("");
  QTest::newRow("longest name") << sample(std::string(kMaxAnnouncedNameBytes, 'n'));
  QTest::newRow("non-ascii name") << sample("L\xC3\xA9o \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x9A\xA2");
  Announcement probe = sample();
  probe.kind = AnnouncementKind::Probe;
  probe.port = 0;
  QTest::newRow("probe") << probe;
  Announcement leave = sample();
  leave.kind = AnnouncementKind::Leave;
  leave.port = 0;
  leave.os = OperatingSystem::Windows;
  QTest::newRow("leave") << leave;
  Announcement shortest = sample();
  shortest.interval = kMinAnnounceInterval;
  shortest.port = 1;
  QTest::newRow("shortest interval") << shortest;
  Announcement longest = sample();
  longest.interval = kMaxAnnounceInterval;
  longest.port = 65535;
  longest.os = OperatingSystem::Other;
  QTest::newRow("longest interval") << longest;
}

void TestAnnouncement::round_trips() {
  QFETCH(Announcement, announcement);
  const Bytes bytes = encoded(announcement);
  QVERIFY(bytes.size() <= kMaxDatagramBytes);
  const auto result = decoded(bytes);
  QVERIFY(std::holds_alternative<Announcement>(result));
  QCOMPARE(std::get<Announcement>(result), announcement);
}

void TestAnnouncement::rejects_data() {
  QTest::addColumn<Bytes>("bytes");
  QTest::addColumn<AnnouncementError>("error");
  const Bytes valid = encoded(sample());

  QTest::newRow("empty") << Bytes{} << AnnouncementError::Truncated;
  Bytes oversized = valid;
  oversized.resize(kMaxDatagramBytes + 1);
  QTest::newRow("oversized") << oversized << AnnouncementError::Oversized;
  Bytes trailing = valid;
  trailing.push_back(std::byte{0});
  QTest::newRow("trailing byte") << trailing << AnnouncementError::TrailingBytes;
  Bytes magic = valid;
  magic[3] = std::byte{'E'};
  QTest::newRow("bad magic") << magic << AnnouncementError::BadMagic;
  QTest::newRow("short bad magic") << from_hex("465259") << AnnouncementError::Truncated;
  Bytes format = valid;
  format[kFormatAt] = std::byte{2};
  QTest::newRow("format 2") << format << AnnouncementError::UnsupportedFormat;
  for (const int kind : {0, 4, 255}) {
    Bytes bad = valid;
    bad[kKindAt] = static_cast<std::byte>(kind);
    QTest::addRow("kind %d", kind) << bad << AnnouncementError::InvalidEnum;
  }
  Bytes zero_port = valid;
  put_u16(zero_port, kPortAt, 0);
  QTest::newRow("announce without port") << zero_port << AnnouncementError::ZeroPort;
  for (const std::uint32_t ms : {0u, 99u, 3'600'001u, 0xFFFFFFFFu}) {
    Bytes bad = valid;
    put_u32(bad, kIntervalAt, ms);
    QTest::addRow("interval %u ms", ms) << bad << AnnouncementError::IntervalOutOfRange;
  }
  QTest::newRow("name of 256 bytes") << with_raw_name(Bytes(kMaxAnnouncedNameBytes + 1, std::byte{'n'}))
                                     << AnnouncementError::TextTooLong;
  Bytes long_claim = valid;
  put_u16(long_claim, kNameLengthAt, 200);
  QTest::newRow("name longer than the datagram") << long_claim << AnnouncementError::Truncated;
  const std::pair<const char*, const char*> invalid_utf8[] = {
      {"overlong", "C080"},     {"surrogate", "EDA080"},        {"stray continuation", "80"},
      {"cut sequence", "E282"}, {"above U+10FFFF", "F4908080"}, {"not a lead byte", "F5"},
  };
  for (const auto& [what, hex] : invalid_utf8) {
    QTest::addRow("name: %s", what) << with_raw_name(from_hex(hex)) << AnnouncementError::InvalidUtf8;
  }
}

void TestAnnouncement::rejects() {
  QFETCH(Bytes, bytes);
  QFETCH(AnnouncementError, error);
  const auto result = decoded(bytes);
  QVERIFY(std::holds_alternative<AnnouncementError>(result));
  QCOMPARE(std::get<AnnouncementError>(result), error);
  QVERIFY(!describe(error).empty());
}

void TestAnnouncement::rejects_every_truncation() {
  const Bytes valid = encoded(sample());
  for (std::size_t size = 0; size < valid.size(); ++size) {
    const auto result = decode_announcement(std::span(valid).first(size));
    QVERIFY2(std::holds_alternative<AnnouncementError>(result), qPrintable(QString::number(size)));
    QCOMPARE(std::get<AnnouncementError>(result), AnnouncementError::Truncated);
  }
}

// A system added later must not make its devices invisible.
void TestAnnouncement::reads_unknown_systems_as_other() {
  Bytes bytes = encoded(sample());
  bytes[kOsAt] = std::byte{7};
  const auto result = decoded(bytes);
  QVERIFY(std::holds_alternative<Announcement>(result));
  QCOMPARE(std::get<Announcement>(result).os, OperatingSystem::Other);
}

void TestAnnouncement::device_ids_in_hex() {
  const std::string hex = to_hex(sample_id());
  QCOMPARE(hex, std::string("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"));
  QCOMPARE(device_id_from_hex(hex), std::optional(sample_id()));
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  QCOMPARE(device_id_from_hex(upper), std::optional(sample_id()));
  QVERIFY(!device_id_from_hex(hex.substr(1)));
  QVERIFY(!device_id_from_hex(hex + "0"));
  QVERIFY(!device_id_from_hex("g" + hex.substr(1)));
  QVERIFY(!device_id_from_hex(""));
}

// Random bytes, and valid datagrams with random bytes flipped: every one is
// either rejected or decodes to something that encodes back to the same bytes.
void TestAnnouncement::survives_random_datagrams() {
  std::mt19937 random(53741);
  const Bytes valid = encoded(sample());
  std::size_t accepted = 0;
  for (int round = 0; round < 20'000; ++round) {
    Bytes bytes;
    if (round % 2 == 0) {
      bytes.resize(std::uniform_int_distribution<std::size_t>(0, kMaxDatagramBytes + 8)(random));
      for (std::byte& b : bytes) b = static_cast<std::byte>(random());
    } else {
      bytes = valid;
      for (int flips = 1 + round % 3; flips > 0; --flips) {
        bytes[random() % bytes.size()] = static_cast<std::byte>(random());
      }
    }
    const auto result = decoded(bytes);
    if (const auto* announcement = std::get_if<Announcement>(&result)) {
      ++accepted;
      if (announcement->os != OperatingSystem::Other || bytes[kOsAt] == std::byte{0})
        QCOMPARE(encoded(*announcement), bytes);
    }
  }
  QVERIFY(accepted > 0);  // the flips that hit the name or the id still decode
}

QTEST_APPLESS_MAIN(TestAnnouncement)
#include "test_announcement.moc"
