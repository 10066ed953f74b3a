// SPDX-License-Identifier: Apache-2.0
// Files that change between the offer and their turn: a vanished file, a
// truncated one and one rewritten in place (same size, new mtime) each fail
// alone, clearly, and the rest of the session lands.
#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

class TestSourceChanges : public QObject {
  Q_OBJECT

 private slots:
  void vanished_and_truncated_files_fail_alone();
};

void TestSourceChanges::vanished_and_truncated_files_fail_alone() {
  const fs::path source = fresh_dir("changes-src");
  const fs::path target = fresh_dir("changes-dst");
  write_random_file(source / "a-kept.bin", 100'000, 1);
  write_random_file(source / "b-vanishes.bin", 100'000, 2);
  write_random_file(source / "c-shrinks.bin", 3'000'000, 3);
  write_random_file(source / "d-kept.bin", 5'000'000, 4);
  write_random_file(source / "e-edited.bin", 200'000, 5);

  Receiver receiver(target, {.consent = ConsentPolicy::Ask});
  EventLog log;
  TransferEngine sender(EngineSettings{.identity = default_sender_identity()}, [&] { log.notify(); });
  sender.send("127.0.0.1", receiver.port(), {source});
  const auto offered = [](const Event& e) { return std::holds_alternative<OfferReceived>(e); };
  QVERIFY(receiver.log().wait_for(receiver.engine(), offered, std::chrono::seconds(30)));
  // The user takes a while to accept; meanwhile two files change.
  fs::remove(source / "b-vanishes.bin");
  fs::resize_file(source / "c-shrinks.bin", 1'000'000);
  write_random_file(source / "e-edited.bin", 200'000, 6);
  fs::last_write_time(source / "e-edited.bin", fs::last_write_time(source / "e-edited.bin") + std::chrono::seconds(5));
  receiver.engine().respond(receiver.log().all<OfferReceived>().front().id, true);

  const auto done = [](const Event& e) { return std::holds_alternative<SessionDone>(e); };
  QVERIFY(log.wait_for(sender, done, std::chrono::seconds(60)));
  const SessionDone sent = log.all<SessionDone>().front();
  QVERIFY(!sent.ok);
  QCOMPARE(sent.files_ok, 2u);
  QCOMPARE(sent.files_failed, 3u);
  for (const FileDone& file : log.all<FileDone>()) {
    const bool should_fail = file.path.find("vanishes") != std::string::npos ||
                             file.path.find("shrinks") != std::string::npos ||
                             file.path.find("edited") != std::string::npos;
    QCOMPARE(file.ok, !should_fail);
    const bool says_why =
        file.path.find("vanishes") != std::string::npos || file.error.find("changed") != std::string::npos;
    if (should_fail) QVERIFY2(says_why, (file.path + ": " + file.error).c_str());
  }
  const std::string folder = source.filename().string();
  QCOMPARE(list_files(target), (std::vector<std::string>{folder + "/a-kept.bin", folder + "/d-kept.bin"}));
  QVERIFY(same_contents(source / "d-kept.bin", target / folder / "d-kept.bin"));
}

QTEST_GUILESS_MAIN(TestSourceChanges)
#include "test_source_changes.moc"
