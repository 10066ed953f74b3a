// SPDX-License-Identifier: Apache-2.0
// A receive folder without room: an offer larger than the free space is
// asked about with the free space, so that the user can take a part that
// fits, and an answer that takes more is declined with nothing written; one
// accepted without asking is declined up front with a clear error; a disk that
// fills up during a session fails it clearly, with only whole files named,
// and the same send completes once there is room again. The folder is a
// small tmpfs this test mounts itself (root only).
#include <unistd.h>

#include <QtTest>
#include <filesystem>
#include <functional>
#include <optional>

#include "engine_harness.hpp"
#include "small_disk.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

bool is_session_done(const Event& e) { return std::holds_alternative<SessionDone>(e); }
bool is_offer(const Event& e) { return std::holds_alternative<OfferReceived>(e); }

// By offer index: the entries whose path is `path`.
std::vector<bool> only(const OfferReceived& offer, const std::string& path) {
  std::vector<bool> take;
  for (const OfferEntry& entry : *offer.entries) take.push_back(entry.path == path);
  return take;
}

// Two files of 5 MiB, offered as a folder to an 8 MiB disk that asks:
// both sides' SessionDone once the receiver answered with `answer`.
struct AskedOffer {
  OfferReceived offer;
  SessionDone sent;
  SessionDone received;
};

std::optional<AskedOffer> offer_two_files(const fs::path& source, const fs::path& target,
                                          const std::function<OfferAnswer(const OfferReceived&)>& answer) {
  fs::create_directories(source / "set");
  write_random_file(source / "set" / "a.bin", 5 * 1024 * 1024, 7);
  write_random_file(source / "set" / "b.bin", 5 * 1024 * 1024, 8);
  Receiver receiver(target, {.consent = ConsentPolicy::Ask});
  EventLog sender_log;
  TransferEngine sender(EngineSettings{.identity = default_sender_identity()}, [&] { sender_log.notify(); });
  sender.send("127.0.0.1", receiver.port(), {source / "set"});
  if (!receiver.log().wait_for(receiver.engine(), is_offer, std::chrono::seconds(30))) return std::nullopt;
  AskedOffer asked{receiver.log().all<OfferReceived>().front(), {}, {}};
  receiver.engine().respond(asked.offer.id, answer(asked.offer));
  if (!sender_log.wait_for(sender, is_session_done, std::chrono::seconds(30))) return std::nullopt;
  if (!receiver.log().wait_for(receiver.engine(), is_session_done, std::chrono::seconds(30))) return std::nullopt;
  asked.sent = sender_log.all<SessionDone>().front();
  asked.received = receiver.log().all<SessionDone>().front();
  return asked;
}

}  // namespace

class TestDiskSpace : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void offer_larger_than_free_space_is_asked_and_a_part_that_fits_lands();
  void taking_more_than_fits_is_declined_for_space();
  void offer_accepted_without_asking_larger_than_free_space_is_declined();
  void a_folder_chosen_without_room_is_declined_for_space();
  void disk_full_after_accepting_fails_cleanly();
  void disk_full_mid_session_then_room_again();
};

void TestDiskSpace::init() {
  if (::geteuid() != 0) QSKIP("mounting a small tmpfs needs root");
}

void TestDiskSpace::offer_larger_than_free_space_is_asked_and_a_part_that_fits_lands() {
  const fs::path source = fresh_dir("part-src");
  const fs::path target = fresh_dir("part-dst");
  const SmallDisk disk{target};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");

  const auto asked = offer_two_files(source, target, [](const OfferReceived& offer) {
    return OfferAnswer{true, only(offer, "set/a.bin"), {}};
  });
  QVERIFY(asked);
  const OfferReceived& offer = asked->offer;
  QVERIFY(!offer.accepted_automatically);
  QVERIFY(offer.free_bytes.has_value());
  QVERIFY(*offer.free_bytes < offer.total_bytes);
  QVERIFY(*offer.free_bytes >= 5 * 1024 * 1024);
  QVERIFY(offer.held.empty());
  QCOMPARE(bytes_needed(*offer.entries, offer.held), offer.total_bytes);
  QCOMPARE(bytes_needed(*offer.entries, offer.held, only(offer, "set/a.bin")), std::uint64_t{5 * 1024 * 1024});

  QVERIFY2(asked->sent.ok, asked->sent.error.c_str());
  QVERIFY2(asked->received.ok, asked->received.error.c_str());
  QCOMPARE(asked->sent.files_ok, 1u);
  QCOMPARE(asked->sent.files_skipped, 1u);
  QCOMPARE(asked->received.files_skipped, 1u);
  QCOMPARE(list_files(target), std::vector<std::string>{"set/a.bin"});
  QVERIFY(same_contents(source / "set" / "a.bin", target / "set" / "a.bin"));
}

void TestDiskSpace::taking_more_than_fits_is_declined_for_space() {
  const fs::path source = fresh_dir("toomuch-src");
  const fs::path target = fresh_dir("toomuch-dst");
  const SmallDisk disk{target};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");

  const auto asked = offer_two_files(source, target, [](const OfferReceived&) { return OfferAnswer{true, {}, {}}; });
  QVERIFY(asked);
  QVERIFY(!asked->sent.ok);
  QCOMPARE(asked->sent.cause, FailureCause::DeclinedAutomatically);
  QVERIFY2(asked->sent.error.find("not enough space in the receive folder") != std::string::npos,
           asked->sent.error.c_str());
  QVERIFY2(asked->sent.error.find(target.string()) == std::string::npos, asked->sent.error.c_str());
  QVERIFY(!asked->received.ok);
  QCOMPARE(asked->received.cause, FailureCause::DeclinedAutomatically);
  QVERIFY(fs::is_empty(target));
}

void TestDiskSpace::offer_accepted_without_asking_larger_than_free_space_is_declined() {
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
  QVERIFY(receiver.log().all<OfferReceived>().empty());  // nobody to choose a part: never shown
  QVERIFY(fs::is_empty(target));
}

// The receive folder has room, the folder chosen for the transfer has not:
// its space is measured once it is chosen, and the answer is declined.
void TestDiskSpace::a_folder_chosen_without_room_is_declined_for_space() {
  const fs::path source = fresh_dir("chosen-src");
  const fs::path target = fresh_dir("chosen-dst");
  const fs::path chosen = fresh_dir("chosen-small");
  const SmallDisk disk{chosen};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");

  const auto asked = offer_two_files(source, target, [&](const OfferReceived&) {
    return OfferAnswer{true, {}, chosen};
  });
  QVERIFY(asked);
  QVERIFY(asked->offer.free_bytes.has_value());
  QVERIFY(*asked->offer.free_bytes >= asked->offer.total_bytes);
  QVERIFY(!asked->sent.ok);
  QCOMPARE(asked->sent.cause, FailureCause::DeclinedAutomatically);
  QVERIFY2(asked->sent.error.find("not enough space in the folder chosen") != std::string::npos,
           asked->sent.error.c_str());
  QCOMPARE(asked->received.cause, FailureCause::DeclinedAutomatically);
  QVERIFY(fs::is_empty(chosen));
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
