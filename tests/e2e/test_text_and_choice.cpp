// SPDX-License-Identifier: Apache-2.0
// Issue 17, items 1 and 3 (protocol version 6): a text travels in the offer,
// through the same consent and TLS as files, and is never written to the
// receive folder; the receiving user takes a part of an offer, or saves it
// into another folder, and the sender counts what was left out as skipped.
// Real engines on 127.0.0.1 and real ferry-cli processes.
#include <QProcess>
#include <QtTest>
#include <filesystem>
#include <functional>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "raw_peer.hpp"
#include "ferry/core/protocol/messages.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kText =
    "Meeting moved to 15:30.\nRoom \xE2\x80\x9C"
    "Fjord\xE2\x80\x9D \xE2\x9C\x93\n";

struct Exchange {
  std::optional<OfferReceived> offer;
  std::optional<SessionStarted> receiver_started;
  std::optional<SessionDone> sender;
  std::optional<SessionDone> receiver;
  std::vector<FileDone> sender_files;
};

// Sends `paths` and `text` to `receiver` (which asks), answers its offer with
// `answer(offer)` and waits for both ends.
Exchange exchange(Receiver& receiver, const std::vector<fs::path>& paths, const std::string& text,
                  const std::function<OfferAnswer(const OfferReceived&)>& answer) {
  EventLog log;
  EngineSettings settings;
  settings.identity = default_sender_identity();
  TransferEngine sender(settings, [&log] { log.notify(); });
  const TransferId id = sender.send("127.0.0.1", receiver.port(), paths, {}, text);
  Exchange result;
  const auto offers_before = receiver.log().all<OfferReceived>().size();
  const auto ends_before = receiver.log().all<SessionDone>().size();
  if (receiver.log().wait_for(
          receiver.engine(), [&](const Event&) { return receiver.log().all<OfferReceived>().size() > offers_before; },
          30s)) {
    result.offer = receiver.log().all<OfferReceived>().back();
    receiver.engine().respond(result.offer->id, answer(*result.offer));
  }
  const bool sent = log.wait_for(
      sender,
      [id](const Event& e) {
        const auto* done = std::get_if<SessionDone>(&e);
        return done && done->id == id;
      },
      60s);
  if (sent) result.sender = log.all<SessionDone>().back();
  result.sender_files = log.all<FileDone>();
  receiver.log().wait_for(
      receiver.engine(), [&](const Event&) { return receiver.log().all<SessionDone>().size() > ends_before; }, 30s);
  if (receiver.log().all<SessionDone>().size() > ends_before)
    result.receiver = receiver.log().all<SessionDone>().back();
  if (auto started = receiver.log().all<SessionStarted>(); !started.empty()) result.receiver_started = started.back();
  return result;
}

OfferAnswer accept_all(const OfferReceived&) { return {true, {}, {}}; }

// kit/a/1.bin, kit/a/2.bin, kit/b/3.bin, kit/b/empty/, kit/c.txt
fs::path make_kit(const std::string& name) {
  const fs::path kit = fresh_dir(name) / "kit";
  fs::create_directories(kit / "a");
  fs::create_directories(kit / "b" / "empty");
  write_random_file(kit / "a" / "1.bin", 300'000, 1);
  write_random_file(kit / "a" / "2.bin", 5'000'000, 2);
  write_random_file(kit / "b" / "3.bin", 2'000'000, 3);
  write_random_file(kit / "c.txt", 1000, 4);
  return kit;
}

// Everything but the folder "kit/b" and what it holds.
OfferAnswer without_b(const OfferReceived& offer, std::filesystem::path folder = {}) {
  OfferAnswer answer{true, std::vector<bool>(offer.entries->size()), std::move(folder)};
  for (std::size_t i = 0; i < offer.entries->size(); ++i) {
    const std::string& path = (*offer.entries)[i].path;
    answer.take[i] = !(path == "kit/b" || path.starts_with("kit/b/"));
  }
  return answer;
}

EngineSettings asking() { return {.consent = ConsentPolicy::Ask}; }

QString arg(const fs::path& path) { return QString::fromStdString(path.string()); }

}  // namespace

class TestTextAndChoice : public QObject {
  Q_OBJECT
 private slots:
  void a_text_alone_reaches_the_receiving_user();
  void a_declined_text_goes_nowhere();
  void a_text_longer_than_an_offer_carries_is_refused();
  void the_receiver_takes_a_part_and_the_sender_counts_the_rest_as_skipped();
  void a_transfer_goes_into_the_folder_chosen_for_it();
  void a_folder_outside_the_write_confinement_is_declined();
  void may_save_to_follows_the_confinement();
  void a_sender_sending_a_file_not_taken_is_cut_off();
  void two_ferry_clis_carry_a_text();
  void ferry_cli_sends_standard_input_as_text();
  void ferry_cli_receive_only_takes_what_it_names();
};

void TestTextAndChoice::a_text_alone_reaches_the_receiving_user() {
  const fs::path dir = fresh_dir("text-dst");
  Receiver receiver(dir, asking());
  const Exchange result = exchange(receiver, {}, kText, accept_all);
  QVERIFY(result.offer);
  QCOMPARE(result.offer->text, kText);
  QVERIFY(result.offer->entries->empty());
  QVERIFY(result.sender && result.receiver);
  QVERIFY2(result.sender->ok, result.sender->error.c_str());
  QVERIFY(result.receiver->ok);
  QCOMPARE(result.sender->files_ok + result.sender->files_failed + result.sender->files_skipped, 0u);
  // Nothing of it on the disk: the receive folder stays empty.
  QVERIFY(fs::is_empty(dir));
}

void TestTextAndChoice::a_declined_text_goes_nowhere() {
  const fs::path dir = fresh_dir("text-declined-dst");
  Receiver receiver(dir, asking());
  const Exchange result = exchange(receiver, {}, "not wanted", [](const OfferReceived&) { return OfferAnswer{}; });
  QVERIFY(result.sender && result.receiver);
  QVERIFY(!result.sender->ok);
  QCOMPARE(result.sender->cause, FailureCause::DeclinedByPeer);
  QCOMPARE(result.receiver->cause, FailureCause::DeclinedByUser);
  QVERIFY(fs::is_empty(dir));
}

void TestTextAndChoice::a_text_longer_than_an_offer_carries_is_refused() {
  EventLog log;
  EngineSettings settings;
  settings.identity = default_sender_identity();
  TransferEngine sender(settings, [&log] { log.notify(); });
  // No receiver is needed: the sender refuses before it connects.
  const TransferId id = sender.send("127.0.0.1", 9, {}, {}, std::string(protocol::kMaxOfferTextBytes + 1, 'x'));
  QVERIFY(log.wait_for(
      sender, [id](const Event& e) { return std::holds_alternative<SessionDone>(e); }, 10s));
  const SessionDone done = log.all<SessionDone>().front();
  QCOMPARE(done.id, id);
  QVERIFY(!done.ok);
  QVERIFY2(done.error.find("at most 1048576") != std::string::npos, done.error.c_str());
}

void TestTextAndChoice::the_receiver_takes_a_part_and_the_sender_counts_the_rest_as_skipped() {
  const fs::path kit = make_kit("part-src");
  const fs::path dir = fresh_dir("part-dst");
  Receiver receiver(dir, asking());
  const Exchange result =
      exchange(receiver, {kit}, "the photos you wanted", [](const OfferReceived& offer) { return without_b(offer); });
  QVERIFY(result.sender && result.receiver && result.receiver_started);
  QVERIFY2(result.sender->ok, result.sender->error.c_str());
  QVERIFY(result.receiver->ok);
  QCOMPARE(result.sender->files_ok, 3u);
  QCOMPARE(result.sender->files_failed, 0u);
  QCOMPARE(result.sender->files_skipped, 1u);
  QCOMPARE(result.receiver->files_skipped, 1u);
  QCOMPARE(result.sender_files.size(), std::size_t{3});
  for (const FileDone& file : result.sender_files) QVERIFY(!file.path.starts_with("kit/b/"));
  // What the receiver started counts only what it took.
  QCOMPARE(result.receiver_started->file_count, 3u);
  QCOMPARE(result.receiver_started->total_bytes, std::uint64_t{300'000 + 5'000'000 + 1000});
  QCOMPARE(result.receiver_started->taken, without_b(*result.offer).take);
  QCOMPARE(list_files(dir), (std::vector<std::string>{"kit/a/1.bin", "kit/a/2.bin", "kit/c.txt"}));
  QVERIFY(!fs::exists(dir / "kit" / "b"));  // not even the empty folder in it
  for (const std::string& file : list_files(dir)) QVERIFY(same_contents(dir / file, kit.parent_path() / file));
}

void TestTextAndChoice::a_transfer_goes_into_the_folder_chosen_for_it() {
  const fs::path kit = make_kit("elsewhere-src");
  const fs::path dir = fresh_dir("elsewhere-dst");
  const fs::path chosen = fresh_dir("elsewhere-chosen") / "new folder";
  Receiver receiver(dir, asking());
  const Exchange result = exchange(receiver, {kit}, {}, [&](const OfferReceived&) {
    return OfferAnswer{true, {}, chosen};
  });
  QVERIFY(result.sender && result.receiver);
  QVERIFY2(result.receiver->ok, result.receiver->error.c_str());
  QCOMPARE(result.sender->files_ok, 4u);
  QVERIFY(fs::is_empty(dir));
  QCOMPARE(list_files(chosen), (std::vector<std::string>{"kit/a/1.bin", "kit/a/2.bin", "kit/b/3.bin", "kit/c.txt"}));
  QVERIFY(fs::is_directory(chosen / "kit" / "b" / "empty"));
  // The same files again, into the same folder: already there.
  const Exchange again = exchange(receiver, {kit}, {}, [&](const OfferReceived&) {
    return OfferAnswer{true, {}, chosen};
  });
  QVERIFY(again.sender && again.sender->ok);
  QCOMPARE(again.sender->files_already_there, 4u);
}

void TestTextAndChoice::a_folder_outside_the_write_confinement_is_declined() {
  const fs::path kit = make_kit("confined-src");
  const fs::path dir = fresh_dir("confined-dst");
  const fs::path outside = fresh_dir("confined-outside");
  EngineSettings settings = asking();
  settings.writable_folders = std::vector<fs::path>{fresh_dir("confined-state")};
  Receiver receiver(dir, settings);
  const Exchange result =
      exchange(receiver, {kit}, {}, [&](const OfferReceived& offer) { return without_b(offer, outside); });
  QVERIFY(result.sender && result.receiver);
  QVERIFY(!result.sender->ok);
  QCOMPARE(result.sender->cause, FailureCause::DeclinedByPeer);
  QCOMPARE(result.receiver->cause, FailureCause::ReceiveFolderUnwritable);
  QVERIFY(fs::is_empty(outside));
  QVERIFY(fs::is_empty(dir));
}

void TestTextAndChoice::may_save_to_follows_the_confinement() {
  EngineSettings settings;
  settings.receive_dir = "/srv/ferry/in";
  QVERIFY(may_save_to(settings, "/anywhere"));  // not confined
  settings.writable_folders = std::vector<fs::path>{"/var/lib/ferry"};
  QVERIFY(may_save_to(settings, "/srv/ferry/in"));
  QVERIFY(may_save_to(settings, "/srv/ferry/in/photos"));
  QVERIFY(may_save_to(settings, "/srv/ferry/in/photos/"));
  QVERIFY(may_save_to(settings, "/var/lib/ferry/x"));
  QVERIFY(!may_save_to(settings, "/srv/ferry/inbox"));  // a sibling sharing a prefix
  QVERIFY(!may_save_to(settings, "/srv/ferry"));
  QVERIFY(!may_save_to(settings, "/srv/ferry/in/../out"));
}

// A hand-built sender ignores the receiver's choice: the file not taken is a
// protocol violation, and nothing of it reaches the disk.
void TestTextAndChoice::a_sender_sending_a_file_not_taken_is_cut_off() {
  const fs::path dir = fresh_dir("hostile-take-dst");
  Receiver receiver(dir, asking());
  auto peer = RawPeer::connect(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion, "raw peer"}) && peer->expect<protocol::Hello>());
  QVERIFY(peer->send(protocol::Offer{{{EntryKind::File, "wanted.txt", 5, 0}, {EntryKind::File, "pushed.txt", 5, 0}},
                                     "take only the first"}));
  QVERIFY(receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<OfferReceived>(e); }, 10s));
  const OfferReceived offer = receiver.log().all<OfferReceived>().front();
  QCOMPARE(offer.text, std::string("take only the first"));
  receiver.engine().respond(offer.id, OfferAnswer{true, {true, false}, {}});
  const auto accept = peer->expect<protocol::Accept>();
  QVERIFY(accept);
  QVERIFY(!accept->takes_all);
  QCOMPARE(accept->taken, std::vector<std::uint8_t>{0x01});
  QVERIFY(peer->send(protocol::FileBegin{1, 0}));
  QVERIFY(peer->send(protocol::DataHeader{5}));
  const char bytes[] = "hello";
  QVERIFY(peer->send_bytes(std::as_bytes(std::span(bytes, 5))));
  const auto last = peer->wait_closed();
  QVERIFY(last);
  QVERIFY(receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<SessionDone>(e); }, 10s));
  QCOMPARE(receiver.log().all<SessionDone>().front().cause, FailureCause::ProtocolError);
  QCOMPARE(list_files(dir), std::vector<std::string>{});
}

void TestTextAndChoice::two_ferry_clis_carry_a_text() {
  const fs::path dir = fresh_dir("cli-text-dst");
  QProcess receiver;
  const int port = start_cli_receiver(receiver, dir,
                                      {QStringLiteral("--once"), QStringLiteral("--no-announce"),
                                       QStringLiteral("--config-dir"), arg(fresh_dir("cli-text-rcfg"))});
  QVERIFY(port != 0);
  QProcess sender;
  sender.start(QStringLiteral(FERRY_CLI_PATH),
               {QStringLiteral("send"), QStringLiteral("--config-dir"), arg(fresh_dir("cli-text-scfg")),
                QStringLiteral("--text"), QString::fromStdString(kText), QStringLiteral("127.0.0.1:%1").arg(port)});
  sender.closeWriteChannel();
  QVERIFY(sender.waitForFinished(60'000));
  QVERIFY2(sender.exitCode() == 0, sender.readAllStandardError().constData());
  QVERIFY(receiver.waitForFinished(60'000));
  QCOMPARE(receiver.exitCode(), 0);
  // Into a pipe the text comes as it was sent.
  const QByteArray out = receiver.readAllStandardOutput();
  QVERIFY2(out.contains(QByteArray::fromStdString(kText)), out.constData());
  QVERIFY(fs::is_empty(dir));
}

void TestTextAndChoice::ferry_cli_sends_standard_input_as_text() {
  const fs::path dir = fresh_dir("cli-stdin-dst");
  const fs::path kit = make_kit("cli-stdin-src");
  QProcess receiver;
  const int port = start_cli_receiver(receiver, dir,
                                      {QStringLiteral("--once"), QStringLiteral("--no-announce"),
                                       QStringLiteral("--config-dir"), arg(fresh_dir("cli-stdin-rcfg"))});
  QVERIFY(port != 0);
  QProcess sender;
  sender.start(
      QStringLiteral(FERRY_CLI_PATH),
      {QStringLiteral("send"), QStringLiteral("--config-dir"), arg(fresh_dir("cli-stdin-scfg")),
       QStringLiteral("--text"), QStringLiteral("-"), QStringLiteral("127.0.0.1:%1").arg(port), arg(kit / "c.txt")});
  sender.write("line one\nline two\n");
  sender.closeWriteChannel();
  QVERIFY(sender.waitForFinished(60'000));
  QVERIFY2(sender.exitCode() == 0, sender.readAllStandardError().constData());
  QVERIFY(receiver.waitForFinished(60'000));
  QVERIFY(receiver.readAllStandardOutput().contains("line one\nline two\n"));
  QCOMPARE(list_files(dir), std::vector<std::string>{"c.txt"});
}

void TestTextAndChoice::ferry_cli_receive_only_takes_what_it_names() {
  const fs::path dir = fresh_dir("cli-only-dst");
  const fs::path kit = make_kit("cli-only-src");
  QProcess receiver;
  const int port =
      start_cli_receiver(receiver, dir,
                         {QStringLiteral("--once"), QStringLiteral("--no-announce"), QStringLiteral("--only"),
                          QStringLiteral("kit/a"), QStringLiteral("--only"), QStringLiteral("kit/c.txt"),
                          QStringLiteral("--config-dir"), arg(fresh_dir("cli-only-rcfg"))});
  QVERIFY(port != 0);
  QProcess sender;
  sender.start(QStringLiteral(FERRY_CLI_PATH),
               {QStringLiteral("send"), QStringLiteral("--json"), QStringLiteral("--config-dir"),
                arg(fresh_dir("cli-only-scfg")), QStringLiteral("127.0.0.1:%1").arg(port), arg(kit)});
  sender.closeWriteChannel();
  QVERIFY(sender.waitForFinished(60'000));
  const QByteArray out = sender.readAllStandardOutput();
  QVERIFY2(sender.exitCode() == 0, (out + sender.readAllStandardError()).constData());
  QVERIFY2(out.contains("\"files_skipped\":1"), out.constData());
  QVERIFY(receiver.waitForFinished(60'000));
  QCOMPARE(receiver.exitCode(), 0);
  QCOMPARE(list_files(dir), (std::vector<std::string>{"kit/a/1.bin", "kit/a/2.bin", "kit/c.txt"}));
  QVERIFY(!fs::exists(dir / "kit" / "b"));
}

QTEST_GUILESS_MAIN(TestTextAndChoice)
#include "test_text_and_choice.moc"
