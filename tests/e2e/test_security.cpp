// SPDX-License-Identifier: Apache-2.0
// Identity, trust and the two transfer modes, end to end over 127.0.0.1 with
// real engines: what an attacker on the wire or a device posing as a pinned
// one can and cannot do.
#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"
#include "tcp_relay.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kFileBytes = 8 * 1024 * 1024;

// The end of sender session `id`, if it comes in time.
std::optional<SessionDone> session_end(TransferEngine& sender, EventLog& log, TransferId id) {
  const auto is_end = [id](const Event& e) {
    const auto* done = std::get_if<SessionDone>(&e);
    return done && done->id == id;
  };
  if (!log.wait_for(sender, is_end, std::chrono::seconds(30))) return std::nullopt;
  for (const auto& done : log.all<SessionDone>())
    if (done.id == id) return done;
  return std::nullopt;
}

bool offer_seen(Receiver& receiver, std::chrono::seconds timeout) {
  return receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<OfferReceived>(e); }, timeout);
}

}  // namespace

class TestSecurity : public QObject {
  Q_OBJECT

 private slots:
  void fast_mode_detects_a_tampered_byte();
  void encrypted_mode_breaks_on_a_tampered_byte();
  void fast_mode_only_for_a_sender_pinned_with_it();
  void changed_identity_is_never_auto_accepted();
  void pinned_device_with_auto_accept_needs_no_answer();
  void sender_refuses_an_unexpected_receiver();
  void second_waiting_offer_from_a_device_is_declined();
};

// File bytes cross the wire in the clear, but their digest is keyed by the
// TLS handshake: a flipped bit fails the file, and nothing gets its name.
void TestSecurity::fast_mode_detects_a_tampered_byte() {
  const fs::path source = fresh_dir("tamper-fast-src");
  const fs::path target = fresh_dir("tamper-fast-dst");
  write_random_file(source / "data.bin", kFileBytes, 11);
  Receiver receiver(target, trusting_default_sender_with_fast_mode());
  TcpRelay relay(receiver.port(), kFileBytes / 2, TcpRelay::AtLimit::Flip);
  const Outcome outcome = send_and_wait(receiver, {source / "data.bin"}, {}, std::chrono::seconds(120), relay.port(),
                                        SendPolicy{.fast_mode = true});
  QVERIFY(relay.limit_reached());
  QCOMPARE(receiver.log().all<SessionStarted>().front().mode, TransferMode::Fast);
  QVERIFY(outcome.sender && !outcome.sender->ok);
  QCOMPARE(outcome.sender_files.size(), std::size_t(1));
  QVERIFY(!outcome.sender_files.front().ok);
  QVERIFY2(outcome.sender_files.front().error.find("digest mismatch") != std::string::npos,
           outcome.sender_files.front().error.c_str());
  QVERIFY(list_files(target).empty());
}

// Inside TLS a changed byte fails the record's authentication: the session
// ends, and nothing gets its name.
void TestSecurity::encrypted_mode_breaks_on_a_tampered_byte() {
  const fs::path source = fresh_dir("tamper-tls-src");
  const fs::path target = fresh_dir("tamper-tls-dst");
  write_random_file(source / "data.bin", kFileBytes, 12);
  Receiver receiver(target);
  TcpRelay relay(receiver.port(), kFileBytes / 2, TcpRelay::AtLimit::Flip);
  const Outcome outcome = send_and_wait(receiver, {source / "data.bin"}, {}, std::chrono::seconds(120), relay.port());
  QVERIFY(relay.limit_reached());
  QVERIFY(outcome.sender && !outcome.sender->ok);
  QVERIFY(outcome.receiver && !outcome.receiver->ok);
  QVERIFY2(outcome.receiver->error.find("decrypt") != std::string::npos ||
               outcome.receiver->error.find("mac") != std::string::npos,
           outcome.receiver->error.c_str());
  for (const auto& name : list_files(target)) QVERIFY2(name.starts_with(".ferry-"), name.c_str());
  QVERIFY(!fs::exists(target / "data.bin"));
}

void TestSecurity::fast_mode_only_for_a_sender_pinned_with_it() {
  const fs::path source = fresh_dir("fast-unpinned-src");
  const fs::path target = fresh_dir("fast-unpinned-dst");
  write_random_file(source / "data.bin", 100'000, 13);
  Receiver receiver(target);  // pins nobody
  const Outcome outcome =
      send_and_wait(receiver, {source / "data.bin"}, {}, std::chrono::seconds(60), 0, SendPolicy{.fast_mode = true});
  QVERIFY(outcome.sender && outcome.sender->ok);
  QCOMPARE(receiver.log().all<SessionStarted>().front().mode, TransferMode::Encrypted);
  QCOMPARE(to_string(outcome.sender_files.front().strategy), to_string(Strategy::Buffered));
  QVERIFY(same_contents(source / "data.bin", target / "data.bin"));
}

// A device that takes the name of a pinned one, with another key: the
// offer is shown (with the warning), never accepted by itself, even when
// the receiver accepts everything else without asking.
void TestSecurity::changed_identity_is_never_auto_accepted() {
  const fs::path source = fresh_dir("impostor-src");
  const fs::path target = fresh_dir("impostor-dst");
  write_random_file(source / "data.bin", 1000, 14);
  EngineSettings receiver_settings{.consent = ConsentPolicy::AcceptAll};
  pin_peer(receiver_settings.known_peers, {fresh_identity("laptop")->fingerprint, "laptop", true, true});
  Receiver receiver(target, receiver_settings);

  EngineSettings impostor{.device_name = "laptop"};
  impostor.identity = fresh_identity("impostor");
  EventLog log;
  TransferEngine sender(impostor, [&log] { log.notify(); });
  const TransferId id = sender.send("127.0.0.1", receiver.port(), {source / "data.bin"});
  QVERIFY(offer_seen(receiver, std::chrono::seconds(30)));
  const OfferReceived offer = receiver.log().all<OfferReceived>().front();
  QCOMPARE(offer.identity.trust, PeerTrust::Changed);
  QCOMPARE(offer.identity.fingerprint, impostor.identity->fingerprint);
  QCOMPARE(offer.mode, TransferMode::Encrypted);
  QVERIFY(!offer.accepted_automatically);  // front ends must ask
  // Not accepted by itself: nothing starts.
  QVERIFY(!receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<SessionStarted>(e); },
      std::chrono::seconds(2)));
  receiver.engine().respond(offer.id, false);
  const auto done = session_end(sender, log, id);
  QVERIFY(done && !done->ok);
  QVERIFY2(done->error.find("declined") != std::string::npos, done->error.c_str());
  QVERIFY(list_files(target).empty());
}

void TestSecurity::pinned_device_with_auto_accept_needs_no_answer() {
  const fs::path source = fresh_dir("autoaccept-src");
  const fs::path target = fresh_dir("autoaccept-dst");
  write_random_file(source / "data.bin", 1000, 15);
  EngineSettings receiver_settings{.consent = ConsentPolicy::Ask};
  pin_peer(receiver_settings.known_peers, {default_sender_identity()->fingerprint, "sender", true, false});
  Receiver receiver(target, receiver_settings);
  const Outcome outcome = send_and_wait(receiver, {source / "data.bin"}, {}, std::chrono::seconds(60));
  QVERIFY(outcome.sender && outcome.sender->ok);
  QCOMPARE(receiver.log().all<OfferReceived>().front().identity.trust, PeerTrust::Known);
  QVERIFY(receiver.log().all<OfferReceived>().front().accepted_automatically);  // front ends must not ask
  QVERIFY(same_contents(source / "data.bin", target / "data.bin"));
}

// The sender checks the receiver's certificate before it offers anything.
void TestSecurity::sender_refuses_an_unexpected_receiver() {
  const fs::path source = fresh_dir("unexpected-src");
  const fs::path target = fresh_dir("unexpected-dst");
  write_random_file(source / "data.bin", 1000, 16);
  Receiver receiver(target);
  const std::string expected = fresh_identity("the real receiver")->fingerprint;
  const Outcome outcome = send_and_wait(receiver, {source / "data.bin"}, {}, std::chrono::seconds(60), 0,
                                        SendPolicy{.expected_fingerprint = expected});
  QVERIFY(outcome.sender && !outcome.sender->ok);
  QVERIFY2(outcome.sender->error.find("not the expected device") != std::string::npos, outcome.sender->error.c_str());
  QVERIFY(receiver.log().all<OfferReceived>().empty());
  QVERIFY(list_files(target).empty());
}

// One offer at a time per device waits for the user; more are declined at
// once instead of piling up dialogs.
void TestSecurity::second_waiting_offer_from_a_device_is_declined() {
  const fs::path source = fresh_dir("flood-src");
  const fs::path target = fresh_dir("flood-dst");
  write_random_file(source / "data.bin", 1000, 17);
  Receiver receiver(target, EngineSettings{.consent = ConsentPolicy::Ask});
  EngineSettings settings;
  settings.identity = default_sender_identity();
  EventLog log;
  TransferEngine sender(settings, [&log] { log.notify(); });
  const TransferId first = sender.send("127.0.0.1", receiver.port(), {source / "data.bin"});
  QVERIFY(offer_seen(receiver, std::chrono::seconds(30)));
  const TransferId second = sender.send("127.0.0.1", receiver.port(), {source / "data.bin"});
  const auto declined = session_end(sender, log, second);
  QVERIFY(declined && !declined->ok);
  QVERIFY2(declined->error.find("too many offers") != std::string::npos, declined->error.c_str());
  QCOMPARE(receiver.log().all<OfferReceived>().size(), std::size_t(1));
  sender.cancel(first);
  QVERIFY(list_files(target).empty());
}

QTEST_GUILESS_MAIN(TestSecurity)
#include "test_security.moc"
