// SPDX-License-Identifier: Apache-2.0
// Peer discovery where the network drops multicast: real ferry-cli processes
// on an Ethernet segment of network namespaces whose switch forwards no
// multicast (tests/support/posix/test_network.hpp), as many access points
// and snooping switches do. `ferry-cli peers` on a third host finds both
// receivers through the unicast sweep of its /24 (its log says it swept) and
// prints where to send; the receivers find each other the same way and keep
// each other listed past the time a silent peer expires. Needs root for the
// namespaces; skips otherwise.
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <array>
#include <filesystem>
#include <memory>

#include "engine_harness.hpp"
#include "test_network.hpp"

using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr int kHosts = 3;  // two receivers and a host that only looks
constexpr int kReceivers = 2;

QString host_name(int host) { return QStringLiteral("host-%1").arg(host); }

QString qpath(const fs::path& path) { return QString::fromStdString(path.string()); }

// Reads `process`'s stderr until `text` appears or `timeout_ms` pass; all it read.
QByteArray wait_for_stderr(QProcess& process, const QByteArray& text, int timeout_ms, QByteArray& seen) {
  QElapsedTimer clock;
  clock.start();
  while (!seen.contains(text) && clock.elapsed() < timeout_ms) {
    process.waitForReadyRead(100);
    seen += process.readAllStandardError();
  }
  return seen;
}

}  // namespace

class TestDiscoveryUnicast : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void peers_finds_the_receivers_by_the_sweep();
  void receivers_find_each_other_and_stay_listed();

 private:
  QProcessEnvironment environment_of(int host) const;
  std::unique_ptr<TestNetwork> network_;
  fs::path root_;
  std::array<std::unique_ptr<QProcess>, kReceivers + 1> receivers_;  // by host number
  std::array<QByteArray, kReceivers + 1> receiver_logs_;
};

void TestDiscoveryUnicast::initTestCase() {
  if (!TestNetwork::running_as_root()) QSKIP("needs root: the test makes network namespaces of its own");
  network_ = std::make_unique<TestNetwork>(kHosts);
  QVERIFY2(network_->error().isEmpty(), qPrintable(network_->error()));
  QVERIFY2(network_->drop_multicast(), qPrintable(network_->error()));
  root_ = fresh_dir("discovery-unicast");
  for (int host = 1; host <= kReceivers; ++host) {
    const fs::path received = root_ / host_name(host).toStdString() / "received";
    fs::create_directories(received);
    receivers_[host] = std::make_unique<QProcess>();
    network_->start(*receivers_[host], host, QStringLiteral(FERRY_CLI_PATH),
                    {"receive", "--dir", qpath(received), "--accept-all", "--name", host_name(host),
                     "--announce-interval", "1", "-v"},
                    environment_of(host));
  }
  for (int host = 1; host <= kReceivers; ++host) {
    QProcess& receiver = *receivers_[host];
    while (!receiver.canReadLine() || !receiver.readLine().startsWith("Listening on")) {
      QVERIFY2(receiver.canReadLine() || receiver.waitForReadyRead(20'000),
               qPrintable(receiver.readAllStandardError()));
    }
  }
}

void TestDiscoveryUnicast::cleanupTestCase() {
  for (auto& receiver : receivers_) {
    if (!receiver) continue;
    receiver->kill();
    receiver->waitForFinished(5'000);
  }
  network_.reset();
}

QProcessEnvironment TestDiscoveryUnicast::environment_of(int host) const {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), qpath(root_ / host_name(host).toStdString() / "config"));
  return environment;
}

void TestDiscoveryUnicast::peers_finds_the_receivers_by_the_sweep() {
  QProcess peers;
  network_->start(peers, 3, QStringLiteral(FERRY_CLI_PATH), {"peers", "--json", "--timeout", "4", "-v"},
                  environment_of(3));
  QVERIFY(peers.waitForFinished(30'000));
  QCOMPARE(peers.exitCode(), 0);
  const QByteArray log = peers.readAllStandardError();
  QVERIFY2(log.contains("looking by unicast"), log.constData());
  QMap<QString, QString> endpoints;  // by name
  for (const QByteArray& line : peers.readAllStandardOutput().split('\n')) {
    const QJsonObject json = QJsonDocument::fromJson(line).object();
    if (json.value(QStringLiteral("type")).toString() != QLatin1String("peer")) continue;
    QStringList listed;
    for (const auto& value : json.value(QStringLiteral("endpoints")).toArray()) listed.append(value.toString());
    endpoints.insert(json.value(QStringLiteral("name")).toString(), listed.join(' '));
  }
  QCOMPARE(endpoints.keys(), (QStringList{host_name(1), host_name(2)}));
  for (int host = 1; host <= kReceivers; ++host)
    QCOMPARE(endpoints.value(host_name(host)), network_->ipv4_address(host) + ":53740");
}

void TestDiscoveryUnicast::receivers_find_each_other_and_stay_listed() {
  for (int host = 1; host <= kReceivers; ++host) {
    const QByteArray other = host_name(3 - host).toUtf8();
    wait_for_stderr(*receivers_[host], "peer found: " + other, 15'000, receiver_logs_[host]);
    QVERIFY2(receiver_logs_[host].contains("peer found: " + other), receiver_logs_[host].constData());
  }
  // A peer heard no more is forgotten 4 s after its last datagram (interval
  // 1 s); they keep sending to each other by unicast, so neither goes.
  for (int host = 1; host <= kReceivers; ++host)
    wait_for_stderr(*receivers_[host], "peer gone", 6'000 / kReceivers, receiver_logs_[host]);
  for (int host = 1; host <= kReceivers; ++host)
    QVERIFY2(!receiver_logs_[host].contains("peer gone"), receiver_logs_[host].constData());
}

QTEST_GUILESS_MAIN(TestDiscoveryUnicast)
#include "test_discovery_unicast.moc"
