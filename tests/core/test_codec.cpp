// SPDX-License-Identifier: Apache-2.0
// The wire codec against docs/protocol.md: exact encodings, round trips,
// incremental input, and one rejection per class of malformed input.
#include <QtTest>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/core/protocol/codec.hpp"

using namespace ferry::protocol;
using ferry::OperatingSystem;
using Bytes = std::vector<std::byte>;
using Status = DecodeResult::Status;

Q_DECLARE_METATYPE(Message)
Q_DECLARE_METATYPE(Bytes)
Q_DECLARE_METATYPE(DecodeError)

namespace {

Bytes encoded(const Message& message) {
  Bytes out;
  encode(message, out);
  return out;
}

// "01 0A ff" -> {0x01, 0x0A, 0xFF}; spaces are ignored.
Bytes hex(std::string_view text) {
  Bytes out;
  std::string digits;
  for (const char c : text) {
    if (c != ' ') digits += c;
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2) {
    out.push_back(static_cast<std::byte>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  }
  return out;
}

Bytes be(std::uint64_t value, int width) {
  Bytes out;
  for (int k = width - 1; k >= 0; --k) out.push_back(static_cast<std::byte>(value >> (8 * k)));
  return out;
}

Bytes u8(std::uint8_t value) { return be(value, 1); }
Bytes u32(std::uint32_t value) { return be(value, 4); }

// A string field: u16 byte length, then the bytes as given (not validated).
Bytes text(std::string_view value) {
  Bytes out = be(value.size(), 2);
  for (const char c : value) out.push_back(static_cast<std::byte>(c));
  return out;
}

template <typename... Parts>
Bytes cat(const Parts&... parts) {
  Bytes out;
  (out.insert(out.end(), parts.begin(), parts.end()), ...);
  return out;
}

Bytes header(std::uint8_t type, std::uint32_t length) { return cat(u8(type), u32(length)); }

Bytes frame(FrameType type, const Bytes& payload) {
  return cat(header(static_cast<std::uint8_t>(type), static_cast<std::uint32_t>(payload.size())), payload);
}

// The frame with its payload grown by `delta` bytes (zeros) or shrunk by -delta,
// and its length field adjusted to match.
Bytes resized(Bytes bytes, int delta) {
  const std::uint32_t length = static_cast<std::uint32_t>(bytes.size() - kFrameHeaderSize + delta);
  bytes.resize(bytes.size() + delta);
  const Bytes field = u32(length);
  std::copy(field.begin(), field.end(), bytes.begin() + 1);
  return bytes;
}

std::string repeated(std::size_t count) { return std::string(count, 'x'); }

DecodeResult decode_bytes(const Bytes& bytes) { return decode(std::span(bytes)); }

// Readable in a failed QCOMPARE.
QByteArray as_hex(const Bytes& bytes) {
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())).toHex(' ');
}

// Messages of every type with their exact encoding; docs/protocol.md section 8
// quotes these bytes as its worked examples.
void add_exact_rows() {
  QTest::addColumn<Message>("message");
  QTest::addColumn<Bytes>("bytes");
  constexpr std::int64_t mtime = 1'700'000'000'000'000'000;
  QTest::newRow("hello") << Message{Hello{6, "Kitchen PC", false, OperatingSystem::Linux}}
                         << hex("01 00000015 4645525259 0006 000A 4B69746368656E205043 00 01");
  QTest::newRow("hello non-ascii, asking for fast mode, from Windows")
      << Message{Hello{6, "L\xC3\xA9o", true, OperatingSystem::Windows}}
      << hex("01 0000000F 4645525259 0006 0004 4CC3A96F 01 02");
  QTest::newRow("hello from another system")
      << Message{Hello{6, "pc"}} << hex("01 0000000D 4645525259 0006 0002 7063 00 00");
  // Another version's hello is read up to its name: the version is all a peer needs.
  QTest::newRow("hello of version 1") << Message{Hello{1, "pc"}} << hex("01 0000000D 4645525259 0001 0002 7063 00 00");
  QTest::newRow("offer") << Message{Offer{{{EntryKind::Folder, "photos", 0, mtime},
                                           {EntryKind::File, "photos/cat.jpg", 1234, mtime, {false, true}}}}}
                         << hex("02 00000044 00000002"
                                " 01 0006 70686F746F73 0000000000000000 17979CFE362A0000 00"
                                " 00 000E 70686F746F732F6361742E6A7067 00000000000004D2"
                                " 17979CFE362A0000 02 00000000");
  QTest::newRow("offer extremes")
      << Message{Offer{{{EntryKind::File, "x", std::numeric_limits<std::uint64_t>::max(), -1, {true, true}}}}}
      << hex("02 0000001D 00000001 00 0001 78 FFFFFFFFFFFFFFFF FFFFFFFFFFFFFFFF 03 00000000");
  QTest::newRow("offer executable") << Message{Offer{{{EntryKind::File, "x", 0, 0, {true, false}}}}}
                                    << hex("02 0000001D 00000001 00 0001 78 0000000000000000 0000000000000000 01"
                                           " 00000000");
  QTest::newRow("offer of a text") << Message{Offer{{}, "hi \xE2\x9C\x93"}}
                                   << hex("02 0000000E 00000000 00000006 686920E29C93");
  QTest::newRow("accept") << Message{Accept{}} << hex("03 00000002 00 00");
  QTest::newRow("accept fast mode") << Message{Accept{TransferMode::Fast}} << hex("03 00000002 01 00");
  // Entries 0 and 2 of (up to 8) taken: bits 0 and 2 of the first byte.
  QTest::newRow("accept some") << Message{Accept{TransferMode::Encrypted, false, {0x05}}}
                               << hex("03 00000007 00 01 00000001 05");
  QTest::newRow("decline") << Message{Decline{DeclineReason::NoSpace, "need 2 GB"}}
                           << hex("04 0000000C 03 0009 6E6565642032204742");
  QTest::newRow("file begin") << Message{FileBegin{2}} << hex("05 0000000C 00000002 0000000000000000");
  QTest::newRow("file begin resumed") << Message{FileBegin{2, 0x800000}}
                                      << hex("05 0000000C 00000002 0000000000800000");
  QTest::newRow("data header") << Message{DataHeader{5}} << hex("06 00000005");
  QTest::newRow("file end") << Message{FileEnd{2,
                                               {0xB5, 0xE9, 0xC1, 0xAD, 0x07, 0x1B, 0x3E, 0x7F, 0xC7, 0x79, 0xCF, 0xAA,
                                                0x5E, 0x52, 0x38, 0x18}}}
                            << hex("07 00000014 00000002 B5E9C1AD071B3E7FC779CFAA5E523818");
  QTest::newRow("file abort") << Message{FileAbort{7, "file vanished"}}
                              << hex("08 00000013 00000007 000D 66696C652076616E6973686564");
  QTest::newRow("file result") << Message{FileResult{1, FileStatus::DigestMismatch, "digest mismatch"}}
                               << hex("09 00000016 00000001 01 000F 646967657374206D69736D61746368");
  QTest::newRow("file result ok") << Message{FileResult{2, FileStatus::Ok, ""}} << hex("09 00000007 00000002 00 0000");
  QTest::newRow("summary") << Message{Summary{2, 0, 1239}} << hex("0A 00000010 00000002 00000000 00000000000004D7");
  QTest::newRow("cancel") << Message{Cancel{"user cancelled"}} << hex("0B 00000010 000E 757365722063616E63656C6C6564");
  // 4 MiB + 5 bytes: two blocks, the second short.
  QTest::newRow("have")
      << Message{Have{
             3,
             HaveKind::Partial,
             0x400005,
             {{0x99, 0xAA, 0x06, 0xD3, 0x01, 0x47, 0x98, 0xD8, 0x60, 0x01, 0xC3, 0x24, 0x46, 0x8D, 0x49, 0x7F},
              {0xB5, 0xE9, 0xC1, 0xAD, 0x07, 0x1B, 0x3E, 0x7F, 0xC7, 0x79, 0xCF, 0xAA, 0x5E, 0x52, 0x38, 0x18}}}}
      << hex("0C 0000002D 00000003 00 0000000000400005"
             " 99AA06D3014798D86001C324468D497F B5E9C1AD071B3E7FC779CFAA5E523818");
  QTest::newRow("have empty complete file")
      << Message{Have{0, HaveKind::Complete, 0, {}}} << hex("0C 0000000D 00000000 01 0000000000000000");
}

// A single frame that must be rejected with `error` (the header alone for the
// limit checks, which must not wait for the payload).
void add_rejection(const char* name, const Bytes& bytes, DecodeError error) { QTest::newRow(name) << bytes << error; }

void add_unknown_type_rows() {
  add_rejection("type 0x00", header(0x00, 0), DecodeError::UnknownFrameType);
  add_rejection("type 0x0D", cat(header(0x0D, 1), u8(0)), DecodeError::UnknownFrameType);
  add_rejection("type 0xFF", header(0xFF, 0), DecodeError::UnknownFrameType);
}

void add_payload_too_large_rows() {
  for (std::uint8_t type = 0x01; type <= 0x0C; ++type) {
    const auto frame_type = static_cast<FrameType>(type);
    const std::uint32_t limit = frame_type == FrameType::Offer    ? kMaxOfferPayload
                                : frame_type == FrameType::Data   ? kMaxDataPayload
                                : frame_type == FrameType::Have   ? kMaxHavePayload
                                : frame_type == FrameType::Accept ? kMaxAcceptPayload
                                                                  : kMaxControlPayload;
    QTest::addRow("type 0x%02x above limit", type) << header(type, limit + 1) << DecodeError::PayloadTooLarge;
    QTest::addRow("type 0x%02x length 0xFFFFFFFF", type) << header(type, 0xFFFFFFFF) << DecodeError::PayloadTooLarge;
  }
}

void add_truncated_rows() {
  add_rejection("hello shorter than magic", frame(FrameType::Hello, hex("464552")), DecodeError::Truncated);
  add_rejection("hello without version", frame(FrameType::Hello, hex("4645525259")), DecodeError::Truncated);
  add_rejection("string longer than payload", frame(FrameType::Cancel, cat(be(10, 2), hex("616263"))),
                DecodeError::Truncated);
  add_rejection("string length cut", frame(FrameType::Cancel, hex("00")), DecodeError::Truncated);
  add_rejection("offer without count", frame(FrameType::Offer, hex("000000")), DecodeError::Truncated);
  add_rejection("offer count above what payload holds",
                frame(FrameType::Offer, cat(u32(kMaxOfferEntries), Bytes(19 * 3))), DecodeError::Truncated);
  add_rejection("offer second entry missing",
                resized(encoded(Offer{{{EntryKind::File, "a", 1, 2}, {EntryKind::File, "", 0, 0}}}), -20),
                DecodeError::Truncated);
  add_rejection("file end short digest", frame(FrameType::FileEnd, cat(u32(1), Bytes(15))), DecodeError::Truncated);
  // The length promises 2^42 blocks: refused before anything is reserved.
  add_rejection("have length above what payload holds",
                frame(FrameType::Have, cat(u32(0), u8(0), hex("FFFFFFFFFFFFFFFF"), Bytes(16))), DecodeError::Truncated);
  add_rejection("have one block missing",
                frame(FrameType::Have, cat(u32(0), u8(0), hex("0000000000400001"), Bytes(16))), DecodeError::Truncated);
  add_rejection("have kind 2", frame(FrameType::Have, cat(u32(0), u8(2), Bytes(8))), DecodeError::InvalidEnum);
  add_rejection("hello fast-mode flag 2", frame(FrameType::Hello, hex("4645525259 0006 0002 7063 02 01")),
                DecodeError::InvalidEnum);
  add_rejection("hello system 3", frame(FrameType::Hello, hex("4645525259 0006 0002 7063 00 03")),
                DecodeError::InvalidEnum);
  add_rejection("accept mode 2", frame(FrameType::Accept, hex("02")), DecodeError::InvalidEnum);
  add_rejection("accept without mode", frame(FrameType::Accept, {}), DecodeError::Truncated);
  add_rejection("accept without what it takes", frame(FrameType::Accept, hex("00")), DecodeError::Truncated);
  add_rejection("accept takes 2", frame(FrameType::Accept, hex("00 02")), DecodeError::InvalidEnum);
  add_rejection("accept bitmap cut", frame(FrameType::Accept, hex("00 01 00000002 05")), DecodeError::Truncated);
  add_rejection("offer without its text", frame(FrameType::Offer, hex("00000000")), DecodeError::Truncated);
}

// Every non-empty payload shortened by one byte; every payload grown by one.
void add_resized_rows() {
  const std::vector<std::pair<const char*, Message>> messages{
      {"hello", Hello{kVersion, "pc"}},
      {"offer", Offer{{{EntryKind::Folder, "d", 0, 5}}}},
      {"accept", Accept{}},
      {"accept some", Accept{TransferMode::Encrypted, false, {0x01, 0x80}}},
      {"offer of a text", Offer{{}, "note"}},
      {"decline", Decline{DeclineReason::Busy, "busy"}},
      {"file begin", FileBegin{3}},
      {"file end", FileEnd{3, {}}},
      {"file abort", FileAbort{3, "gone"}},
      {"file result", FileResult{3, FileStatus::Ok, ""}},
      {"summary", Summary{2, 1, 99}},
      {"cancel", Cancel{"stop"}},
      {"have", Have{3, HaveKind::Partial, 7, {Digest{}}}},
  };
  for (const auto& [name, message] : messages) {
    const Bytes bytes = encoded(message);
    if (bytes.size() > kFrameHeaderSize) {
      QTest::addRow("%s one byte short", name) << resized(bytes, -1) << DecodeError::Truncated;
    }
    QTest::addRow("%s one byte long", name) << resized(bytes, 1) << DecodeError::TrailingBytes;
  }
}

void add_text_too_long_rows() {
  add_rejection("too long: device name", encoded(Hello{1, repeated(kMaxNameBytes + 1)}), DecodeError::TextTooLong);
  add_rejection("too long: path", encoded(Offer{{{EntryKind::File, repeated(kMaxPathBytes + 1), 0, 0}}}),
                DecodeError::TextTooLong);
  add_rejection("too long: offer text", encoded(Offer{{}, repeated(kMaxOfferTextBytes + 1)}), DecodeError::TextTooLong);
  add_rejection("too long: decline message", encoded(Decline{DeclineReason::Declined, repeated(kMaxTextBytes + 1)}),
                DecodeError::TextTooLong);
  add_rejection("too long: abort reason", encoded(FileAbort{0, repeated(kMaxTextBytes + 1)}), DecodeError::TextTooLong);
  add_rejection("too long: result message",
                encoded(FileResult{0, FileStatus::WriteFailed, repeated(kMaxTextBytes + 1)}), DecodeError::TextTooLong);
  add_rejection("too long: cancel reason", encoded(Cancel{repeated(kMaxTextBytes + 1)}), DecodeError::TextTooLong);
  add_rejection("too long: declared length above limit, bytes absent",
                frame(FrameType::Cancel, be(kMaxTextBytes + 1, 2)), DecodeError::TextTooLong);
}

void add_too_many_entries_rows() {
  add_rejection("one above limit", frame(FrameType::Offer, u32(kMaxOfferEntries + 1)), DecodeError::TooManyEntries);
  add_rejection("count 0xFFFFFFFF", frame(FrameType::Offer, u32(0xFFFFFFFF)), DecodeError::TooManyEntries);
}

void add_invalid_enum_rows() {
  const Bytes entry_tail = cat(text("a"), Bytes(17));
  add_rejection("entry kind 2", frame(FrameType::Offer, cat(u32(1), u8(2), entry_tail)), DecodeError::InvalidEnum);
  add_rejection("entry kind 0xFF", frame(FrameType::Offer, cat(u32(1), u8(0xFF), entry_tail)),
                DecodeError::InvalidEnum);
  add_rejection("entry attributes 0x04", frame(FrameType::Offer, cat(u32(1), u8(0), text("a"), Bytes(16), u8(0x04))),
                DecodeError::InvalidEnum);
  add_rejection("entry attributes 0x80", frame(FrameType::Offer, cat(u32(1), u8(0), text("a"), Bytes(16), u8(0x80))),
                DecodeError::InvalidEnum);
  add_rejection("decline reason 0", frame(FrameType::Decline, cat(u8(0), text(""))), DecodeError::InvalidEnum);
  add_rejection("decline reason 5", frame(FrameType::Decline, cat(u8(5), text(""))), DecodeError::InvalidEnum);
  add_rejection("file status 5", frame(FrameType::FileResult, cat(u32(0), u8(5), text(""))), DecodeError::InvalidEnum);
}

void add_invalid_utf8_rows() {
  const std::vector<std::pair<const char*, std::string>> sequences{
      {"lone continuation", "a\x80"},
      {"overlong 2-byte", "\xC0\xAF"},
      {"overlong 2-byte C1", "\xC1\xBF"},
      {"overlong 3-byte", "\xE0\x80\xAF"},
      {"overlong 4-byte", "\xF0\x80\x80\xAF"},
      {"high surrogate", "\xED\xA0\x80"},
      {"low surrogate", "\xED\xBF\xBF"},
      {"above U+10FFFF", "\xF4\x90\x80\x80"},
      {"lead F5", "\xF5\x80\x80\x80"},
      {"byte FE", "\xFE"},
      {"byte FF", "\xFF"},
      {"truncated at end", "ab\xE2\x82"},
      {"truncated mid-string", "\xE2\x82z"},
      {"bad third byte", "\xF0\x9F\x98z"},
  };
  for (const auto& [name, bad] : sequences) {
    QTest::addRow("utf8: device name, %s", name) << encoded(Hello{1, bad}) << DecodeError::InvalidUtf8;
  }
  const std::string bad = "\xC0\x80";
  add_rejection("utf8: path", encoded(Offer{{{EntryKind::File, bad, 0, 0}}}), DecodeError::InvalidUtf8);
  add_rejection("utf8: offer text", encoded(Offer{{}, bad}), DecodeError::InvalidUtf8);
  add_rejection("utf8: decline message", encoded(Decline{DeclineReason::Busy, bad}), DecodeError::InvalidUtf8);
  add_rejection("utf8: abort reason", encoded(FileAbort{0, bad}), DecodeError::InvalidUtf8);
  add_rejection("utf8: result message", encoded(FileResult{0, FileStatus::Ok, bad}), DecodeError::InvalidUtf8);
  add_rejection("utf8: cancel reason", encoded(Cancel{bad}), DecodeError::InvalidUtf8);
}

void verify_rejected(const Bytes& bytes, DecodeError error) {
  const DecodeResult result = decode_bytes(bytes);
  QCOMPARE(result.status, Status::Error);
  QCOMPARE(&result.error.category(), &decode_category());
  QCOMPARE(QString::fromStdString(result.error.message()), QString::fromStdString(make_error_code(error).message()));
}

}  // namespace

class TestCodec : public QObject {
  Q_OBJECT

 private slots:
  void encodesExactBytes_data() { add_exact_rows(); }
  void encodesExactBytes() {
    QFETCH(Message, message);
    QFETCH(Bytes, bytes);
    QCOMPARE(as_hex(encoded(message)), as_hex(bytes));
  }

  void roundTrips_data() { add_exact_rows(); }
  void roundTrips() {
    QFETCH(Message, message);
    QFETCH(Bytes, bytes);
    const DecodeResult result = decode_bytes(bytes);
    QCOMPARE(result.status, Status::Frame);
    QCOMPARE(result.consumed, bytes.size());
    QVERIFY(result.message == message);
  }

  // ACCEPT's bitmap: exactly as long as the offer needs, nothing past its end.
  void takenBitmap() {
    const std::vector<bool> take{true, false, true, false, false, false, false, false, false, true};
    const Accept accept{TransferMode::Encrypted, false, taken_bitmap(take)};
    QCOMPARE(accept.taken, (std::vector<std::uint8_t>{0x05, 0x02}));
    for (std::uint32_t i = 0; i < take.size(); ++i) QCOMPARE(takes(accept, i), bool(take[i]));
    QVERIFY(taken_bitmap_fits(accept.taken, 10));
    QVERIFY(taken_bitmap_fits(accept.taken, 16));
    QVERIFY(!taken_bitmap_fits(accept.taken, 8));   // one byte too many
    QVERIFY(!taken_bitmap_fits(accept.taken, 17));  // one byte too few
    QVERIFY(!taken_bitmap_fits({0x05, 0x04}, 10));  // bit 10 names no entry
    QVERIFY(taken_bitmap_fits({}, 0));
    QVERIFY(takes(Accept{}, 123456));
  }

  void roundTripsAtLimits() {
    const std::vector<Message> messages{
        Hello{0xFFFF, repeated(kMaxNameBytes)},
        Hello{1, ""},
        Offer{},
        Offer{{{EntryKind::File, repeated(kMaxPathBytes), 1, std::numeric_limits<std::int64_t>::min()},
               {EntryKind::Folder, "\xE6\x97\xA5\xE6\x9C\xAC/\xF0\x9F\x93\x81", 0, 0}}},
        Offer{{}, repeated(kMaxOfferTextBytes)},
        Accept{TransferMode::Fast, false, taken_bitmap(std::vector<bool>(kMaxOfferEntries, true))},
        Decline{DeclineReason::Declined, repeated(kMaxTextBytes)},
        Decline{DeclineReason::InvalidOffer, "'../x': '..' component"},
        Decline{DeclineReason::Busy, ""},
        FileBegin{0xFFFFFFFF, std::numeric_limits<std::uint64_t>::max()},
        FileEnd{0xFFFFFFFF, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255}},
        FileAbort{0, repeated(kMaxTextBytes)},
        FileResult{0, FileStatus::Ok, ""},
        FileResult{1, FileStatus::WriteFailed, "disk full"},
        FileResult{2, FileStatus::SourceFailed, "changed while read"},
        FileResult{3, FileStatus::SizeMismatch, repeated(kMaxTextBytes)},
        Summary{0xFFFFFFFF, 0xFFFFFFFF, std::numeric_limits<std::uint64_t>::max()},
        Cancel{repeated(kMaxTextBytes)},
        Cancel{""},
    };
    for (const Message& message : messages) {
      const Bytes bytes = encoded(message);
      const DecodeResult result = decode_bytes(bytes);
      QCOMPARE(result.status, Status::Frame);
      QCOMPARE(result.consumed, bytes.size());
      QVERIFY(result.message == message);
    }
  }

  void acceptsUtf8Boundaries() {
    // U+0000, U+007F, U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF.
    const std::string text = std::string(1, '\0') +
                             "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
                             "\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
    const DecodeResult result = decode_bytes(encoded(Cancel{text}));
    QCOMPARE(result.status, Status::Frame);
    QCOMPARE(std::get<Cancel>(result.message).reason, text);
  }

  void needsMoreOnEveryPrefix_data() { add_exact_rows(); }
  void needsMoreOnEveryPrefix() {
    QFETCH(Bytes, bytes);
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      const DecodeResult result = decode(std::span(bytes).first(size));
      QCOMPARE(result.status, Status::NeedMore);
      QCOMPARE(result.consumed, std::size_t{0});
    }
  }

  void dataHeaderIgnoresPayloadBytes() {
    const Bytes payload = hex("68656C6C6F");
    for (std::size_t present = 0; present <= payload.size() + 3; ++present) {
      Bytes bytes = encoded(DataHeader{5});
      bytes.insert(bytes.end(), payload.begin(), payload.end());
      bytes.resize(kFrameHeaderSize + present);
      const DecodeResult result = decode_bytes(bytes);
      QCOMPARE(result.status, Status::Frame);
      QCOMPARE(result.consumed, kFrameHeaderSize);
      QCOMPARE(std::get<DataHeader>(result.message).length, 5u);
    }
  }

  void lengthLimitsAreInclusive() {
    const DecodeResult data = decode_bytes(header(0x06, kMaxDataPayload));
    QCOMPARE(data.status, Status::Frame);
    QCOMPARE(std::get<DataHeader>(data.message).length, kMaxDataPayload);
    QCOMPARE(decode_bytes(header(0x02, kMaxOfferPayload)).status, Status::NeedMore);
    QCOMPARE(decode_bytes(header(0x0B, kMaxControlPayload)).status, Status::NeedMore);
  }

  void decodesConsecutiveFrames() {
    const std::vector<Message> messages{FileBegin{0}, DataHeader{3}, FileEnd{0, {}},
                                        FileResult{0, FileStatus::Ok, "ok"}, Summary{1, 0, 3}};
    Bytes stream;
    for (const Message& message : messages) {
      encode(message, stream);
      if (std::holds_alternative<DataHeader>(message)) {
        stream.insert(stream.end(), 3, std::byte{0xAA});
      }
    }
    std::span<const std::byte> rest(stream);
    for (const Message& message : messages) {
      const DecodeResult result = decode(rest);
      QCOMPARE(result.status, Status::Frame);
      QVERIFY(result.message == message);
      rest = rest.subspan(result.consumed);
      if (const auto* data = std::get_if<DataHeader>(&result.message)) {
        rest = rest.subspan(data->length);  // the DATA payload
      }
    }
    QVERIFY(rest.empty());
  }

  void encodeAppends() {
    Bytes out = hex("DEADBEEF");
    encode(FileBegin{2}, out);
    QCOMPARE(as_hex(out), as_hex(hex("DEADBEEF 05 0000000C 00000002 0000000000000000")));
  }

  void rejectsMalformed_data() {
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<DecodeError>("error");
    add_unknown_type_rows();
    add_payload_too_large_rows();
    add_rejection("empty data", header(0x06, 0), DecodeError::EmptyData);
    add_truncated_rows();
    add_resized_rows();
    add_rejection("bad magic", frame(FrameType::Hello, cat(hex("4645525258 0001"), text("pc"))), DecodeError::BadMagic);
    add_rejection("lowercase magic", frame(FrameType::Hello, cat(hex("6665727279 0001"), text(""))),
                  DecodeError::BadMagic);
    add_text_too_long_rows();
    add_too_many_entries_rows();
    add_invalid_enum_rows();
    add_invalid_utf8_rows();
  }
  void rejectsMalformed() {
    QFETCH(Bytes, bytes);
    QFETCH(DecodeError, error);
    verify_rejected(bytes, error);
  }

  void errorCategory() {
    QCOMPARE(std::string(decode_category().name()), std::string("ferry.protocol"));
    std::vector<std::string> messages;
    for (int value = 1; value <= static_cast<int>(DecodeError::InvalidUtf8); ++value) {
      const std::error_code code = static_cast<DecodeError>(value);
      QCOMPARE(&code.category(), &decode_category());
      QCOMPARE(code, make_error_code(static_cast<DecodeError>(value)));
      QVERIFY(!code.message().empty());
      QVERIFY(std::find(messages.begin(), messages.end(), code.message()) == messages.end());
      messages.push_back(code.message());
    }
  }

  // Random and mutated input: never an exception, never consumes more than it
  // was given (run under AddressSanitizer to also catch reads past the input).
  void survivesGarbage() {
    std::mt19937 random(20240601);
    std::vector<Bytes> seeds;
    for (const Message& message :
         {Message{Hello{1, "pc"}}, Message{Offer{{{EntryKind::File, "a/b", 9, 9}}}}, Message{Decline{}},
          Message{FileEnd{}}, Message{FileResult{}}, Message{Cancel{"x"}}}) {
      seeds.push_back(encoded(message));
    }
    for (int round = 0; round < 50'000; ++round) {
      Bytes bytes = seeds[random() % seeds.size()];
      if (round % 2 == 0) {
        bytes.resize(random() % 40);
        for (auto& byte : bytes) byte = static_cast<std::byte>(random());
        if (!bytes.empty()) bytes[0] = static_cast<std::byte>(1 + random() % 11);
      } else {
        bytes[random() % bytes.size()] = static_cast<std::byte>(random());
        bytes.resize(random() % (bytes.size() + 1));
      }
      const DecodeResult result = decode(std::span(bytes));
      QVERIFY(result.consumed <= bytes.size());
      QCOMPARE(result.status == Status::Error, bool(result.error));
    }
  }
};

QTEST_APPLESS_MAIN(TestCodec)
#include "test_codec.moc"
