// SPDX-License-Identifier: Apache-2.0
// Resume (docs/protocol.md 5.3): a transfer cut or cancelled mid-file leaves
// its part file; sending the same files again continues after the part's longest
// verified prefix, skips files the receiver already holds whole, and never
// trusts a part or a copy whose bytes differ; parts never resumed go after a
// week. Connections are cut (and stalled) for real by a TCP relay between
// the two engines.
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "engine_harness.hpp"
#include "ferry/core/protocol/messages.hpp"
#include "tcp_relay.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kBlock = protocol::kResumeBlockBytes;
constexpr auto kWait = std::chrono::seconds(120);

bool is_part(const std::string& name) { return name.starts_with(".ferry-") && name.ends_with(".part"); }

std::vector<std::string> parts_in(const fs::path& dir) {
  std::vector<std::string> parts;
  for (const auto& name : list_files(dir))
    if (is_part(name)) parts.push_back(name);
  return parts;
}

void overwrite_byte(const fs::path& path, std::uint64_t offset) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(static_cast<std::streamoff>(offset));
  const char old = static_cast<char>(file.get());
  file.seekp(static_cast<std::streamoff>(offset));
  file.put(static_cast<char>(~old));
}

// The files of an outcome by path, receiver side.
const FileDone* received(const Outcome& outcome, const std::string& path) {
  for (const auto& file : outcome.receiver_files)
    if (file.path == path) return &file;
  return nullptr;
}

}  // namespace

class TestResume : public QObject {
  Q_OBJECT

 private slots:
  void cut_transfer_resumes_from_its_part_data();
  void cut_transfer_resumes_from_its_part();
  void cancelled_transfer_resumes_data();
  void cancelled_transfer_resumes();
  void edited_source_resumes_from_the_first_difference();
  void damaged_part_is_not_trusted();
  void no_resume_sends_everything();
  void files_already_there_are_skipped();
  void stalled_peers_time_out();
  void week_old_part_files_are_removed();

 private:
  // Cuts a transfer of `file` after `cut_after` bytes and checks that a part
  // file, and nothing else, was left.
  void cut(Receiver& receiver, const fs::path& file, const fs::path& target, std::uint64_t cut_after,
           const EngineSettings& settings);
};

void TestResume::cut(Receiver& receiver, const fs::path& file, const fs::path& target, std::uint64_t cut_after,
                     const EngineSettings& settings) {
  TcpRelay relay(receiver.port(), cut_after, TcpRelay::AtLimit::Cut);
  const Outcome cut = send_and_wait(receiver, {file}, settings, kWait, relay.port());
  QVERIFY(relay.limit_reached());
  QVERIFY(cut.sender && !cut.sender->ok);
  QVERIFY(cut.receiver && !cut.receiver->ok);
  QCOMPARE(parts_in(target).size(), std::size_t{1});
  QCOMPARE(list_files(target).size(), std::size_t{1});  // no final name
}

void TestResume::cut_transfer_resumes_from_its_part_data() {
  QTest::addColumn<quint64>("threshold");
  QTest::newRow("buffered") << quint64(64 * kMiB);
  QTest::newRow("direct") << quint64(kMiB);
}

void TestResume::cut_transfer_resumes_from_its_part() {
  QFETCH(quint64, threshold);
  const fs::path source = fresh_dir("resume-src");
  const fs::path target = fresh_dir("resume-dst");
  write_random_file(source / "big.bin", 24 * kMiB, 1);
  const EngineSettings settings{.direct_threshold = threshold};
  Receiver receiver(target, {.direct_threshold = threshold, .consent = ConsentPolicy::AcceptAll});
  cut(receiver, source / "big.bin", target, 13 * kMiB, settings);
  if (QTest::currentTestFailed()) return;

  const Outcome again = send_and_wait(receiver, {source / "big.bin"}, settings, kWait);
  QVERIFY(again.sender && again.sender->ok);
  QVERIFY(again.receiver && again.receiver->ok);
  QCOMPARE(again.receiver_files.size(), std::size_t{1});
  const std::uint64_t resumed = again.receiver_files.front().resumed_bytes;
  // What reached the disk before the cut, in whole blocks: 8 or 12 MiB.
  QVERIFY2(resumed >= 2 * kBlock && resumed <= 12 * kMiB && resumed % kBlock == 0, std::to_string(resumed).c_str());
  QCOMPARE(again.sender_files.front().resumed_bytes, resumed);
  QVERIFY(same_contents(source / "big.bin", target / "big.bin"));
  QCOMPARE(list_files(target), std::vector<std::string>{"big.bin"});
}

void TestResume::cancelled_transfer_resumes_data() {
  QTest::addColumn<bool>("by_sender");
  QTest::newRow("the sending user cancels") << true;
  QTest::newRow("the receiving user cancels") << false;
}

// A user cancels once a few blocks have arrived: both sides say what arrived
// is kept, and sending again moves only the rest.
void TestResume::cancelled_transfer_resumes() {
  QFETCH(bool, by_sender);
  constexpr std::uint64_t kSize = 256 * kMiB;
  const fs::path source = fresh_dir("cancelled-src");
  const fs::path target = fresh_dir("cancelled-dst");
  write_random_file(source / "film.bin", kSize, 11);
  Receiver receiver(target);
  EventLog sender_log;
  TransferEngine sender({.identity = default_sender_identity()}, [&] { sender_log.notify(); });
  const TransferId sent = sender.send("127.0.0.1", receiver.port(), {source / "film.bin"});
  const auto two_blocks_in = [](const Event& e) {
    const auto* progress = std::get_if<Progress>(&e);
    return progress && progress->bytes_done >= 2 * kBlock;
  };
  if (by_sender) {
    QVERIFY(sender_log.wait_for(sender, two_blocks_in, kWait));
    sender.cancel(sent);
  } else {
    QVERIFY(receiver.log().wait_for(receiver.engine(), two_blocks_in, kWait));
    receiver.engine().cancel(receiver.log().all<SessionStarted>().back().id);
  }
  const auto is_done = [](const Event& e) { return std::holds_alternative<SessionDone>(e); };
  QVERIFY(sender_log.wait_for(sender, is_done, kWait));
  QVERIFY(receiver.log().wait_for(receiver.engine(), is_done, kWait));
  const SessionDone sender_done = sender_log.all<SessionDone>().front();
  const SessionDone receiver_done = receiver.log().all<SessionDone>().back();
  QVERIFY2(!sender_done.ok && !receiver_done.ok, "the transfer finished before the cancel");
  QCOMPARE(sender_done.cause, by_sender ? FailureCause::CancelledByUser : FailureCause::CancelledByPeer);
  QCOMPARE(receiver_done.cause, by_sender ? FailureCause::CancelledByPeer : FailureCause::CancelledByUser);
  QVERIFY(sender_done.resumable);
  QVERIFY(receiver_done.resumable);
  QCOMPARE(parts_in(target).size(), std::size_t{1});
  QCOMPARE(list_files(target).size(), std::size_t{1});  // no final name

  const Outcome again = send_and_wait(receiver, {source / "film.bin"}, {}, kWait);
  QVERIFY(again.sender && again.receiver);
  QVERIFY2(again.sender->ok, again.sender->error.c_str());
  const std::uint64_t resumed = again.sender_files.front().resumed_bytes;
  QVERIFY2(resumed >= 2 * kBlock && resumed % kBlock == 0, std::to_string(resumed).c_str());
  // Only the rest went over the wire.
  QCOMPARE(again.sender->data_bytes, kSize - resumed);
  QCOMPARE(again.receiver->data_bytes, kSize - resumed);
  QVERIFY(same_contents(source / "film.bin", target / "film.bin"));
  QCOMPARE(list_files(target), std::vector<std::string>{"film.bin"});
}

void TestResume::edited_source_resumes_from_the_first_difference() {
  const fs::path source = fresh_dir("edited-src");
  const fs::path target = fresh_dir("edited-dst");
  write_random_file(source / "doc.bin", 24 * kMiB, 2);
  Receiver receiver(target);
  cut(receiver, source / "doc.bin", target, 13 * kMiB, {});
  if (QTest::currentTestFailed()) return;
  overwrite_byte(source / "doc.bin", kBlock + 12345);  // in the second block

  const Outcome again = send_and_wait(receiver, {source / "doc.bin"}, {}, kWait);
  QVERIFY(again.receiver && again.receiver->ok);
  QCOMPARE(again.receiver_files.front().resumed_bytes, kBlock);
  QVERIFY(same_contents(source / "doc.bin", target / "doc.bin"));
  QCOMPARE(list_files(target), std::vector<std::string>{"doc.bin"});
}

void TestResume::damaged_part_is_not_trusted() {
  const fs::path source = fresh_dir("damaged-src");
  const fs::path target = fresh_dir("damaged-dst");
  write_random_file(source / "data.bin", 24 * kMiB, 3);
  Receiver receiver(target);
  cut(receiver, source / "data.bin", target, 13 * kMiB, {});
  if (QTest::currentTestFailed()) return;
  overwrite_byte(target / parts_in(target).front(), 100);  // the first block goes bad

  const Outcome again = send_and_wait(receiver, {source / "data.bin"}, {}, kWait);
  QVERIFY(again.receiver && again.receiver->ok);
  QCOMPARE(again.receiver_files.front().resumed_bytes, std::uint64_t{0});
  QVERIFY(same_contents(source / "data.bin", target / "data.bin"));
  QCOMPARE(list_files(target), std::vector<std::string>{"data.bin"});
}

void TestResume::no_resume_sends_everything() {
  const fs::path source = fresh_dir("fresh-src");
  const fs::path target = fresh_dir("fresh-dst");
  write_random_file(source / "data.bin", 24 * kMiB, 4);
  Receiver receiver(target);
  cut(receiver, source / "data.bin", target, 13 * kMiB, {});
  if (QTest::currentTestFailed()) return;

  const Outcome again = send_and_wait(receiver, {source / "data.bin"}, {.resume = false}, kWait);
  QVERIFY(again.receiver && again.receiver->ok);
  QCOMPARE(again.receiver_files.front().resumed_bytes, std::uint64_t{0});
  QCOMPARE(again.receiver->bytes, 24 * kMiB);
  QVERIFY(same_contents(source / "data.bin", target / "data.bin"));
  QCOMPARE(list_files(target), std::vector<std::string>{"data.bin"});  // the old part reused
}

void TestResume::files_already_there_are_skipped() {
  const fs::path source = fresh_dir("skip-src");
  const fs::path target = fresh_dir("skip-dst");
  fs::create_directories(source / "set");
  write_random_file(source / "set" / "large.bin", 9 * kMiB + 7, 5);
  write_random_file(source / "set" / "small.txt", 100, 6);
  write_random_file(source / "set" / "empty.txt", 0, 7);
  Receiver receiver(target);
  const Outcome first = send_and_wait(receiver, {source / "set"}, {}, kWait);
  QVERIFY(first.receiver && first.receiver->ok);

  const Outcome second = send_and_wait(receiver, {source / "set"}, {}, kWait);
  QVERIFY(second.sender && second.sender->ok);
  QVERIFY(second.receiver && second.receiver->ok);
  QCOMPARE(second.receiver_files.size(), std::size_t{3});
  for (const auto& file : second.receiver_files) {
    QVERIFY2(file.ok && file.resumed_bytes == file.bytes, file.path.c_str());
  }
  QCOMPARE(second.receiver->bytes, 9 * kMiB + 107);  // counted, not sent

  // Same size, other bytes: a different file, stored beside the old one.
  write_random_file(source / "set" / "small.txt", 100, 8);
  const Outcome third = send_and_wait(receiver, {source / "set"}, {}, kWait);
  QVERIFY(third.receiver && third.receiver->ok);
  const FileDone* small = received(third, "set/small (1).txt");
  QVERIFY(small && small->resumed_bytes == 0);
  QVERIFY(same_contents(source / "set" / "small.txt", target / "set" / "small (1).txt"));
  QCOMPARE(list_files(target),
           (std::vector<std::string>{"set/empty.txt", "set/large.bin", "set/small (1).txt", "set/small.txt"}));
}

// A relay that stops passing bytes: each side gives up after its idle timeout.
void TestResume::stalled_peers_time_out() {
  const fs::path source = fresh_dir("stall-src");
  const fs::path target = fresh_dir("stall-dst");
  write_random_file(source / "data.bin", 64 * kMiB, 9);
  const auto idle = std::chrono::milliseconds(1500);
  Receiver receiver(target, {.consent = ConsentPolicy::AcceptAll, .idle_timeout = idle});
  TcpRelay relay(receiver.port(), 2 * kMiB, TcpRelay::AtLimit::Stall);
  const auto started = std::chrono::steady_clock::now();
  const Outcome stalled =
      send_and_wait(receiver, {source / "data.bin"}, {.idle_timeout = idle}, std::chrono::seconds(30), relay.port());
  QVERIFY(relay.limit_reached());
  QVERIFY(stalled.sender && !stalled.sender->ok);
  QVERIFY2(stalled.sender->error.find("no progress") != std::string::npos, stalled.sender->error.c_str());
  QVERIFY(stalled.receiver && !stalled.receiver->ok);
  QVERIFY2(stalled.receiver->error.find("nothing received") != std::string::npos, stalled.receiver->error.c_str());
  QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
  QCOMPARE(list_files(target), std::vector<std::string>{});  // less than a block: nothing kept
}

// Parts of transfers never resumed go when a receiver starts, once they are a
// week old; fresh parts and other people's files stay.
void TestResume::week_old_part_files_are_removed() {
  const fs::path target = fresh_dir("stale-dst");
  const auto age = [&](const char* name, std::chrono::hours hours) {
    write_random_file(target / name, 1000, 10);
    fs::last_write_time(target / name, fs::file_time_type::clock::now() - hours);
  };
  age(".ferry-00000000000000aa.part", std::chrono::hours(24 * 8));
  age(".ferry-00000000000000bb.part", std::chrono::hours(24 * 6));
  age("notes.part", std::chrono::hours(24 * 30));
  Receiver receiver(target);
  const std::vector<std::string> left{".ferry-00000000000000bb.part", "notes.part"};
  QTRY_VERIFY_WITH_TIMEOUT(list_files(target) == left, 10'000);
}

QTEST_GUILESS_MAIN(TestResume)
#include "test_resume.moc"
