// What the kernel sees: strace of a real `ferry-cli send` shows sendfile for a
// file below the threshold, and an O_DIRECT open plus io_uring_enter for one
// at or above it.
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"

using namespace ferry::test;
namespace fs = std::filesystem;

class TestSyscalls : public QObject {
  Q_OBJECT

 private slots:
  void strace_shows_sendfile_below_and_io_uring_direct_above_threshold();
};

void TestSyscalls::strace_shows_sendfile_below_and_io_uring_direct_above_threshold() {
  const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
  if (strace.isEmpty()) QSKIP("strace is not installed");
  const fs::path source = fresh_dir("strace-src");
  const fs::path target = fresh_dir("strace-dst");
  write_random_file(source / "small.bin", 64 * 1024, 1);
  write_random_file(source / "large.bin", 8 * 1024 * 1024, 2);
  const fs::path trace = source.parent_path() / "strace.log";

  QProcess receiver;
  const int port = start_cli_receiver(receiver, target, {QStringLiteral("--once")});
  QVERIFY(port > 0);
  QProcess sender;
  sender.start(strace, {QStringLiteral("-f"), QStringLiteral("-e"),
                        QStringLiteral("trace=openat,sendfile,io_uring_enter"), QStringLiteral("-o"),
                        QString::fromStdString(trace.string()), QStringLiteral(FERRY_CLI_PATH),
                        QStringLiteral("send"), QStringLiteral("--threshold"), QStringLiteral("1M"),
                        QStringLiteral("127.0.0.1:%1").arg(port),
                        QString::fromStdString((source / "small.bin").string()),
                        QString::fromStdString((source / "large.bin").string())});
  QVERIFY(sender.waitForFinished(60'000));
  QVERIFY(receiver.waitForFinished(30'000));
  if (sender.exitCode() != 0 && sender.readAllStandardError().contains("ptrace"))
    QSKIP("strace cannot trace here (ptrace not permitted)");
  QCOMPARE(sender.exitCode(), 0);
  QCOMPARE(receiver.exitCode(), 0);

  std::stringstream text;
  text << std::ifstream(trace).rdbuf();
  const QString log = QString::fromStdString(text.str());
  const auto opened_direct = [&](const char* name) {
    return QRegularExpression(QStringLiteral("openat\\(.*%1\", [^)]*O_DIRECT").arg(QLatin1String(name)))
        .match(log)
        .hasMatch();
  };
  QVERIFY2(log.contains(QStringLiteral("sendfile(")), "no sendfile in the trace");
  QVERIFY2(log.contains(QStringLiteral("io_uring_enter(")), "no io_uring_enter in the trace");
  QVERIFY2(opened_direct("large.bin"), "large.bin was not opened with O_DIRECT");
  QVERIFY2(!opened_direct("small.bin"), "small.bin was opened with O_DIRECT");
  QVERIFY(same_contents(source / "small.bin", target / "small.bin"));
  QVERIFY(same_contents(source / "large.bin", target / "large.bin"));
}

QTEST_GUILESS_MAIN(TestSyscalls)
#include "test_syscalls.moc"
