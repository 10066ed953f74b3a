// What the kernel sees: strace of a real `ferry-cli send` shows, in fast mode,
// sendfile for a file below the threshold, and an O_DIRECT open plus
// io_uring_enter for one at or above it; inside TLS (the default) the same
// direct reads but no sendfile, since the bytes must be encrypted first.
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

namespace {

QString cli_output(const QStringList& arguments) {
  QProcess cli;
  cli.start(QStringLiteral(FERRY_CLI_PATH), arguments);
  if (!cli.waitForFinished(30'000) || cli.exitCode() != 0) return {};
  return QString::fromUtf8(cli.readAllStandardOutput()).trimmed();
}

}  // namespace

class TestSyscalls : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void strace_shows_sendfile_below_and_io_uring_direct_above_threshold_data();
  void strace_shows_sendfile_below_and_io_uring_direct_above_threshold();

 private:
  QString fast_config_;
};

// Both ferry-cli processes share an identity folder of the test's own. In
// the fast one the device is pinned with fast mode, so it asks for and gets
// fast mode when sending to itself; nobody is pinned in the other.
void TestSyscalls::initTestCase() {
  fast_config_ = QString::fromStdString(fresh_dir("syscalls-fast-config").string());
  qputenv("FERRY_CONFIG_DIR", fast_config_.toUtf8());
  const QStringList identity = cli_output({QStringLiteral("identity")}).split(QLatin1Char(' '), Qt::SkipEmptyParts);
  QVERIFY(!identity.isEmpty());
  QVERIFY(!cli_output({QStringLiteral("trust"), identity.last(), QStringLiteral("--fast")}).isEmpty());
}

void TestSyscalls::strace_shows_sendfile_below_and_io_uring_direct_above_threshold_data() {
  QTest::addColumn<bool>("fast_mode");
  QTest::addColumn<QString>("config_dir");
  QTest::newRow("fast mode") << true << fast_config_;
  QTest::newRow("encrypted") << false << QString::fromStdString(fresh_dir("syscalls-plain-config").string());
}

void TestSyscalls::strace_shows_sendfile_below_and_io_uring_direct_above_threshold() {
  QFETCH(bool, fast_mode);
  QFETCH(QString, config_dir);
  qputenv("FERRY_CONFIG_DIR", config_dir.toUtf8());
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
  QStringList arguments{QStringLiteral("-f"), QStringLiteral("-e"),
                        QStringLiteral("trace=openat,sendfile,io_uring_enter"), QStringLiteral("-o"),
                        QString::fromStdString(trace.string()), QStringLiteral(FERRY_CLI_PATH),
                        QStringLiteral("send"), QStringLiteral("--threshold"), QStringLiteral("1M")};
  if (fast_mode) arguments << QStringLiteral("--fast");
  arguments << QStringLiteral("127.0.0.1:%1").arg(port) << QString::fromStdString((source / "small.bin").string())
            << QString::fromStdString((source / "large.bin").string());
  sender.start(strace, arguments);
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
  if (fast_mode) QVERIFY2(log.contains(QStringLiteral("sendfile(")), "no sendfile in the trace");
  else QVERIFY2(!log.contains(QStringLiteral("sendfile(")), "sendfile inside TLS");
  QCOMPARE(sender.readAllStandardOutput().contains("fast mode"), fast_mode);
  QVERIFY2(log.contains(QStringLiteral("io_uring_enter(")), "no io_uring_enter in the trace");
  QVERIFY2(opened_direct("large.bin"), "large.bin was not opened with O_DIRECT");
  QVERIFY2(!opened_direct("small.bin"), "small.bin was opened with O_DIRECT");
  QVERIFY(same_contents(source / "small.bin", target / "small.bin"));
  QVERIFY(same_contents(source / "large.bin", target / "large.bin"));
}

QTEST_GUILESS_MAIN(TestSyscalls)
#include "test_syscalls.moc"
