// SPDX-License-Identifier: Apache-2.0
// ferry-cli as a first-time user meets it, run as real processes: help per
// command, suggestions for typos, the default port, distinct exit statuses, a
// failure told once and with advice, phases while connecting, honest
// summaries, Ctrl-C that keeps what arrived, and empty lists that say so.
#include <signal.h>
#include <sys/mount.h>
#include <unistd.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>
#include <cerrno>
#include <filesystem>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "raw_peer.hpp"
#include "test_network.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRunMs = 60'000;
constexpr std::uint64_t kMiB = 1024 * 1024;

struct Run {
  int status = -1;
  QString out;
  QString err;
};

QString cli() { return QStringLiteral(FERRY_CLI_PATH); }
QString arg(const fs::path& path) { return QString::fromStdString(path.string()); }

// Runs ferry-cli to its end, stdin closed, with its own configuration folder.
Run run_cli(const QStringList& arguments, const fs::path& config) {
  QProcess process;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), arg(config));
  process.setProcessEnvironment(environment);
  process.start(cli(), arguments);
  process.closeWriteChannel();
  if (!process.waitForFinished(kRunMs)) {
    process.kill();
    process.waitForFinished();
    return {};
  }
  return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
          QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// `ferry-cli receive` with a configuration folder of its own, not announcing.
int start_receiver(QProcess& receiver, const fs::path& dir, const fs::path& config, const QStringList& extra) {
  return start_asking_cli_receiver(
      receiver, dir, QStringList{QStringLiteral("--config-dir"), arg(config), QStringLiteral("--no-announce")} + extra);
}

int error_lines(const QString& text) { return static_cast<int>(text.count(QStringLiteral("error:"))); }

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void each_command_has_its_own_help();
  void typos_get_the_nearest_suggestion_data();
  void typos_get_the_nearest_suggestion();
  void connect_timeout_says_what_to_check();
  void refused_connection_exits_3();
  void decline_exits_4_and_is_told_once();
  void summary_counts_from_the_first_byte_and_files_already_there();
  void ctrl_c_keeps_what_arrived_and_the_next_send_continues();
  void read_only_receive_folder_is_not_shown_to_the_sender();
  void missing_port_means_53740();
  void empty_lists_say_so();
  void identity_escapes_its_host_name();

 private:
  fs::path config_;
};

void TestCli::init() { config_ = fresh_dir("cli-config"); }

void TestCli::each_command_has_its_own_help() {
  const Run send_help = run_cli({QStringLiteral("send"), QStringLiteral("--help")}, config_);
  QCOMPARE(send_help.status, 0);
  QVERIFY(send_help.out.startsWith(QStringLiteral("Usage: ferry-cli send")));
  QVERIFY(send_help.out.contains(QStringLiteral("--connect-timeout")));
  QVERIFY(!send_help.out.contains(QStringLiteral("--accept-all")));  // receive's, not send's
  QVERIFY(send_help.out.contains(QStringLiteral("130")));            // its exit statuses
  QCOMPARE(run_cli({QStringLiteral("help"), QStringLiteral("send")}, config_).out, send_help.out);
  for (const char* command : {"receive", "peers", "identity", "trust", "untrust", "help"}) {
    const Run help = run_cli({QStringLiteral("help"), QString::fromUtf8(command)}, config_);
    QCOMPARE(help.status, 0);
    QVERIFY2(help.out.startsWith(QStringLiteral("Usage: ferry-cli ") + QString::fromUtf8(command)),
             qPrintable(help.out));
  }
  const Run overview = run_cli({QStringLiteral("--help")}, config_);
  QCOMPARE(overview.status, 0);
  QCOMPARE(run_cli({QStringLiteral("help")}, config_).out, overview.out);
  for (const char* listed : {"receive", "send", "peers", "identity", "trust", "untrust", "Exit status"})
    QVERIFY2(overview.out.contains(QString::fromUtf8(listed)), listed);
  QVERIFY2(overview.out.count(QLatin1Char('\n')) < 40, "the overview is not every command's full help");
}

void TestCli::typos_get_the_nearest_suggestion_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("suggested");
  QTest::newRow("command") << QStringList{QStringLiteral("sned")} << QStringLiteral("did you mean send?");
  QTest::newRow("help topic") << QStringList{QStringLiteral("help"), QStringLiteral("recieve")}
                              << QStringLiteral("did you mean receive?");
  QTest::newRow("send option") << QStringList{QStringLiteral("send"), QStringLiteral("--conect-timeout"),
                                              QStringLiteral("3"), QStringLiteral("host"), QStringLiteral("x")}
                               << QStringLiteral("did you mean --connect-timeout?");
  QTest::newRow("receive option") << QStringList{QStringLiteral("receive"), QStringLiteral("--accept-al")}
                                  << QStringLiteral("did you mean --accept-all?");
}

void TestCli::typos_get_the_nearest_suggestion() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, suggested);
  const Run run = run_cli(arguments, config_);
  QCOMPARE(run.status, 2);
  QVERIFY2(run.err.contains(suggested), qPrintable(run.err));
  QVERIFY2(run.err.contains(QStringLiteral("Try 'ferry-cli ")), qPrintable(run.err));
}

// A receiver that never answers the connect: the user sees Connecting…, and
// after --connect-timeout one error saying what to check; exit status 3.
void TestCli::connect_timeout_says_what_to_check() {
  const fs::path source = fresh_dir("cli-timeout-src");
  write_random_file(source / "a.bin", 1000, 1);
  SilentListener silent;
  const QString target = QStringLiteral("127.0.0.1:%1").arg(silent.port());
  const auto started = Clock::now();
  const Run run = run_cli(
      {QStringLiteral("send"), QStringLiteral("--connect-timeout"), QStringLiteral("1"), target, arg(source / "a.bin")},
      config_);
  const auto took = Clock::now() - started;
  QCOMPARE(run.status, 3);
  QVERIFY(took < std::chrono::seconds(8));
  QVERIFY2(run.out.contains(QStringLiteral("Connecting to ") + target), qPrintable(run.out));
  QVERIFY2(!run.out.contains(QStringLiteral("Waiting for")), qPrintable(run.out));
  QCOMPARE(error_lines(run.err), 1);
  QVERIFY2(run.err.contains(QStringLiteral("firewall")) && run.err.contains(QStringLiteral("Ferry is running")),
           qPrintable(run.err));
}

void TestCli::refused_connection_exits_3() {
  const fs::path source = fresh_dir("cli-refused-src");
  write_random_file(source / "a.bin", 1000, 2);
  QProcess receiver;
  const int port = start_receiver(receiver, fresh_dir("cli-refused-dst"), fresh_dir("cli-refused-rcfg"), {});
  QVERIFY(port != 0);
  receiver.kill();  // the port is free again: connects are refused
  receiver.waitForFinished();
  const Run run =
      run_cli({QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(port), arg(source / "a.bin")}, config_);
  QCOMPARE(run.status, 3);
  QCOMPARE(error_lines(run.err), 1);
  QVERIFY2(run.err.contains(QStringLiteral("address and port")), qPrintable(run.err));

  // --json: the failure as values, for programs to act on.
  const Run json = run_cli({QStringLiteral("send"), QStringLiteral("--json"), QStringLiteral("127.0.0.1:%1").arg(port),
                            arg(source / "a.bin")},
                           config_);
  QCOMPARE(json.status, 3);
  const QString last = json.out.trimmed().split(QLatin1Char('\n')).last();
  const QJsonObject done = QJsonDocument::fromJson(last.toUtf8()).object();
  QCOMPARE(done.value(QStringLiteral("type")).toString(), QStringLiteral("session_done"));
  QCOMPARE(done.value(QStringLiteral("cause")).toString(), QStringLiteral("connect_failed"));
  const QJsonObject detail = done.value(QStringLiteral("detail")).toObject();
  QCOMPARE(detail.value(QStringLiteral("operation")).toString(), QStringLiteral("connect"));
  QCOMPARE(detail.value(QStringLiteral("code")).toInt(), ECONNREFUSED);
}

// A receiver without a terminal to ask declines: the sender exits 4 and says
// so once; the receiver's folder stays empty.
void TestCli::decline_exits_4_and_is_told_once() {
  const fs::path source = fresh_dir("cli-decline-src");
  const fs::path target = fresh_dir("cli-decline-dst");
  write_random_file(source / "a.bin", 1000, 3);
  QProcess receiver;
  const int port = start_receiver(receiver, target, fresh_dir("cli-decline-rcfg"), {QStringLiteral("--once")});
  QVERIFY(port != 0);
  const Run run =
      run_cli({QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(port), arg(source / "a.bin")}, config_);
  QCOMPARE(run.status, 4);
  QCOMPARE(error_lines(run.err), 1);
  QVERIFY2(run.err.contains(QStringLiteral("declined")), qPrintable(run.err));
  QVERIFY2(!run.out.contains(QStringLiteral("Failed")), qPrintable(run.out));
  QVERIFY2(run.out.contains(QStringLiteral("Waiting for 127.0.0.1:%1 to accept").arg(port)), qPrintable(run.out));
  QVERIFY(receiver.waitForFinished(kRunMs));
  QCOMPARE(receiver.exitCode(), 4);
  QVERIFY(fs::is_empty(target));
}

void TestCli::summary_counts_from_the_first_byte_and_files_already_there() {
  const fs::path source = fresh_dir("cli-summary-src");
  const fs::path target = fresh_dir("cli-summary-dst");
  write_random_file(source / "one.bin", 3 * kMiB, 4);
  QProcess receiver;
  const int port = start_receiver(receiver, target, fresh_dir("cli-summary-rcfg"), {QStringLiteral("--accept-all")});
  QVERIFY(port != 0);
  const QStringList send{QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(port), arg(source / "one.bin")};
  const Run first = run_cli(send, config_);
  QCOMPARE(first.status, 0);
  QVERIFY2(QRegularExpression(QStringLiteral("Done: 1 file, 3\\.0 MiB in [0-9.]+ s \\([0-9.]+ [KMG]iB/s\\)"))
               .match(first.out)
               .hasMatch(),
           qPrintable(first.out));
  QVERIFY2(first.out.contains(QStringLiteral("Sending 1 file (")), qPrintable(first.out));
  const Run again = run_cli(send, config_);
  QCOMPARE(again.status, 0);
  QVERIFY2(again.out.contains(QStringLiteral("Done: 1 file, all already there")), qPrintable(again.out));
  QVERIFY2(!again.out.contains(QStringLiteral("/s")), qPrintable(again.out));  // no speed for nothing moved
  receiver.kill();
  receiver.waitForFinished();
}

// Ctrl-C mid-file: exit 130, one error that promises the rest only because
// the receiver kept what arrived; the same send then continues and moves
// only the rest.
void TestCli::ctrl_c_keeps_what_arrived_and_the_next_send_continues() {
  const fs::path source = fresh_dir("cli-ctrlc-src");
  const fs::path target = fresh_dir("cli-ctrlc-dst");
  constexpr std::uint64_t kSize = 256 * kMiB;
  write_random_file(source / "film.bin", kSize, 5);
  QProcess receiver;
  const int port = start_receiver(receiver, target, fresh_dir("cli-ctrlc-rcfg"), {QStringLiteral("--accept-all")});
  QVERIFY(port != 0);
  const QString address = QStringLiteral("127.0.0.1:%1").arg(port);

  QProcess sender;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), arg(config_));
  sender.setProcessEnvironment(environment);
  sender.start(cli(), {QStringLiteral("send"), QStringLiteral("--json"), address, arg(source / "film.bin")});
  QVERIFY(sender.waitForStarted());
  // Waits for a progress line past two resume blocks, then presses Ctrl-C.
  const QRegularExpression progress(QStringLiteral("\"type\":\"progress\".*\"bytes_done\":(\\d+)"));
  bool interrupted = false;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (!interrupted && Clock::now() < deadline && sender.state() == QProcess::Running) {
    if (!sender.canReadLine() && !sender.waitForReadyRead(1000)) continue;
    while (sender.canReadLine()) {
      const auto match = progress.match(QString::fromUtf8(sender.readLine()));
      if (!interrupted && match.hasMatch() && match.captured(1).toULongLong() >= 8 * kMiB) {
        ::kill(static_cast<pid_t>(sender.processId()), SIGINT);
        interrupted = true;
      }
    }
  }
  QVERIFY2(interrupted, "the send ended before it could be interrupted");
  QVERIFY(sender.waitForFinished(kRunMs));
  QCOMPARE(sender.exitCode(), 130);
  const QString output = QString::fromUtf8(sender.readAllStandardOutput());
  QVERIFY2(output.contains(QStringLiteral("\"resumable\":true")), qPrintable(output));

  const Run again = run_cli({QStringLiteral("send"), address, arg(source / "film.bin")}, config_);
  QCOMPARE(again.status, 0);
  QVERIFY2(again.out.contains(QStringLiteral("(resumed at ")), qPrintable(again.out));
  // The summary counts what moved this time: less than the whole file.
  const auto moved = QRegularExpression(QStringLiteral("Done: 1 file, ([0-9.]+) MiB")).match(again.out);
  QVERIFY2(moved.hasMatch() && moved.captured(1).toDouble() <= 248.0, qPrintable(again.out));
  QVERIFY(same_contents(source / "film.bin", target / "film.bin"));
  receiver.kill();
  receiver.waitForFinished();
}

// The sender learns the receive folder cannot be written, not where it is;
// the receiving user sees the folder and the system's reason.
void TestCli::read_only_receive_folder_is_not_shown_to_the_sender() {
  if (::geteuid() != 0) QSKIP("mounting a read-only tmpfs needs root");
  const fs::path source = fresh_dir("cli-readonly-src");
  const fs::path target = fresh_dir("cli-readonly-dst");
  if (::mount("ferry-test", target.c_str(), "tmpfs", MS_RDONLY, "size=1m") != 0) QSKIP("cannot mount a tmpfs here");
  const auto unmount = qScopeGuard([&] { ::umount2(target.c_str(), MNT_DETACH); });
  write_random_file(source / "a.bin", 1000, 7);
  QProcess receiver;
  const int port = start_receiver(receiver, target, fresh_dir("cli-readonly-rcfg"),
                                  {QStringLiteral("--accept-all"), QStringLiteral("--once")});
  QVERIFY(port != 0);
  const Run run =
      run_cli({QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(port), arg(source / "a.bin")}, config_);
  QCOMPARE(run.status, 1);
  QCOMPARE(error_lines(run.err), 1);
  QVERIFY2(run.err.contains(QStringLiteral("receive folder cannot be written")), qPrintable(run.err));
  QVERIFY2(!run.err.contains(arg(target)) && !run.out.contains(arg(target)), qPrintable(run.err));
  QVERIFY(receiver.waitForFinished(kRunMs));
  const QString told = QString::fromUtf8(receiver.readAllStandardOutput() + receiver.readAllStandardError());
  QVERIFY2(told.contains(arg(target)) && told.contains(QStringLiteral("Read-only")), qPrintable(told));
  QVERIFY2(told.contains(QStringLiteral("choose another with --dir")), qPrintable(told));
}

// In a network of its own (no other receiver can be there), a send to a bare
// address reaches the receiver on Ferry's default port.
void TestCli::missing_port_means_53740() {
  if (!TestNetwork::running_as_root()) QSKIP("network namespaces need root");
  TestNetwork network(2);
  if (!network.error().isEmpty()) QSKIP(qPrintable(network.error()));
  const fs::path source = fresh_dir("cli-port-src");
  const fs::path target = fresh_dir("cli-port-dst");
  write_random_file(source / "a.bin", 5000, 6);
  QProcess receiver;
  network.start(receiver, 1, cli(),
                {QStringLiteral("receive"), QStringLiteral("--dir"), arg(target), QStringLiteral("--config-dir"),
                 arg(fresh_dir("cli-port-rcfg")), QStringLiteral("--accept-all"), QStringLiteral("--once"),
                 QStringLiteral("--no-announce")});
  QVERIFY(receiver.waitForReadyRead(10'000));
  QVERIFY(QString::fromUtf8(receiver.readLine()).contains(QStringLiteral(":53740,")));
  QProcess sender;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), arg(config_));
  network.start(sender, 2, cli(), {QStringLiteral("send"), network.ipv4_address(1), arg(source / "a.bin")},
                environment);
  QVERIFY(sender.waitForFinished(kRunMs));
  const QString output = QString::fromUtf8(sender.readAllStandardOutput());
  QVERIFY2(sender.exitCode() == 0, qPrintable(output + QString::fromUtf8(sender.readAllStandardError())));
  QVERIFY2(output.contains(QStringLiteral("Connecting to %1:53740").arg(network.ipv4_address(1))), qPrintable(output));
  QVERIFY(receiver.waitForFinished(kRunMs));
  QVERIFY(same_contents(source / "a.bin", target / "a.bin"));
}

void TestCli::empty_lists_say_so() {
  const Run trust = run_cli({QStringLiteral("trust")}, config_);
  QCOMPARE(trust.status, 0);
  QVERIFY2(trust.err.contains(QStringLiteral("no pinned peers")), qPrintable(trust.err));
  if (!TestNetwork::running_as_root()) QSKIP("an empty network needs a namespace (root)");
  TestNetwork network(1);
  if (!network.error().isEmpty()) QSKIP(qPrintable(network.error()));
  for (const bool json : {false, true}) {
    QProcess peers;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), arg(config_));
    QStringList arguments{QStringLiteral("peers"), QStringLiteral("--timeout"), QStringLiteral("1")};
    if (json) arguments << QStringLiteral("--json");
    network.start(peers, 1, cli(), arguments, environment);
    QVERIFY(peers.waitForFinished(kRunMs));
    QCOMPARE(peers.exitCode(), 0);
    QCOMPARE(peers.readAllStandardOutput(), QByteArray());  // --json: stdout stays JSON lines only
    const QString err = QString::fromUtf8(peers.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("no Ferry receivers found")), qPrintable(err));
    // One line pointing to the page of causes and checks.
    QVERIFY2(err.contains(QStringLiteral("hint: Can't see your device?")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("docs/discovery.md")), qPrintable(err));
  }
}

// A host name with a terminal escape in it is printed harmless, as every
// name from a peer is.
void TestCli::identity_escapes_its_host_name() {
  if (!TestNetwork::running_as_root()) QSKIP("a host name of its own needs a UTS namespace (root)");
  QProcess identity;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), arg(config_));
  environment.insert(QStringLiteral("FERRY_CLI"), cli());
  identity.setProcessEnvironment(environment);
  identity.start(QStringLiteral("unshare"),
                 {QStringLiteral("--uts"), QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("printf 'evil\\033]0;x\\007host' > /proc/sys/kernel/hostname && "
                                 "exec \"$FERRY_CLI\" identity")});
  QVERIFY(identity.waitForFinished(kRunMs));
  const QByteArray out = identity.readAllStandardOutput();
  QVERIFY2(identity.exitCode() == 0, identity.readAllStandardError().constData());
  QVERIFY2(out.startsWith("evil"), out.constData());
  QVERIFY(!out.contains('\033') && !out.contains('\007'));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
