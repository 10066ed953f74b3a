// SPDX-License-Identifier: Apache-2.0
// `ferry-cli send --to A --to B` as real processes: two real `ferry-cli
// receive`s on their own loopback addresses get the same folder from one
// send, each in its own session; one receiver declining or unreachable
// leaves the other's files whole and verified, and the exit status says the
// send was partial; every line and JSON event names its receiver; each
// receiver's session reads the files itself, once.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr int kRunMs = 120'000;
constexpr std::uint64_t kMiB = 1024 * 1024;

struct Run {
  int status = -1;
  QString out;
  QString err;
};

QString arg(const fs::path& path) { return QString::fromStdString(path.string()); }

Run run_cli(const QStringList& arguments, const fs::path& config) {
  QProcess process;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), arg(config));
  process.setProcessEnvironment(environment);
  process.start(QStringLiteral(FERRY_CLI_PATH), arguments);
  process.closeWriteChannel();
  if (!process.waitForFinished(kRunMs)) {
    process.kill();
    process.waitForFinished();
    return {};
  }
  return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
          QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// A real receiver on its own loopback address, with its own identity.
struct CliReceiver {
  QProcess process;
  fs::path dir;
  QString address;  // HOST:PORT

  CliReceiver(const std::string& name, const QString& host, bool accept_all) : dir(fresh_dir(name + "-dst")) {
    QStringList extra{QStringLiteral("--config-dir"), arg(fresh_dir(name + "-cfg")), QStringLiteral("--no-announce"),
                      QStringLiteral("--once"),       QStringLiteral("--bind"),      host};
    if (accept_all) extra.prepend(QStringLiteral("--accept-all"));
    const int port = start_asking_cli_receiver(process, dir, extra);
    if (port != 0) address = QStringLiteral("%1:%2").arg(host).arg(port);
  }
  ~CliReceiver() {
    process.kill();
    process.waitForFinished();
  }
  // The receiver's exit status once its one session ended, -1 if it did not.
  int finished() {
    if (!process.waitForFinished(kRunMs)) return -1;
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  }
};

// A folder of a few files, one of them past the direct-I/O threshold, and an
// empty folder.
fs::path sample_folder(const std::string& name) {
  const fs::path source = fresh_dir(name) / "album";
  fs::create_directories(source / "empty");
  fs::create_directories(source / "inner");
  write_random_file(source / "small.txt", 1000, 11);
  write_random_file(source / "inner" / "photo.jpg", 3 * kMiB, 12);
  write_random_file(source / "video.bin", 40 * kMiB, 13);
  return source;
}

bool received_whole(const fs::path& source, const fs::path& dir) {
  const fs::path copy = dir / source.filename();
  if (list_files(copy) != list_files(source)) return false;
  if (!fs::is_directory(copy / "empty")) return false;
  for (const std::string& file : list_files(source))
    if (!same_contents(source / utf8_path(file), copy / utf8_path(file))) return false;
  // Nothing half-written next to the files.
  return list_files(dir).size() == list_files(source).size();
}

// The bytes the traced process read from files named `name`: pread64 and read
// results on descriptors strace -y shows as that file (one trace per thread,
// -ff, so no call is split across lines).
std::uint64_t bytes_read_from(const fs::path& trace_dir, const std::string& name) {
  const QRegularExpression call(QStringLiteral(R"(^(?:pread64|read)\(\d+<[^>]*/%1>, .* = (\d+)$)")
                                    .arg(QRegularExpression::escape(QString::fromStdString(name))));
  std::uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(trace_dir)) {
    std::stringstream text;
    text << std::ifstream(entry.path()).rdbuf();
    for (const QString& line : QString::fromStdString(text.str()).split(QLatin1Char('\n'))) {
      const QRegularExpressionMatch match = call.match(line);
      if (match.hasMatch()) total += match.captured(1).toULongLong();
    }
  }
  return total;
}

QList<QJsonObject> json_lines(const QString& out) {
  QList<QJsonObject> lines;
  for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
    lines.append(QJsonDocument::fromJson(line.toUtf8()).object());
  return lines;
}

}  // namespace

class TestCliSeveralReceivers : public QObject {
  Q_OBJECT
 private slots:
  void init() { config_ = fresh_dir("several-config"); }
  void both_receive_the_same_folder();
  void json_events_name_their_receiver();
  void one_declines_the_other_still_gets_everything();
  void one_unreachable_the_other_still_gets_everything();
  void each_receiver_reads_the_files_once();
  void command_line_mistakes_are_refused();

 private:
  fs::path config_;
};

void TestCliSeveralReceivers::both_receive_the_same_folder() {
  const fs::path source = sample_folder("several-both-src");
  CliReceiver a("several-both-a", QStringLiteral("127.0.0.2"), true);
  CliReceiver b("several-both-b", QStringLiteral("127.0.0.3"), true);
  QVERIFY(!a.address.isEmpty() && !b.address.isEmpty());
  const Run run = run_cli(
      {QStringLiteral("send"), QStringLiteral("--to"), a.address, QStringLiteral("--to"), b.address, arg(source)},
      config_);
  QVERIFY2(run.status == 0, qPrintable(run.out + run.err));
  QVERIFY(run.err.isEmpty());
  QCOMPARE(a.finished(), 0);
  QCOMPARE(b.finished(), 0);
  QVERIFY(received_whole(source, a.dir));
  QVERIFY(received_whole(source, b.dir));
  // Every line names its receiver; each got its own session and its own summary.
  const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  const auto summary = lines.indexOf(QStringLiteral("Summary: 2 of 2 receivers got every file"));
  QVERIFY2(summary >= 0 && summary + 2 < lines.size(), qPrintable(run.out));
  for (int i = 0; i < summary; ++i)
    QVERIFY2(lines[i].startsWith(a.address + QLatin1Char(':')) || lines[i].startsWith(b.address + QLatin1Char(':')),
             qPrintable(lines[i]));
  for (const QString& address : {a.address, b.address}) {
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^%1: Sending 3 files").arg(address))).size(), 1);
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^%1: Done: 3 files").arg(address))).size(), 1);
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^  %1: done: 3 files").arg(address))).size(), 1);
  }
}

void TestCliSeveralReceivers::json_events_name_their_receiver() {
  const fs::path source = sample_folder("several-json-src");
  CliReceiver a("several-json-a", QStringLiteral("127.0.0.2"), true);
  CliReceiver b("several-json-b", QStringLiteral("127.0.0.3"), true);
  QVERIFY(!a.address.isEmpty() && !b.address.isEmpty());
  const Run run = run_cli({QStringLiteral("send"), QStringLiteral("--json"), QStringLiteral("--to"), a.address,
                           QStringLiteral("--to"), b.address, arg(source)},
                          config_);
  QCOMPARE(run.status, 0);
  const QList<QJsonObject> events = json_lines(run.out);
  QVERIFY(events.size() > 4);
  QMap<QString, qint64> session_of;  // recipient → id
  int files_done = 0;
  for (const QJsonObject& event : events.mid(0, events.size() - 1)) {
    const QString recipient = event.value(QStringLiteral("recipient")).toString();
    QVERIFY2(recipient == a.address || recipient == b.address, qPrintable(QJsonDocument(event).toJson()));
    const qint64 id = event.value(QStringLiteral("id")).toInteger();
    QCOMPARE(session_of.value(recipient, id), id);  // one session per receiver
    session_of[recipient] = id;
    if (event.value(QStringLiteral("type")).toString() == QStringLiteral("file_done")) {
      QVERIFY(event.value(QStringLiteral("ok")).toBool());
      ++files_done;
    }
  }
  QCOMPARE(session_of.size(), 2);
  QVERIFY(session_of.value(a.address) != session_of.value(b.address));
  QCOMPARE(files_done, 6);  // 3 files each (the empty folder is no file)
  const QJsonObject summary = events.last();
  QCOMPARE(summary.value(QStringLiteral("type")).toString(), QStringLiteral("send_summary"));
  QCOMPARE(summary.value(QStringLiteral("exit_status")).toInt(), 0);
  const QJsonArray recipients = summary.value(QStringLiteral("recipients")).toArray();
  QCOMPARE(recipients.size(), 2);
  QCOMPARE(recipients[0].toObject().value(QStringLiteral("recipient")).toString(), a.address);
  QCOMPARE(recipients[1].toObject().value(QStringLiteral("recipient")).toString(), b.address);
  for (const auto& recipient : recipients) QVERIFY(recipient.toObject().value(QStringLiteral("ok")).toBool());
  QCOMPARE(a.finished(), 0);
  QCOMPARE(b.finished(), 0);
}

// A receiver without a terminal to ask declines; the other accepts.
void TestCliSeveralReceivers::one_declines_the_other_still_gets_everything() {
  const fs::path source = sample_folder("several-decline-src");
  CliReceiver declining("several-decline-a", QStringLiteral("127.0.0.2"), false);
  CliReceiver accepting("several-decline-b", QStringLiteral("127.0.0.3"), true);
  QVERIFY(!declining.address.isEmpty() && !accepting.address.isEmpty());
  const Run run = run_cli({QStringLiteral("send"), QStringLiteral("--to"), declining.address, QStringLiteral("--to"),
                           accepting.address, arg(source)},
                          config_);
  QVERIFY2(run.status == 5, qPrintable(run.out + run.err));
  QCOMPARE(accepting.finished(), 0);
  QCOMPARE(declining.finished(), 4);
  QVERIFY(received_whole(source, accepting.dir));
  QVERIFY(fs::is_empty(declining.dir));
  // The failure is told once, naming its receiver; the summary has both.
  QCOMPARE(run.err.count(QStringLiteral("error:")), 1);
  QVERIFY2(run.err.contains(declining.address + QStringLiteral(": ")) && run.err.contains(QStringLiteral("declined")),
           qPrintable(run.err));
  QVERIFY2(run.out.contains(QStringLiteral("Summary: 1 of 2 receivers got every file")), qPrintable(run.out));
  QVERIFY2(run.out.contains(QStringLiteral("  %1: FAILED: ").arg(declining.address)), qPrintable(run.out));
  QVERIFY2(run.out.contains(QStringLiteral("  %1: done: 3 files").arg(accepting.address)), qPrintable(run.out));
}

// Nobody listens at one address: the connect is refused at once.
void TestCliSeveralReceivers::one_unreachable_the_other_still_gets_everything() {
  const fs::path source = sample_folder("several-refused-src");
  QString gone;
  {
    CliReceiver stopped("several-refused-a", QStringLiteral("127.0.0.2"), true);
    gone = stopped.address;
  }  // killed: its port refuses connects now
  CliReceiver accepting("several-refused-b", QStringLiteral("127.0.0.3"), true);
  QVERIFY(!gone.isEmpty() && !accepting.address.isEmpty());
  const Run run = run_cli({QStringLiteral("send"), QStringLiteral("--json"), QStringLiteral("--to"), accepting.address,
                           QStringLiteral("--to"), gone, arg(source)},
                          config_);
  QCOMPARE(run.status, 5);
  QCOMPARE(accepting.finished(), 0);
  QVERIFY(received_whole(source, accepting.dir));
  const QJsonObject summary = json_lines(run.out).last();
  QCOMPARE(summary.value(QStringLiteral("exit_status")).toInt(), 5);
  const QJsonArray recipients = summary.value(QStringLiteral("recipients")).toArray();
  QCOMPARE(recipients.size(), 2);
  QCOMPARE(recipients[0].toObject().value(QStringLiteral("exit_status")).toInt(), 0);
  QCOMPARE(recipients[1].toObject().value(QStringLiteral("recipient")).toString(), gone);
  QCOMPARE(recipients[1].toObject().value(QStringLiteral("exit_status")).toInt(), 3);
}

// strace of the sender: each session reads every file itself, so two
// receivers cost two reads of each file, and no more (buffered: the bytes go
// through pread, where strace sees how many).
void TestCliSeveralReceivers::each_receiver_reads_the_files_once() {
  const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
  if (strace.isEmpty()) QSKIP("strace is not installed");
  const fs::path source = fresh_dir("several-reads-src");
  write_random_file(source / "large-once.bin", 9 * kMiB + 5, 15);
  write_random_file(source / "small-once.bin", 70'000, 16);
  const fs::path traces = fresh_dir("several-reads-trace");
  CliReceiver a("several-reads-a", QStringLiteral("127.0.0.2"), true);
  CliReceiver b("several-reads-b", QStringLiteral("127.0.0.3"), true);
  QVERIFY(!a.address.isEmpty() && !b.address.isEmpty());
  QProcess sender;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), arg(config_));
  sender.setProcessEnvironment(environment);
  sender.start(strace,
               {QStringLiteral("-ff"), QStringLiteral("-y"), QStringLiteral("-e"), QStringLiteral("trace=pread64,read"),
                QStringLiteral("-o"), arg(traces / "t"), QStringLiteral(FERRY_CLI_PATH), QStringLiteral("send"),
                QStringLiteral("--strategy"), QStringLiteral("buffered"), QStringLiteral("--to"), a.address,
                QStringLiteral("--to"), b.address, arg(source / "large-once.bin"), arg(source / "small-once.bin")});
  sender.closeWriteChannel();
  QVERIFY(sender.waitForFinished(kRunMs));
  if (sender.exitCode() != 0 && sender.readAllStandardError().contains("ptrace"))
    QSKIP("strace cannot trace here (ptrace not permitted)");
  QCOMPARE(sender.exitCode(), 0);
  QCOMPARE(a.finished(), 0);
  QCOMPARE(b.finished(), 0);
  for (const char* name : {"large-once.bin", "small-once.bin"}) {
    QVERIFY(same_contents(source / name, a.dir / name));
    QVERIFY(same_contents(source / name, b.dir / name));
    QCOMPARE(bytes_read_from(traces, name), 2 * fs::file_size(source / name));
  }
}

void TestCliSeveralReceivers::command_line_mistakes_are_refused() {
  const fs::path source = fresh_dir("several-usage-src");
  write_random_file(source / "a.bin", 100, 14);
  const QString file = arg(source / "a.bin");
  const QString fingerprint(64, QLatin1Char('a'));
  struct Case {
    QStringList arguments;
    QString said;
  };
  const QList<Case> cases{
      {{QStringLiteral("--to"), QStringLiteral("127.0.0.2:9"), QStringLiteral("--to"), QStringLiteral("127.0.0.2:9"),
        file},
       QStringLiteral("given twice")},
      {{QStringLiteral("--to"), QStringLiteral("127.0.0.2:9"), QStringLiteral("--to"), QStringLiteral("127.0.0.3:9"),
        QStringLiteral("--peer-id"), fingerprint, file},
       QStringLiteral("--peer-id")},
      {{QStringLiteral("--to"), QStringLiteral("127.0.0.2:9")}, QStringLiteral("at least one PATH")},
      {{QStringLiteral("--to"), QStringLiteral("127.0.0.2:notaport"), file}, QStringLiteral("notaport")},
  };
  for (const Case& each : cases) {
    const Run run = run_cli(QStringList{QStringLiteral("send")} + each.arguments, config_);
    QCOMPARE(run.status, 2);
    QVERIFY2(run.err.contains(each.said), qPrintable(run.err));
  }
}

QTEST_GUILESS_MAIN(TestCliSeveralReceivers)
#include "test_cli_several_receivers.moc"
