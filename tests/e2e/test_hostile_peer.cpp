// SPDX-License-Identifier: Apache-2.0
// Peers that break the protocol on purpose, spoken by hand over a raw socket:
// offers with paths that must never be written, malformed frames, a sender
// that lies about its files, and receivers that refuse our sender. Whatever
// they do, nothing lands on disk that should not and every session ends.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "digest.hpp"
#include "ferry/core/local_name.hpp"
#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr auto kEngineWait = std::chrono::seconds(10);
// How long a receiver may take to drop a connection it cannot make sense of.
constexpr auto kPromptly = std::chrono::seconds(3);

const protocol::Digest kHelloDigest = {0xb5, 0xe9, 0xc1, 0xad, 0x07, 0x1b, 0x3e, 0x7f,
                                       0xc7, 0x79, 0xcf, 0xaa, 0x5e, 0x52, 0x38, 0x18};
const protocol::Digest kWrongDigest = {};

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

QStringList qt_list(const std::vector<std::string>& items) {
  QStringList list;
  for (const auto& item : items) list << QString::fromStdString(item);
  return list;
}

// Everything under `root`, folders and hidden files included, relative, sorted.
QStringList folder_entries(const fs::path& root) {
  std::vector<std::string> entries;
  for (const auto& e : fs::recursive_directory_iterator(root))
    entries.push_back(e.path().lexically_relative(root).generic_string());
  std::sort(entries.begin(), entries.end());
  return qt_list(entries);
}

// Frames and payload bytes, encoded back to back, to be sent in one go.
class Wire {
 public:
  Wire& frame(const protocol::Message& message) {
    protocol::encode(message, bytes_);
    return *this;
  }
  Wire& data(std::string_view payload) {
    frame(protocol::DataHeader{static_cast<std::uint32_t>(payload.size())});
    const auto* raw = reinterpret_cast<const std::byte*>(payload.data());
    bytes_.insert(bytes_.end(), raw, raw + payload.size());
    return *this;
  }
  // FILE_BEGIN, the content as one DATA frame, FILE_END with `digest`.
  Wire& file(std::uint32_t index, std::string_view content, const protocol::Digest& digest) {
    return frame(protocol::FileBegin{index}).data(content).frame(protocol::FileEnd{index, digest});
  }
  std::span<const std::byte> bytes() const { return bytes_; }

 private:
  std::vector<std::byte> bytes_;
};

// A connection to `port` that has exchanged HELLOs.
std::optional<RawPeer> greeted(std::uint16_t port) {
  auto peer = RawPeer::connect(port);
  if (!peer || !peer->send(protocol::Hello{protocol::kVersion, "raw peer"}) || !peer->expect<protocol::Hello>())
    return std::nullopt;
  return peer;
}

// A connection to `port` whose offer of `entries` was accepted.
std::optional<RawPeer> accepted(std::uint16_t port, std::vector<protocol::OfferEntry> entries) {
  auto peer = greeted(port);
  if (!peer || !peer->send(protocol::Offer{std::move(entries)}) || !peer->expect<protocol::Accept>())
    return std::nullopt;
  return peer;
}

// True when the other side closes the connection, sending at most a CANCEL first.
bool hangs_up(RawPeer& peer, std::chrono::milliseconds timeout = kRawTimeout) {
  const auto frames = peer.wait_closed(timeout);
  return frames && std::all_of(frames->begin(), frames->end(),
                               [](const protocol::Message& m) { return std::holds_alternative<protocol::Cancel>(m); });
}

QByteArray frame_header(std::uint8_t type, std::uint32_t length) {
  QByteArray header(1, static_cast<char>(type));
  for (int shift = 24; shift >= 0; shift -= 8) header.append(static_cast<char>(length >> shift));
  return header;
}

struct BadOffer {
  const char* name;
  std::vector<protocol::OfferEntry> entries;
  std::string path;  // the offending path, as the DECLINE message shows it
  std::string rule;  // the rule it breaks, as the DECLINE message names it
};

const std::vector<BadOffer>& bad_offers() {
  static const std::vector<BadOffer> offers = {
      {"absolute", {file_entry("/etc/x", 1)}, "/etc/x", "absolute"},
      {"leading dotdot", {file_entry("../x", 1)}, "../x", "'..'"},
      {"inner dotdot", {file_entry("a/../b", 1)}, "a/../b", "'..'"},
      {"empty component", {file_entry("a//b", 1)}, "a//b", "empty component"},
      {"dot component", {file_entry("./a", 1)}, "./a", "'.'"},
      {"case duplicate", {file_entry("A.txt", 1), file_entry("a.txt", 1)}, "a.txt", "duplicate"},
      {"file is a parent", {file_entry("a", 1), file_entry("a/b", 1)}, "a/b", "parent"},
      {"folder with a size", {folder_entry("photos", 5)}, "photos", "non-zero size"},
      {"read-only folder", {{protocol::EntryKind::Folder, "photos", 0, 0, {false, true}}}, "photos", "attributes"},
  };
  return offers;
}

struct Lie {
  const char* name;
  std::vector<protocol::OfferEntry> entries;
  Wire wire;         // sent after ACCEPT
  QStringList kept;  // files verified before the lie
};

const std::vector<Lie>& lies() {
  using protocol::FileBegin;
  const std::vector<protocol::OfferEntry> two_files = {file_entry("a.txt", 5), file_entry("b.txt", 5)};
  static const std::vector<Lie> told = {
      {"begin for a folder", {folder_entry("d"), file_entry("f", 5)}, Wire().frame(FileBegin{0}), {}},
      {"begin out of range", two_files, Wire().frame(FileBegin{7}), {}},
      {"data beyond the size in one frame", two_files, Wire().frame(FileBegin{0}).data("hello!"), {}},
      {"data beyond the size over two frames", two_files, Wire().frame(FileBegin{0}).data("hel").data("lo!"), {}},
      {"begin twice in a row", two_files, Wire().frame(FileBegin{0}).frame(FileBegin{0}), {}},
      {"begin again after end", two_files, Wire().file(0, "hello", kHelloDigest).frame(FileBegin{0}), {"a.txt"}},
  };
  return told;
}

// Appends a file of five offered bytes that fails with `status`.
Wire& failing_file(Wire& wire, std::uint32_t index, protocol::FileStatus status) {
  if (status == protocol::FileStatus::DigestMismatch) return wire.file(index, "hello", kWrongDigest);
  // Three of the five offered bytes, then the digest of all five.
  return wire.frame(protocol::FileBegin{index}).data("hel").frame(protocol::FileEnd{index, kHelloDigest});
}

void add_failure_rows() {
  QTest::addColumn<int>("status");
  QTest::newRow("digest mismatch") << int(protocol::FileStatus::DigestMismatch);
  QTest::newRow("size mismatch") << int(protocol::FileStatus::SizeMismatch);
}

bool is_result(const std::optional<protocol::FileResult>& result, std::uint32_t index, protocol::FileStatus status) {
  return result && result->index == index && result->status == status;
}

}  // namespace

class TestHostilePeer : public QObject {
  Q_OBJECT

 private slots:
  void invalid_offer_is_declined_data();
  void invalid_offer_is_declined();
  void names_this_system_cannot_store_land_inside_the_folder();
  void malformed_frames_drop_the_connection_data();
  void malformed_frames_drop_the_connection();
  void other_protocol_version_is_cancelled();
  void lying_sender_is_cut_off_data();
  void lying_sender_is_cut_off();
  void failed_file_then_good_file_data();
  void failed_file_then_good_file();
  void failed_last_file_still_ends_session_data();
  void failed_last_file_still_ends_session();
  void sender_refuses_other_protocol_version();
  void sender_reports_decline_message();
  void connections_that_stall_are_limited_per_address();
  void undecodable_frame_mid_file_discards_the_part_data();
  void undecodable_frame_mid_file_discards_the_part();
  void write_error_keeps_no_part_below_one_block();
  void abort_outside_a_file_is_a_violation();
  void have_goes_only_to_the_sender_of_that_file();
};

void TestHostilePeer::invalid_offer_is_declined_data() {
  QTest::addColumn<int>("offer");  // index into bad_offers()
  for (std::size_t i = 0; i < bad_offers().size(); ++i) QTest::newRow(bad_offers()[i].name) << static_cast<int>(i);
}

void TestHostilePeer::invalid_offer_is_declined() {
  QFETCH(int, offer);
  const BadOffer& bad = bad_offers()[static_cast<std::size_t>(offer)];
  const fs::path target = fresh_dir("hostile-offer");
  Receiver receiver(target);
  auto peer = greeted(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Offer{bad.entries}));
  const auto decline = peer->expect<protocol::Decline>();
  QVERIFY(decline);
  QCOMPARE(int(decline->reason), int(protocol::DeclineReason::InvalidOffer));
  QVERIFY2(contains(decline->message, bad.path) && contains(decline->message, bad.rule), decline->message.c_str());
  QVERIFY(hangs_up(*peer));
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QVERIFY(receiver.log().all<OfferReceived>().empty());
  QCOMPARE(folder_entries(target), QStringList());
}

// Names that were refused before protocol version 5 now get a name this
// system stores (docs/protocol.md, section 6.1), inside the folder.
void TestHostilePeer::names_this_system_cannot_store_land_inside_the_folder() {
  const std::vector<std::string> names = {"a\\..\\..\\b", "C:/x",    "x:y",  std::string("n\0l", 3),      "esc\x1b[2J",
                                          "CON",          "nul.txt", "aux.", "d/" + std::string(256, 'x')};
  std::vector<protocol::OfferEntry> entries;
  Wire wire;
  for (std::uint32_t i = 0; i < names.size(); ++i) {
    entries.push_back(file_entry(names[i], 5));
    wire.file(i, "hello", kHelloDigest);
  }
  const fs::path outer = fresh_dir("hostile-names");
  const fs::path target = outer / "received";
  Receiver receiver(target);
  auto peer = accepted(receiver.port(), entries);
  QVERIFY(peer);
  QVERIFY(peer->send_bytes(wire.bytes()));
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto result = peer->expect<protocol::FileResult>();
    QVERIFY(result);
    QVERIFY2(result->status == protocol::FileStatus::Ok, result->message.c_str());
  }
  QVERIFY(peer->expect<protocol::Summary>());
  peer->close();
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done && done->ok);
  std::vector<std::string> expected;
  for (const auto& name : names) expected.push_back(local_path(name, NameRules::Linux));
  std::sort(expected.begin(), expected.end());
  QCOMPARE(qt_list(list_files(target)), qt_list(expected));
  // Beside the folder there is only the receiver's own state (the harness puts it there).
  for (const QString& entry : folder_entries(outer)) {
    QVERIFY2(entry == "received" || entry.startsWith("received/") || entry.startsWith("received.state"),
             qPrintable(entry));
  }
}

void TestHostilePeer::malformed_frames_drop_the_connection_data() {
  QTest::addColumn<bool>("greet");  // exchange HELLOs first
  QTest::addColumn<QByteArray>("bytes");
  QTest::newRow("garbage instead of hello") << false << QByteArray("GET / HTTP/1.1\r\n\r\n");
  QTest::newRow("oversized hello") << false << frame_header(0x01, protocol::kMaxControlPayload + 1);
  QTest::newRow("unknown frame type") << true << frame_header(0x0C, 0);
  QTest::newRow("data before any offer") << true << frame_header(0x06, 4) + "data";
  QTest::newRow("accept from the sender") << true << frame_header(0x03, 0);
  // Only the header: a receiver that waited for the payload would never hang up.
  QTest::newRow("offer above its limit") << true << frame_header(0x02, protocol::kMaxOfferPayload + 1);
}

void TestHostilePeer::malformed_frames_drop_the_connection() {
  QFETCH(bool, greet);
  QFETCH(QByteArray, bytes);
  const fs::path target = fresh_dir("hostile-frames");
  Receiver receiver(target);
  auto peer = greet ? greeted(receiver.port()) : RawPeer::connect(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send_bytes(std::as_bytes(std::span(bytes.constData(), std::size_t(bytes.size())))));
  QVERIFY(hangs_up(*peer, kPromptly));
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QVERIFY(receiver.log().all<OfferReceived>().empty());
  QCOMPARE(folder_entries(target), QStringList());
}

// Section 5.2: the receiver answers with its HELLO, then a CANCEL naming both versions.
void TestHostilePeer::other_protocol_version_is_cancelled() {
  const fs::path target = fresh_dir("hostile-version");
  Receiver receiver(target);
  auto peer = RawPeer::connect(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion + 1, "from the future"}));
  QVERIFY(peer->expect<protocol::Hello>());
  const auto cancel = peer->expect<protocol::Cancel>();
  QVERIFY(cancel);
  QVERIFY2(contains(cancel->reason, std::to_string(protocol::kVersion + 1)) &&
               contains(cancel->reason, std::to_string(protocol::kVersion)),
           cancel->reason.c_str());
  QVERIFY(hangs_up(*peer));
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
}

void TestHostilePeer::lying_sender_is_cut_off_data() {
  QTest::addColumn<int>("lie");  // index into lies()
  for (std::size_t i = 0; i < lies().size(); ++i) QTest::newRow(lies()[i].name) << static_cast<int>(i);
}

void TestHostilePeer::lying_sender_is_cut_off() {
  QFETCH(int, lie);
  const Lie& told = lies()[static_cast<std::size_t>(lie)];
  const fs::path target = fresh_dir("hostile-lies");
  Receiver receiver(target);
  auto peer = accepted(receiver.port(), told.entries);
  QVERIFY(peer);
  QVERIFY(peer->send_bytes(told.wire.bytes()));
  QVERIFY(peer->wait_closed(kPromptly));
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QVERIFY2(contains(done->error, "protocol error"), done->error.c_str());
  QCOMPARE(done->files_ok, std::uint32_t(told.kept.size()));
  QCOMPARE(qt_list(list_files(target)), told.kept);  // no stray part file either
}

void TestHostilePeer::failed_file_then_good_file_data() { add_failure_rows(); }

// The failed file is reported and dropped; the session goes on.
void TestHostilePeer::failed_file_then_good_file() {
  QFETCH(int, status);
  const auto failure = static_cast<protocol::FileStatus>(status);
  const fs::path target = fresh_dir("hostile-failed-first");
  Receiver receiver(target);
  auto peer = accepted(receiver.port(), {file_entry("bad.txt", 5), file_entry("good.txt", 5)});
  QVERIFY(peer);
  Wire wire;
  failing_file(wire, 0, failure).file(1, "hello", kHelloDigest);
  QVERIFY(peer->send_bytes(wire.bytes()));
  QVERIFY(is_result(peer->expect<protocol::FileResult>(), 0, failure));
  QVERIFY(is_result(peer->expect<protocol::FileResult>(), 1, protocol::FileStatus::Ok));
  const auto summary = peer->expect<protocol::Summary>();
  QVERIFY(summary);
  QCOMPARE(summary->files_ok, 1u);
  QCOMPARE(summary->files_failed, 1u);
  QVERIFY(peer->wait_closed());
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QCOMPARE(done->files_ok, 1u);
  QCOMPARE(done->files_failed, 1u);
  QCOMPARE(qt_list(list_files(target)), QStringList{"good.txt"});
}

void TestHostilePeer::failed_last_file_still_ends_session_data() { add_failure_rows(); }

// Section 5.5 step 14: once every file has its result, SUMMARY follows,
// whether or not the last file failed.
void TestHostilePeer::failed_last_file_still_ends_session() {
  QFETCH(int, status);
  const auto failure = static_cast<protocol::FileStatus>(status);
  const fs::path target = fresh_dir("hostile-failed-last");
  Receiver receiver(target);
  auto peer = accepted(receiver.port(), {file_entry("good.txt", 5), file_entry("bad.txt", 5)});
  QVERIFY(peer);
  Wire wire;
  failing_file(wire.file(0, "hello", kHelloDigest), 1, failure);
  QVERIFY(peer->send_bytes(wire.bytes()));
  // Results come in any order (section 5.5 step 13): the failure is known
  // at once, the good file's Ok after its commit.
  auto first = peer->expect<protocol::FileResult>();
  auto second = peer->expect<protocol::FileResult>();
  QVERIFY(first && second);
  if (first->index == 1) std::swap(first, second);
  QVERIFY(is_result(first, 0, protocol::FileStatus::Ok));
  QVERIFY(is_result(second, 1, failure));
  QVERIFY(peer->expect<protocol::Summary>(kPromptly));
  peer->close();  // ends the session either way
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QCOMPARE(qt_list(list_files(target)), QStringList{"good.txt"});
}

void TestHostilePeer::sender_refuses_other_protocol_version() {
  const fs::path source = fresh_dir("hostile-version-src");
  write_random_file(source / "a.bin", 1000, 1);
  RawListener listener;
  Sender sender;
  sender.send(listener.port(), {source / "a.bin"});
  auto peer = await_offer(listener);
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion + 1, "from the future"}));
  const auto done = wait_session_done(sender.engine(), sender.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QVERIFY2(contains(done->error, "version " + std::to_string(protocol::kVersion + 1)), done->error.c_str());
  const auto frames = peer->wait_closed();
  QVERIFY(frames);
  // Section 5.2 step 3: the side that notices the mismatch sends CANCEL naming both versions.
  QVERIFY(frames->size() == 1 && std::holds_alternative<protocol::Cancel>(frames->front()));
}

void TestHostilePeer::sender_reports_decline_message() {
  const fs::path source = fresh_dir("hostile-decline-src");
  write_random_file(source / "a.bin", 1000, 1);
  RawListener listener;
  Sender sender;
  sender.send(listener.port(), {source / "a.bin"});
  auto peer = await_offer(listener);
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion, "raw receiver"}));
  QVERIFY(peer->send(protocol::Decline{protocol::DeclineReason::Declined, "no room for you today"}));
  const auto done = wait_session_done(sender.engine(), sender.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QVERIFY2(contains(done->error, "no room for you today"), done->error.c_str());
  QVERIFY(hangs_up(*peer));
}

namespace {

// A plain TCP connection to 127.0.0.1:port that never starts TLS, or -1.
int stalled_connection(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return fd;
  if (fd >= 0) ::close(fd);
  return -1;
}

// True when the other side closes `fd` within `timeout`.
bool closed_by_peer(int fd, std::chrono::milliseconds timeout) {
  pollfd entry{fd, POLLIN, 0};
  if (::poll(&entry, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char byte = 0;
  return ::recv(fd, &byte, 1, 0) <= 0;
}

}  // namespace

// Sixteen connections from one address that never even say hello hold what
// they hold until the idle timeout; a seventeenth is closed at once, and once
// they are gone the receiver serves that address again.
void TestHostilePeer::connections_that_stall_are_limited_per_address() {
  const fs::path source = fresh_dir("stall-src");
  const fs::path target = fresh_dir("stall-dst");
  write_random_file(source / "a.bin", 1000, 1);
  Receiver receiver(target);
  std::vector<int> stalled;
  for (int i = 0; i < 16; ++i) {
    stalled.push_back(stalled_connection(receiver.port()));
    QVERIFY(stalled.back() >= 0);
  }
  for (const int fd : stalled) QVERIFY(!closed_by_peer(fd, std::chrono::milliseconds(20)));
  const int one_more = stalled_connection(receiver.port());
  QVERIFY(one_more >= 0);
  QVERIFY(closed_by_peer(one_more, kPromptly));
  ::close(one_more);
  for (const int fd : stalled) ::close(fd);
  // The engine notices the closes when the handshakes fail; then a session works.
  QTest::qWait(500);
  const Outcome outcome = send_and_wait(receiver, {source / "a.bin"}, {}, kEngineWait);
  QVERIFY(outcome.sender && outcome.sender->ok);
  QVERIFY(same_contents(source / "a.bin", target / "a.bin"));
}

namespace {

constexpr std::uint64_t kMiB = 1 << 20;

// Files of the folder (hidden part files included), relative, sorted.
QStringList all_files(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path().lexically_relative(root).generic_string());
  std::sort(files.begin(), files.end());
  return qt_list(files);
}

bool has_cancel_saying(const std::vector<protocol::Message>& frames, std::string_view text) {
  return std::any_of(frames.begin(), frames.end(), [&](const protocol::Message& m) {
    const auto* cancel = std::get_if<protocol::Cancel>(&m);
    return cancel && contains(cancel->reason, text);
  });
}

}  // namespace

void TestHostilePeer::undecodable_frame_mid_file_discards_the_part_data() {
  QTest::addColumn<QByteArray>("bytes");
  QTest::newRow("unknown frame type") << frame_header(0x0D, 0);
  QTest::newRow("empty DATA") << frame_header(0x06, 0);
}

// Protocol 16a: no part is kept after a protocol violation, a decoding error
// included (issue 19, defect 2).
void TestHostilePeer::undecodable_frame_mid_file_discards_the_part() {
  QFETCH(QByteArray, bytes);
  const fs::path target = fresh_dir("hostile-undecodable");
  Receiver receiver(target);
  auto peer = accepted(receiver.port(), {file_entry("big.bin", 6 * kMiB)});
  QVERIFY(peer);
  Wire wire;
  wire.frame(protocol::FileBegin{0});
  const std::string mebibyte(kMiB, 'x');
  for (int i = 0; i < 5; ++i) wire.data(mebibyte);
  QVERIFY(peer->send_bytes(wire.bytes()));
  QVERIFY(peer->send_bytes(std::as_bytes(std::span(bytes.constData(), std::size_t(bytes.size())))));
  const auto frames = peer->wait_closed(kPromptly);
  QVERIFY(frames);
  QVERIFY(has_cancel_saying(*frames, "protocol error"));
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QCOMPARE(done->cause, FailureCause::ProtocolError);
  QVERIFY(!done->resumable);
  QCOMPARE(all_files(target), QStringList());
}

// resilience.md: a part is kept only when it holds a whole block, also when
// naming the verified file fails (issue 19, defect 3).
void TestHostilePeer::write_error_keeps_no_part_below_one_block() {
  const fs::path target = fresh_dir("hostile-write-error");
  Receiver receiver(target);
  // What an earlier session stored: a file where the new one needs a folder.
  fs::create_directories(target / "wf");
  write_random_file(target / "wf" / "x", 5, 1);
  const std::string content(3 * kMiB, 'y');
  StreamDigest digest;
  digest.update(std::as_bytes(std::span(content.data(), content.size())));
  auto second = accepted(receiver.port(), {file_entry("wf/x/y", content.size())});
  QVERIFY(second);
  Wire wire;
  wire.frame(protocol::FileBegin{0});
  for (std::size_t at = 0; at < content.size(); at += kMiB) wire.data(std::string_view(content).substr(at, kMiB));
  wire.frame(protocol::FileEnd{0, digest.finish()});
  QVERIFY(second->send_bytes(wire.bytes()));
  QVERIFY(is_result(second->expect<protocol::FileResult>(), 0, protocol::FileStatus::WriteFailed));
  QVERIFY(second->expect<protocol::Cancel>());
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QVERIFY(!done->ok && !done->resumable);
  QCOMPARE(all_files(target), QStringList{"wf/x"});
}

// Protocol 5.7 step 17: FILE_ABORT outside a FILE_BEGIN..FILE_END span is a
// violation, not a failed file (issue 19, defect 4).
void TestHostilePeer::abort_outside_a_file_is_a_violation() {
  const fs::path target = fresh_dir("hostile-stray-abort");
  Receiver receiver(target);
  auto peer = accepted(receiver.port(), {folder_entry("d"), file_entry("d/a", 5), file_entry("d/b", 5)});
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::FileAbort{1, "gone"}));
  const auto frames = peer->wait_closed(kPromptly);
  QVERIFY(frames);
  QVERIFY(std::none_of(frames->begin(), frames->end(),
                       [](const protocol::Message& m) { return std::holds_alternative<protocol::FileResult>(m); }));
  QVERIFY(has_cancel_saying(*frames, "FILE_ABORT"));
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QCOMPARE(done->cause, FailureCause::ProtocolError);
  QCOMPARE(all_files(target), QStringList());
}

// Issue 19, defect 6: a HAVE for a complete file tells its digest, so a
// sender never gets one for a file the user put there or another device
// sent, even when it names the file, its size and its time exactly; the
// device that sent a file does get one (test_resume: files already there).
void TestHostilePeer::have_goes_only_to_the_sender_of_that_file() {
  const fs::path source = fresh_dir("hostile-oracle-src");
  const fs::path target = fresh_dir("hostile-oracle");
  write_random_file(source / "theirs.bin", 4096, 21);
  Receiver receiver(target);
  const Outcome delivered = send_and_wait(receiver, {source / "theirs.bin"}, {}, kEngineWait);
  QVERIFY(delivered.receiver && delivered.receiver->ok);
  std::ofstream(target / "secret.txt") << "hunter2";

  const auto mtime_of = [](const fs::path& path) {
    struct stat facts {};
    ::stat(path.c_str(), &facts);
    return std::int64_t{facts.st_mtim.tv_sec} * 1'000'000'000 + facts.st_mtim.tv_nsec;
  };
  std::vector<protocol::OfferEntry> guesses{
      {protocol::EntryKind::File, "theirs.bin", 4096, mtime_of(target / "theirs.bin")},
      {protocol::EntryKind::File, "secret.txt", 7, mtime_of(target / "secret.txt")}};
  auto peer = greeted(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Offer{guesses}));
  const auto answer = peer->read();
  QCOMPARE(int(answer.status), int(RawPeer::Status::Frame));
  QVERIFY2(std::holds_alternative<protocol::Accept>(answer.message), "the first answer is not ACCEPT (a HAVE?)");
}

QTEST_GUILESS_MAIN(TestHostilePeer)
#include "test_hostile_peer.moc"
