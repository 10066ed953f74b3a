// SPDX-License-Identifier: Apache-2.0
// Issue 19, defect 7: hundreds of idle connections from as many loopback
// addresses, against a real `ferry-cli receive` whose descriptor limit is
// low. The receiver must neither spin nor flood its log, and a legitimate
// send must still get through in good time: with a limit the connection
// gate alone keeps below (at most 64 connections in their handshake), and
// with one so low that accept itself runs out of descriptors (EMFILE).
#include <QElapsedTimer>
#include <QProcess>
#include <QtTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"

using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr int kIdleConnections = 300;

// Non-blocking connects from 127.0.1.N: the kernel completes them into the
// listen queue whether or not the receiver accepts.
std::vector<int> idle_connections(int port) {
  std::vector<int> fds;
  for (int i = 0; i < kIdleConnections; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) break;
    sockaddr_in source{};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr = htonl(0x7f000100u + 1 + static_cast<unsigned>(i % 250));  // 127.0.1.1 ..
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(static_cast<std::uint16_t>(port));
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
      ::close(fd);
      continue;
    }
    ::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target);
    fds.push_back(fd);
  }
  return fds;
}

// User + system CPU seconds of a process so far; -1 when it is gone.
double cpu_seconds(qint64 pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  const auto name_end = text.rfind(')');
  if (name_end == std::string::npos) return -1;
  std::istringstream fields(text.substr(name_end + 2));
  std::string skip;
  for (int i = 0; i < 11; ++i) fields >> skip;  // state .. cmajflt
  double user = 0, system = 0;
  fields >> user >> system;
  return (user + system) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace

class TestDescriptorExhaustion : public QObject {
  Q_OBJECT

 private slots:
  void idle_connections_do_not_lock_out_a_real_sender_data();
  void idle_connections_do_not_lock_out_a_real_sender();
};

void TestDescriptorExhaustion::idle_connections_do_not_lock_out_a_real_sender_data() {
  QTest::addColumn<int>("descriptor_limit");
  QTest::newRow("room for the gate's 64") << 256;
  QTest::newRow("accept runs out (EMFILE)") << 40;
}

void TestDescriptorExhaustion::idle_connections_do_not_lock_out_a_real_sender() {
  QFETCH(int, descriptor_limit);
  const fs::path source = fresh_dir("fd-source");
  const fs::path target = fresh_dir("fd-target");
  write_random_file(source / "real.bin", 8 * 1024 * 1024, 11);

  QProcess receiver;
  receiver.setChildProcessModifier([descriptor_limit] {
    const rlimit limit{static_cast<rlim_t>(descriptor_limit), static_cast<rlim_t>(descriptor_limit)};
    ::setrlimit(RLIMIT_NOFILE, &limit);
  });
  const int port = start_cli_receiver(receiver, target, {QStringLiteral("--no-announce")});
  QVERIFY(port > 0);

  const auto idle = idle_connections(port);
  QVERIFY(idle.size() >= 250);
  QTest::qWait(1000);
  // Three seconds under siege: the receiver must not spin.
  const double cpu_before = cpu_seconds(receiver.processId());
  QVERIFY2(cpu_before >= 0, receiver.readAllStandardError().constData());
  QTest::qWait(3000);
  const double cpu_after = cpu_seconds(receiver.processId());
  QVERIFY2(cpu_after >= 0, receiver.readAllStandardError().constData());
  const double cpu = cpu_after - cpu_before;
  qInfo("receiver CPU over 3 s with %zu idle connections: %.2f s", idle.size(), cpu);
  QVERIFY2(cpu < 0.5, "the receiver spins");

  QElapsedTimer clock;
  clock.start();
  QProcess sender;
  sender.start(QStringLiteral(FERRY_CLI_PATH), {QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(port),
                                                QString::fromStdString((source / "real.bin").string())});
  QVERIFY(sender.waitForFinished(60'000));
  const qint64 elapsed = clock.elapsed();
  qInfo("the real send took %lld ms", static_cast<long long>(elapsed));
  QCOMPARE(sender.exitCode(), 0);
  QVERIFY2(elapsed < 20'000, "the real sender waited too long");
  QVERIFY(same_contents(source / "real.bin", target / "real.bin"));

  for (const int fd : idle) ::close(fd);
  receiver.terminate();
  QVERIFY(receiver.waitForFinished(10'000));
  // Said once per episode, not once per failed accept.
  const QByteArray log = receiver.readAllStandardError() + receiver.readAllStandardOutput();
  const auto warnings = log.count("Too many open files");
  qInfo("'Too many open files' lines in the receiver's output: %lld", static_cast<long long>(warnings));
  if (warnings > 5) qInfo("%s", log.left(3000).constData());
  QVERIFY(warnings <= 5);
}

QTEST_GUILESS_MAIN(TestDescriptorExhaustion)
#include "test_descriptor_exhaustion.moc"
