// SPDX-License-Identifier: Apache-2.0
// What a sending user sees before and around the bytes: the phases
// (connecting, waiting for acceptance), a connect that gives up in time with
// advice, causes as values, and figures counted from the first byte of data.
#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"
#include "ferry/platform/this_operating_system.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr auto kEngineWait = std::chrono::seconds(30);

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<SendPhase> phases_of(const EventLog& log) {
  std::vector<SendPhase> phases;
  for (const auto& changed : log.all<SendPhaseChanged>()) phases.push_back(changed.phase);
  return phases;
}

}  // namespace

class TestSendPhases : public QObject {
  Q_OBJECT
 private slots:
  void connect_times_out_with_advice();
  void refused_connect_says_what_to_check();
  void phases_then_timing_from_the_first_byte();
  void decline_has_a_cause_on_both_sides();
  void unanswered_offer_is_declined_automatically();
  void files_already_there_move_nothing();
  void each_side_learns_the_others_name_and_system();
};

// The receiver's address drops SYNs: the session gives up after
// connect_timeout, not after the system's minutes; the cause says what to
// check (the app and ferry-cli word it, test_failure_text and test_cli).
void TestSendPhases::connect_times_out_with_advice() {
  const fs::path source = fresh_dir("phases-timeout-src");
  write_random_file(source / "a.bin", 1000, 1);
  SilentListener silent;
  Sender sender({.connect_timeout = std::chrono::seconds(1)});
  const auto started = Clock::now();
  sender.send(silent.port(), {source / "a.bin"});
  const auto done = wait_session_done(sender.engine(), sender.log(), std::chrono::seconds(20));
  const auto took = Clock::now() - started;
  QVERIFY(done);
  QVERIFY(!done->ok);
  QCOMPARE(done->cause, FailureCause::ConnectTimedOut);
  QVERIFY(!done->resumable);
  QVERIFY2(took >= std::chrono::milliseconds(900) && took < std::chrono::seconds(6),
           std::to_string(std::chrono::duration<double>(took).count()).c_str());
  QCOMPARE(done->detail.operation.substr(0, 7), std::string("connect"));
  QVERIFY2(done->detail.code == std::errc::timed_out, done->error.c_str());
  QVERIFY(phases_of(sender.log()) == std::vector<SendPhase>{SendPhase::Connecting});
}

void TestSendPhases::refused_connect_says_what_to_check() {
  const fs::path source = fresh_dir("phases-refused-src");
  write_random_file(source / "a.bin", 1000, 2);
  Sender sender;
  sender.send(unused_port(), {source / "a.bin"});
  const auto done = wait_session_done(sender.engine(), sender.log(), kEngineWait);
  QVERIFY(done);
  QCOMPARE(done->cause, FailureCause::ConnectFailed);
  QCOMPARE(done->detail.operation, std::string("connect"));
  QVERIFY2(done->detail.code == std::errc::connection_refused, done->error.c_str());
}

// The receiving user takes 1.5 s to accept: the sender is Connecting, then
// AwaitingAcceptance, and neither side counts that wait in its speed.
void TestSendPhases::phases_then_timing_from_the_first_byte() {
  const fs::path source = fresh_dir("phases-timing-src");
  const fs::path target = fresh_dir("phases-timing-dst");
  write_random_file(source / "a.bin", 2 * kMiB, 3);
  Receiver receiver(target, {.consent = ConsentPolicy::Ask});
  Sender sender;
  sender.send(receiver.port(), {source / "a.bin"});
  QVERIFY(receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<OfferReceived>(e); }, kEngineWait));
  QVERIFY(sender.log().wait_for(
      sender.engine(),
      [](const Event& e) {
        const auto* changed = std::get_if<SendPhaseChanged>(&e);
        return changed && changed->phase == SendPhase::AwaitingAcceptance;
      },
      kEngineWait));
  QVERIFY((phases_of(sender.log()) == std::vector<SendPhase>{SendPhase::Connecting, SendPhase::AwaitingAcceptance}));
  QVERIFY(sender.log().all<SessionStarted>().empty());
  QTest::qWait(1500);
  receiver.engine().respond(receiver.log().all<OfferReceived>().front().id, true);
  const auto sent = wait_session_done(sender.engine(), sender.log(), kEngineWait);
  const auto received = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(sent && received);
  QVERIFY2(sent->ok, sent->error.c_str());
  QVERIFY2(received->ok, received->error.c_str());
  QCOMPARE(sent->cause, FailureCause::None);
  QCOMPARE(sent->data_bytes, 2 * kMiB);
  QCOMPARE(received->data_bytes, 2 * kMiB);
  QVERIFY2(sent->seconds > 0 && sent->seconds < 1.0, std::to_string(sent->seconds).c_str());
  QVERIFY2(received->seconds > 0 && received->seconds < 1.0, std::to_string(received->seconds).c_str());
  QVERIFY(same_contents(source / "a.bin", target / "a.bin"));
}

void TestSendPhases::decline_has_a_cause_on_both_sides() {
  const fs::path source = fresh_dir("phases-decline-src");
  const fs::path target = fresh_dir("phases-decline-dst");
  write_random_file(source / "a.bin", 1000, 4);
  Receiver receiver(target, {.consent = ConsentPolicy::Ask});
  Sender sender;
  sender.send(receiver.port(), {source / "a.bin"});
  QVERIFY(receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<OfferReceived>(e); }, kEngineWait));
  receiver.engine().respond(receiver.log().all<OfferReceived>().front().id, false);
  const auto sent = wait_session_done(sender.engine(), sender.log(), kEngineWait);
  const auto received = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(sent && received);
  QCOMPARE(sent->cause, FailureCause::DeclinedByPeer);
  QCOMPARE(received->cause, FailureCause::DeclinedByUser);
  QVERIFY(!sent->resumable && !received->resumable);
  QCOMPARE(sent->seconds, 0.0);
}

// Nobody answered (the offer timed out in the app): the receiver's own
// decline is not its user's.
void TestSendPhases::unanswered_offer_is_declined_automatically() {
  const fs::path source = fresh_dir("phases-unanswered-src");
  const fs::path target = fresh_dir("phases-unanswered-dst");
  write_random_file(source / "a.bin", 1000, 7);
  Receiver receiver(target, {.consent = ConsentPolicy::Ask});
  Sender sender;
  sender.send(receiver.port(), {source / "a.bin"});
  QVERIFY(receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<OfferReceived>(e); }, kEngineWait));
  receiver.engine().decline_unanswered(receiver.log().all<OfferReceived>().front().id);
  const auto sent = wait_session_done(sender.engine(), sender.log(), kEngineWait);
  const auto received = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(sent && received);
  QCOMPARE(received->cause, FailureCause::DeclinedAutomatically);
  QCOMPARE(sent->cause, FailureCause::DeclinedByPeer);
  QVERIFY2(sent->error.find("nobody answered") != std::string::npos, sent->error.c_str());
}

// Sent twice: the second time both files are already there; no data moves,
// so there is no speed to speak of.
void TestSendPhases::files_already_there_move_nothing() {
  const fs::path source = fresh_dir("phases-there-src");
  const fs::path target = fresh_dir("phases-there-dst");
  write_random_file(source / "a.bin", 5 * kMiB, 5);
  write_random_file(source / "b.bin", 3000, 6);
  Receiver receiver(target);
  const Outcome first = send_and_wait(receiver, {source / "a.bin", source / "b.bin"});
  QVERIFY(first.sender && first.sender->ok);
  QCOMPARE(first.sender->files_already_there, 0u);
  Receiver again(target);
  const Outcome second = send_and_wait(again, {source / "a.bin", source / "b.bin"});
  QVERIFY(second.sender && second.receiver);
  QVERIFY2(second.sender->ok, second.sender->error.c_str());
  QCOMPARE(second.sender->files_already_there, 2u);
  QCOMPARE(second.receiver->files_already_there, 2u);
  QCOMPARE(second.sender->data_bytes, std::uint64_t(0));
  QCOMPARE(second.sender->seconds, 0.0);
  QCOMPARE(second.receiver->seconds, 0.0);
}

// Who answered, as each HELLO tells it: a device added by address shows its
// name and OS once it answers. Hand-built peers claim Windows, so what the
// engine reports is what came over the wire, not its own system.
void TestSendPhases::each_side_learns_the_others_name_and_system() {
  const fs::path target = fresh_dir("phases-hello-dst");
  Receiver receiver(target, {.consent = ConsentPolicy::Ask});
  auto sending = RawPeer::connect(receiver.port());
  QVERIFY(sending);
  QVERIFY(sending->send(protocol::Hello{protocol::kVersion, "raw laptop", false, OperatingSystem::Windows}));
  const auto receivers_hello = sending->expect<protocol::Hello>();
  QVERIFY(receivers_hello);
  QCOMPARE(receivers_hello->os, platform::this_operating_system());
  QVERIFY(sending->send(protocol::Offer{{file_entry("a.txt", 0)}}));
  QVERIFY(receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<OfferReceived>(e); }, kEngineWait));
  const OfferReceived offer = receiver.log().all<OfferReceived>().front();
  QCOMPARE(offer.device_name, std::string("raw laptop"));
  QCOMPARE(offer.device_os, OperatingSystem::Windows);

  const fs::path source = fresh_dir("phases-hello-src");
  write_random_file(source / "a.bin", 1000, 6);
  RawListener listener;
  Sender sender;
  sender.send(listener.port(), {source / "a.bin"});
  auto receiving = listener.accept();
  QVERIFY(receiving);
  const auto senders_hello = receiving->expect<protocol::Hello>();
  QVERIFY(senders_hello);
  QCOMPARE(senders_hello->os, platform::this_operating_system());
  QVERIFY(receiving->expect<protocol::Offer>());
  QVERIFY(receiving->send(protocol::Hello{protocol::kVersion, "raw desk", false, OperatingSystem::Windows}));
  QVERIFY(receiving->send(protocol::Accept{}));
  QVERIFY(sender.log().wait_for(
      sender.engine(), [](const Event& e) { return std::holds_alternative<SessionStarted>(e); }, kEngineWait));
  const SessionStarted started = sender.log().all<SessionStarted>().front();
  QCOMPARE(started.device_name, std::string("raw desk"));
  QCOMPARE(started.device_os, OperatingSystem::Windows);
}

QTEST_GUILESS_MAIN(TestSendPhases)
#include "test_send_phases.moc"
