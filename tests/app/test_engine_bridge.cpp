// The bridge between engine and Qt with a real transfer on 127.0.0.1:
// progress reaches the GUI thread at most ten times a second, the last one
// before the session's end, and every event arrives on the GUI thread.
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

QTEST_GUILESS_MAIN(TestEngineBridge)
#include "test_engine_bridge.moc"
