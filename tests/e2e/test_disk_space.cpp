// SPDX-License-Identifier: Apache-2.0
// A receive folder without room: an offer larger than the free space is
// declined up front with a clear error, and nothing is written; a disk that
// fills up during a session fails it clearly, with only whole files named,
// and the same send completes once there is room again. The folder is a
// small tmpfs this test mounts itself (root only).
#include <sys/mount.h>
#include <unistd.h>

#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

// A small tmpfs (8 MiB unless told) mounted on `path` for the lifetime of this object.
struct SmallDisk {
  fs::path path;
  const char* size = "size=8m";
  bool mounted = ::mount("ferry-test", path.c_str(), "tmpfs", 0, size) == 0;
  ~SmallDisk() {
    if (mounted) ::umount2(path.c_str(), MNT_DETACH);
  }
};

bool is_session_done(const Event& e) { return std::holds_alternative<SessionDone>(e); }

}  // namespace

class TestDiskSpace : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void offer_larger_than_free_space_is_declined();
  void disk_full_after_accepting_fails_cleanly();
  void disk_full_mid_session_then_room_again();
};

void TestDiskSpace::init() {
  if (::geteuid() != 0) QSKIP("mounting a small tmpfs needs root");
}

void TestDiskSpace::offer_larger_than_free_space_is_declined() {
  const fs::path source = fresh_dir("space-src");
  const fs::path target = fresh_dir("space-dst");
  const SmallDisk disk{target};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");

  write_random_file(source / "too-big.bin", 16 * 1024 * 1024, 1);
  Receiver receiver(target);
  const Outcome outcome = send_and_wait(receiver, {source / "too-big.bin"});
  QVERIFY(outcome.sender.has_value());
  QVERIFY(!outcome.sender->ok);
  QVERIFY2(outcome.sender->error.find("not enough space") != std::string::npos, outcome.sender->error.c_str());
  QVERIFY(outcome.receiver.has_value() && !outcome.receiver->ok);
  // The receiver declined by itself, not its user.
  QCOMPARE(outcome.sender->cause, FailureCause::DeclinedAutomatically);
  QCOMPARE(outcome.receiver->cause, FailureCause::DeclinedAutomatically);
  QVERIFY(fs::is_empty(target));
}

// The space was there when the offer came, and gone when the user accepted.
void TestDiskSpace::disk_full_after_accepting_fails_cleanly() {
  const fs::path source = fresh_dir("full-src");
  const fs::path target = fresh_dir("full-dst");
  const SmallDisk disk{target};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");
  write_random_file(source / "fits.bin", 6 * 1024 * 1024, 2);

  EngineSettings settings;
  settings.receive_dir = target;
  settings.bind_address = "127.0.0.1";
  settings.consent = ConsentPolicy::Ask;
  settings.identity = default_receiver_identity();
  EventLog receiver_log;
  TransferEngine receiver(settings, [&] { receiver_log.notify(); });
  receiver.listen();
  const auto listening = [](const Event& e) { return std::holds_alternative<ListeningStarted>(e); };
  QVERIFY(receiver_log.wait_for(receiver, listening, std::chrono::seconds(10)));

  EventLog sender_log;
  TransferEngine sender(EngineSettings{.identity = default_sender_identity()}, [&] { sender_log.notify(); });
  sender.send("127.0.0.1", receiver_log.all<ListeningStarted>().front().port, {source / "fits.bin"});
  const auto offered = [](const Event& e) { return std::holds_alternative<OfferReceived>(e); };
  QVERIFY(receiver_log.wait_for(receiver, offered, std::chrono::seconds(30)));
  write_random_file(target / "filler.bin", 4 * 1024 * 1024, 3);  // leaves less than 6 MiB
  receiver.respond(receiver_log.all<OfferReceived>().front().id, true);

  QVERIFY(sender_log.wait_for(sender, is_session_done, std::chrono::seconds(30)));
  QVERIFY(receiver_log.wait_for(receiver, is_session_done, std::chrono::seconds(30)));
  const SessionDone sent = sender_log.all<SessionDone>().front();
  QVERIFY(!sent.ok);
  QCOMPARE(sent.cause, FailureCause::DiskFull);
  // The sender hears what happened, never where on the receiver's disk.
  QVERIFY2(sent.error.find("disk is full") != std::string::npos, sent.error.c_str());
  QVERIFY2(sent.error.find(target.string()) == std::string::npos, sent.error.c_str());
  const SessionDone received = receiver_log.all<SessionDone>().front();
  QVERIFY(!received.ok);
  QCOMPARE(received.cause, FailureCause::DiskFull);
  QVERIFY2(received.error.find("No space left on device") != std::string::npos, received.error.c_str());
  QCOMPARE(list_files(target), std::vector<std::string>{"filler.bin"});
}

// The first file fits, the second finds the disk full; once the filler is
// gone, sending the same folder again skips the first and lands the second.
void TestDiskSpace::disk_full_mid_session_then_room_again() {
  const fs::path source = fresh_dir("midfull-src");
  const fs::path target = fresh_dir("midfull-dst");
  const SmallDisk disk{target, "size=16m"};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");
  fs::create_directories(source / "set");
  write_random_file(source / "set" / "a.bin", 6 * 1024 * 1024, 4);
  write_random_file(source / "set" / "b.bin", 6 * 1024 * 1024, 5);

  Receiver receiver(target, {.consent = ConsentPolicy::Ask});
  EventLog sender_log;
  TransferEngine sender(EngineSettings{.identity = default_sender_identity()}, [&] { sender_log.notify(); });
  sender.send("127.0.0.1", receiver.port(), {source / "set"});
  const auto offered = [](const Event& e) { return std::holds_alternative<OfferReceived>(e); };
  QVERIFY(receiver.log().wait_for(receiver.engine(), offered, std::chrono::seconds(30)));
  write_random_file(target / "filler.bin", 6 * 1024 * 1024, 6);  // room for one file, not two
  receiver.engine().respond(receiver.log().all<OfferReceived>().front().id, true);
  QVERIFY(sender_log.wait_for(sender, is_session_done, std::chrono::seconds(30)));
  // The receiver names a.bin on a worker and may still be at it when the
  // sender hears CANCEL: its own SessionDone promises the folder's final state.
  QVERIFY(receiver.log().wait_for(receiver.engine(), is_session_done, std::chrono::seconds(30)));
  const SessionDone failed = sender_log.all<SessionDone>().front();
  QVERIFY(!failed.ok);
  QCOMPARE(failed.cause, FailureCause::DiskFull);
  QVERIFY2(failed.error.find(target.string()) == std::string::npos, failed.error.c_str());
  QVERIFY(failed.resumable);  // a.bin arrived: sending again continues
  QCOMPARE(list_files(target), (std::vector<std::string>{"filler.bin", "set/a.bin"}));
  QVERIFY(same_contents(source / "set" / "a.bin", target / "set" / "a.bin"));

  fs::remove(target / "filler.bin");
  Receiver again(target);
  const Outcome outcome = send_and_wait(again, {source / "set"});
  QVERIFY(outcome.sender && outcome.sender->ok);
  QCOMPARE(outcome.receiver_files.size(), std::size_t{2});
  for (const auto& file : outcome.receiver_files)
    QCOMPARE(file.resumed_bytes, file.path == "set/a.bin" ? file.bytes : 0);
  QCOMPARE(list_files(target), (std::vector<std::string>{"set/a.bin", "set/b.bin"}));
  QVERIFY(same_contents(source / "set" / "b.bin", target / "set" / "b.bin"));
}

QTEST_GUILESS_MAIN(TestDiskSpace)
#include "test_disk_space.moc"
