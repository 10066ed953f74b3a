// SPDX-License-Identifier: Apache-2.0
// The bridge between engine and Qt with a real transfer on 127.0.0.1:
// progress reaches the GUI thread at most ten times a second, the last one
// before the session's end, and every event arrives on the GUI thread. A
// receiving engine confined to its folders (Landlock on Linux) is replaced
// when the receive folder changes: its transfer ends as cancelled, and the
// next one lands in the new folder.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <filesystem>

#include "engine_bridge.hpp"
#include "engine_harness.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;
namespace fs = std::filesystem;

class TestEngineBridge : public QObject {
  Q_OBJECT

 private slots:
  void progress_is_batched_and_ends_complete();
  void a_confined_receiver_is_replaced_for_a_new_folder();
};

void TestEngineBridge::progress_is_batched_and_ends_complete() {
  const fs::path source = fresh_dir("bridge-src");
  const fs::path target = fresh_dir("bridge-dst");
  for (int i = 0; i < 4; ++i) write_random_file(source / ("part-" + std::to_string(i)), 64 << 20, i);
  Receiver receiver(target);
  EngineBridge bridge(EngineSettings{.identity = default_sender_identity()});

  QList<qint64> progress_ms;
  std::uint64_t last_done = 0, total = 0;
  bool on_gui_thread = true;
  bool progress_after_end = false;
  bool ended = false;
  QElapsedTimer clock;
  clock.start();
  connect(&bridge, &EngineBridge::progress, this, [&](const Progress& progress) {
    on_gui_thread &= QThread::currentThread() == thread();
    progress_after_end |= ended;
    progress_ms.append(clock.elapsed());
    last_done = progress.bytes_done;
    total = progress.total_bytes;
  });
  QSignalSpy done(&bridge, &EngineBridge::session_done);
  connect(&bridge, &EngineBridge::session_done, this, [&] { ended = true; });

  bridge.send(QStringLiteral("127.0.0.1"), receiver.port(), {QString::fromStdU16String(source.u16string())});
  QVERIFY(done.wait(120'000));
  QVERIFY(done.first().at(0).value<SessionDone>().ok);
  QVERIFY(on_gui_thread);
  QVERIFY(!progress_after_end);
  QCOMPARE(last_done, total);  // the final progress came before the end
  QCOMPARE(total, std::uint64_t(4) << 26);
  QVERIFY(!progress_ms.isEmpty());
  // Not more than ten a second: besides the final one (flushed at the end),
  // consecutive updates are at least one tick (100 ms, minus timer slack) apart.
  for (qsizetype i = 1; i + 1 < progress_ms.size(); ++i)
    QVERIFY2(progress_ms[i] - progress_ms[i - 1] >= 90,
             qPrintable(QStringLiteral("updates %1 ms apart").arg(progress_ms[i] - progress_ms[i - 1])));
}

void TestEngineBridge::a_confined_receiver_is_replaced_for_a_new_folder() {
  const fs::path source = fresh_dir("confined-src");
  const fs::path first = fresh_dir("confined-first");
  const fs::path second = fresh_dir("confined-second");
  const fs::path config = fresh_dir("confined-config");
  write_random_file(source / "large.bin", 512 << 20, 31);
  write_random_file(source / "small.bin", 4096, 32);
  EngineSettings settings{.identity = default_receiver_identity(), .receive_dir = first, .state_dir = config};
  settings.writable_folders = std::vector<fs::path>{config};
  settings.bind_address = "127.0.0.1";
  settings.consent = ConsentPolicy::AcceptAll;
  EngineBridge receiver(settings);
  QSignalSpy listening(&receiver, &EngineBridge::listening);
  QSignalSpy started(&receiver, &EngineBridge::session_started);
  QSignalSpy received(&receiver, &EngineBridge::session_done);
  receiver.listen();
  QVERIFY(listening.wait(10'000));
  EngineBridge sender(EngineSettings{.identity = default_sender_identity()});
  QSignalSpy sent(&sender, &EngineBridge::session_done);

  sender.send(QStringLiteral("127.0.0.1"), listening.last().at(1).value<quint16>(),
              {QString::fromStdU16String((source / "large.bin").u16string())});
  QVERIFY(started.wait(30'000));
  settings.receive_dir = second;
  receiver.apply_settings(settings);
  QVERIFY(received.count() == 1 || received.wait(30'000));
  QCOMPARE(received.first().at(0).value<SessionDone>().cause, FailureCause::CancelledByUser);
  QVERIFY(sent.wait(30'000));
  QVERIFY(!sent.first().at(0).value<SessionDone>().ok);

  QVERIFY(listening.count() == 2 || listening.wait(10'000));
  sender.send(QStringLiteral("127.0.0.1"), listening.last().at(1).value<quint16>(),
              {QString::fromStdU16String((source / "small.bin").u16string())});
  QVERIFY(received.wait(30'000));
  QVERIFY(received.last().at(0).value<SessionDone>().ok);
  QVERIFY(same_contents(source / "small.bin", second / "small.bin"));
  QVERIFY(!fs::exists(first / "small.bin"));
}

QTEST_GUILESS_MAIN(TestEngineBridge)
#include "test_engine_bridge.moc"
