// SPDX-License-Identifier: Apache-2.0
// `ferry-cli send --limit` between two real ferry-cli processes: 8 MiB at
// 4 MiB/s takes about two seconds with every strategy, encrypted and in fast
// mode, and arrives whole with the strategy asked for; a bad value is a usage
// error (exit status 2) that names it.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <filesystem>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "time_scale.hpp"

using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr int kRunMs = 120'000;

QString arg(const fs::path& path) { return QString::fromStdString(path.string()); }

// Runs ferry-cli to its end with `config` as its configuration folder.
struct Run {
  int status = -1;
  QByteArray out;
  QByteArray err;
};

Run run_cli(const QStringList& arguments, const QString& config) {
  QProcess process;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), config);
  process.setProcessEnvironment(environment);
  process.start(QStringLiteral(FERRY_CLI_PATH), arguments);
  process.closeWriteChannel();
  if (!process.waitForFinished(kRunMs)) {
    process.kill();
    process.waitForFinished();
    return {};
  }
  return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
          process.readAllStandardError()};
}

// The first JSON line of `type` in ferry-cli's --json output.
QJsonObject json_event(const QByteArray& output, const QString& type) {
  for (const QByteArray& line : output.split('\n')) {
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    if (object.value(QStringLiteral("type")).toString() == type) return object;
  }
  return {};
}

}  // namespace

class TestCliUploadLimit : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void send_keeps_to_the_limit_data();
  void send_keeps_to_the_limit();
  void bad_limits_are_usage_errors_data();
  void bad_limits_are_usage_errors();

 private:
  QString fast_config_;
};

// A device pinned by itself with fast mode asks for it and gets it when it
// sends to itself (both processes share this configuration folder).
void TestCliUploadLimit::initTestCase() {
  fast_config_ = arg(fresh_dir("limit-fast-config"));
  const Run identity = run_cli({QStringLiteral("identity")}, fast_config_);
  QCOMPARE(identity.status, 0);
  const QString fingerprint =
      QString::fromUtf8(identity.out).split(QLatin1Char(' '), Qt::SkipEmptyParts).last().trimmed();
  QCOMPARE(run_cli({QStringLiteral("trust"), fingerprint, QStringLiteral("--fast")}, fast_config_).status, 0);
}

void TestCliUploadLimit::send_keeps_to_the_limit_data() {
  QTest::addColumn<QString>("strategy");
  QTest::addColumn<bool>("fast_mode");
  QTest::newRow("fast mode, zerocopy") << QStringLiteral("zerocopy") << true;
  QTest::newRow("fast mode, direct") << QStringLiteral("direct") << true;
  QTest::newRow("fast mode, buffered") << QStringLiteral("buffered") << true;
  // Inside TLS (without kernel TLS) file bytes pass through user memory: no zero-copy.
  QTest::newRow("encrypted, direct") << QStringLiteral("direct") << false;
  QTest::newRow("encrypted, buffered") << QStringLiteral("buffered") << false;
}

void TestCliUploadLimit::send_keeps_to_the_limit() {
  QFETCH(QString, strategy);
  QFETCH(bool, fast_mode);
  const QString config = fast_mode ? fast_config_ : arg(fresh_dir("limit-plain-config"));
  qputenv("FERRY_CONFIG_DIR", config.toUtf8());  // for the receiver
  const fs::path source = fresh_dir("cli-limit-src");
  const fs::path target = fresh_dir("cli-limit-dst");
  write_random_file(source / "eight.bin", 8 * 1024 * 1024, 7);
  QProcess receiver;
  const int port = start_cli_receiver(receiver, target, {QStringLiteral("--once")});
  QVERIFY(port > 0);

  QStringList arguments{QStringLiteral("send"), QStringLiteral("--json"),     QStringLiteral("--limit"),
                        QStringLiteral("4M"),   QStringLiteral("--strategy"), strategy};
  if (fast_mode) arguments << QStringLiteral("--fast");
  arguments << QStringLiteral("127.0.0.1:%1").arg(port) << arg(source / "eight.bin");
  const Run send = run_cli(arguments, config);
  QVERIFY2(send.status == 0, send.err.constData());
  QVERIFY(receiver.waitForFinished(30'000));
  QCOMPARE(receiver.exitCode(), 0);
  QVERIFY(same_contents(source / "eight.bin", target / "eight.bin"));

  QCOMPARE(json_event(send.out, QStringLiteral("session_started")).value(QStringLiteral("mode")).toString(),
           fast_mode ? QStringLiteral("fast") : QStringLiteral("encrypted"));
  QCOMPARE(json_event(send.out, QStringLiteral("file_done")).value(QStringLiteral("strategy")).toString(), strategy);
  const double seconds =
      json_event(send.out, QStringLiteral("session_done")).value(QStringLiteral("seconds")).toDouble();
  qInfo("8 MiB at 4 MiB/s in %.2f s", seconds);
  QVERIFY2(seconds >= 1.7, qPrintable(QStringLiteral("too fast: %1 s").arg(seconds)));
  QVERIFY2(seconds < 20.0 * time_scale(), qPrintable(QStringLiteral("too slow: %1 s").arg(seconds)));
}

void TestCliUploadLimit::bad_limits_are_usage_errors_data() {
  QTest::addColumn<QString>("value");
  QTest::newRow("unknown suffix") << QStringLiteral("20X");
  QTest::newRow("a sign") << QStringLiteral("-5M");
  QTest::newRow("below 1K") << QStringLiteral("100");
  QTest::newRow("empty") << QString();
}

void TestCliUploadLimit::bad_limits_are_usage_errors() {
  QFETCH(QString, value);
  const fs::path source = fresh_dir("cli-bad-limit-src");
  write_random_file(source / "one.bin", 1024, 8);
  const Run send = run_cli({QStringLiteral("send"), QStringLiteral("--limit=") + value, QStringLiteral("127.0.0.1:9"),
                            arg(source / "one.bin")},
                           arg(fresh_dir("cli-bad-limit-config")));
  QCOMPARE(send.status, 2);
  const QString error = QString::fromUtf8(send.err);
  QVERIFY2(error.contains(QStringLiteral("limit '%1'").arg(value)), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCliUploadLimit)
#include "test_cli_upload_limit.moc"
