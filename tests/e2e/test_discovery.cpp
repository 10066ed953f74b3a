// SPDX-License-Identifier: Apache-2.0
// Peer discovery between real ferry-cli processes on an Ethernet segment of
// network namespaces made by the test (tests/support/posix/test_network.hpp):
// three hosts, each receiving and announcing. `ferry-cli peers` on each sees
// the two others over IPv4 and IPv6; a transfer to the HOST:PORT it printed
// lands; in a watcher's view a host that stops says goodbye at once and one
// killed without a word expires after three announce intervals plus a
// second. Needs root for the namespaces; skips otherwise.
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>
#include <array>
#include <filesystem>
#include <memory>

#include "engine_harness.hpp"
#include "test_network.hpp"

using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr int kHosts = 3;
constexpr int kAnnounceIntervalSeconds = 1;
// A silent peer is forgotten three intervals plus a second after it was last
// heard; the kill comes up to an interval after that.
constexpr double kEarliestExpiry = 3.0 * kAnnounceIntervalSeconds - 0.5;
constexpr double kLatestExpiry = 4.0 * kAnnounceIntervalSeconds + 2.0;

QString host_name(int host) { return QStringLiteral("host-%1").arg(host); }

QString qpath(const fs::path& path) { return QString::fromStdString(path.string()); }

QList<QJsonObject> json_lines(const QByteArray& output) {
  QList<QJsonObject> objects;
  for (const QByteArray& line : output.split('\n')) {
    if (!line.trimmed().isEmpty()) objects.append(QJsonDocument::fromJson(line).object());
  }
  return objects;
}

QStringList endpoints_of(const QJsonObject& peer) {
  QStringList endpoints;
  for (const auto& value : peer.value(QStringLiteral("endpoints")).toArray()) endpoints.append(value.toString());
  return endpoints;
}

// A `peers --json` process whose lines are kept with the time they came.
class Watcher {
 public:
  struct Line {
    double at = 0;  // seconds since the watcher started
    QJsonObject json;
  };

  QProcess& process() { return process_; }
  double now() const { return static_cast<double>(clock_.elapsed()) / 1000; }

  // The first line of `type` about `name`, read so far or within `timeout_s`.
  std::optional<Line> wait_for(const QString& type, const QString& name, double timeout_s) {
    const double deadline = now() + timeout_s;
    for (std::size_t seen = 0;; ++seen) {
      while (seen == lines_.size()) {
        if (now() > deadline) return std::nullopt;
        if (process_.canReadLine())
          lines_.push_back({now(), QJsonDocument::fromJson(process_.readLine()).object()});
        else
          process_.waitForReadyRead(100);
      }
      const QJsonObject& json = lines_[seen].json;
      if (json.value(QStringLiteral("type")).toString() == type &&
          json.value(QStringLiteral("name")).toString() == name)
        return lines_[seen];
    }
  }

 private:
  QProcess process_;
  QElapsedTimer clock_ = started();
  std::vector<Line> lines_;

  static QElapsedTimer started() {
    QElapsedTimer clock;
    clock.start();
    return clock;
  }
};

}  // namespace

class TestDiscovery : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void every_host_sees_the_two_others_over_ipv4_and_ipv6();
  void sends_to_the_addresses_peers_printed();
  void a_stopped_host_leaves_and_a_killed_one_expires();

 private:
  QProcessEnvironment environment_of(int host) const;
  // ferry-cli ARGUMENTS inside `host`, to its end; its stdout, or nullopt when it failed.
  std::optional<QByteArray> run_cli(int host, const QStringList& arguments, int timeout_ms);
  void start_cli(QProcess& process, int host, const QStringList& arguments) const;
  // The final "peer" objects of `peers --json` in `host`, by name.
  QMap<QString, QJsonObject> peers_seen_from(int host);
  std::unique_ptr<TestNetwork> network_;
  fs::path root_;
  std::array<std::unique_ptr<QProcess>, kHosts + 1> receivers_;  // by host number
};

void TestDiscovery::initTestCase() {
  if (!TestNetwork::running_as_root()) QSKIP("needs root: the test makes network namespaces of its own");
  network_ = std::make_unique<TestNetwork>(kHosts);
  QVERIFY2(network_->error().isEmpty(), qPrintable(network_->error()));
  root_ = fresh_dir("discovery");
  for (int host = 1; host <= kHosts; ++host) {
    fs::create_directories(root_ / host_name(host).toStdString() / "received");
    auto& receiver = receivers_[host];
    receiver = std::make_unique<QProcess>();
    start_cli(*receiver, host,
              {"receive", "--dir", qpath(root_ / host_name(host).toStdString() / "received"), "--accept-all", "--name",
               host_name(host), "--announce-interval", QString::number(kAnnounceIntervalSeconds)});
  }
  for (int host = 1; host <= kHosts; ++host) {
    QProcess& receiver = *receivers_[host];
    while (!receiver.canReadLine() || !receiver.readLine().startsWith("Listening on")) {
      QVERIFY2(receiver.canReadLine() || receiver.waitForReadyRead(20'000),
               qPrintable(receiver.readAllStandardError()));
    }
  }
}

void TestDiscovery::cleanupTestCase() {
  for (auto& receiver : receivers_) {
    if (!receiver) continue;
    receiver->kill();
    receiver->waitForFinished(5'000);
  }
  network_.reset();
}

QProcessEnvironment TestDiscovery::environment_of(int host) const {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), qpath(root_ / host_name(host).toStdString() / "config"));
  return environment;
}

void TestDiscovery::start_cli(QProcess& process, int host, const QStringList& arguments) const {
  network_->start(process, host, QStringLiteral(FERRY_CLI_PATH), arguments, environment_of(host));
}

std::optional<QByteArray> TestDiscovery::run_cli(int host, const QStringList& arguments, int timeout_ms) {
  QProcess process;
  start_cli(process, host, arguments);
  if (!process.waitForFinished(timeout_ms) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
    qWarning() << "ferry-cli" << arguments << "in" << host_name(host) << "failed:" << process.readAllStandardError();
    process.kill();
    process.waitForFinished(5'000);
    return std::nullopt;
  }
  return process.readAllStandardOutput();
}

QMap<QString, QJsonObject> TestDiscovery::peers_seen_from(int host) {
  QMap<QString, QJsonObject> peers;
  const auto output = run_cli(host, {"peers", "--json", "--timeout", "3"}, 20'000);
  if (!output) return peers;
  for (const QJsonObject& line : json_lines(*output)) {
    if (line.value(QStringLiteral("type")).toString() == QLatin1String("peer"))
      peers.insert(line.value(QStringLiteral("name")).toString(), line);
  }
  return peers;
}

void TestDiscovery::every_host_sees_the_two_others_over_ipv4_and_ipv6() {
  QMap<QString, QString> codes;  // by name, as each viewer shows it: all must agree
  for (int viewer = 1; viewer <= kHosts; ++viewer) {
    const auto peers = peers_seen_from(viewer);
    QStringList expected;
    for (int host = 1; host <= kHosts; ++host)
      if (host != viewer) expected.append(host_name(host));
    QCOMPARE(peers.keys(), expected);
    for (int host = 1; host <= kHosts; ++host) {
      if (host == viewer) continue;
      const QJsonObject peer = peers.value(host_name(host));
      const QStringList endpoints = endpoints_of(peer);
      QVERIFY2(endpoints.contains(network_->ipv4_address(host) + ":53740"), qPrintable(endpoints.join(' ')));
      const auto ipv6 = QRegularExpression(QStringLiteral("^\\[fe80::[0-9a-f:]+%eth0\\]:53740$"));
      QVERIFY2(std::ranges::any_of(endpoints, [&](const QString& e) { return ipv6.match(e).hasMatch(); }),
               qPrintable(endpoints.join(' ')));
      QCOMPARE(peer.value(QStringLiteral("os")).toString(), QStringLiteral("linux"));
      QCOMPARE(peer.value(QStringLiteral("port")).toInt(), 53740);
      const QString code = peer.value(QStringLiteral("verification_code")).toString();
      QVERIFY(!code.isEmpty());
      QCOMPARE(codes.value(host_name(host), code), code);
      codes.insert(host_name(host), code);
    }
  }
}

void TestDiscovery::sends_to_the_addresses_peers_printed() {
  // The human list: "NAME  CODE  HOST:PORT  OS", IPv4 first.
  const auto listing = run_cli(1, {"peers", "--timeout", "3"}, 20'000);
  QVERIFY(listing);
  const auto line =
      QRegularExpression(QStringLiteral("^host-2\\s+\\S+\\s+(\\S+)\\s+linux$"), QRegularExpression::MultilineOption)
          .match(QString::fromUtf8(*listing));
  QVERIFY2(line.hasMatch(), listing->constData());
  const QString ipv4_endpoint = line.captured(1);
  QCOMPARE(ipv4_endpoint, network_->ipv4_address(2) + ":53740");

  const auto peers = peers_seen_from(1);
  QString ipv6_endpoint;
  for (const QString& endpoint : endpoints_of(peers.value(host_name(3))))
    if (endpoint.startsWith(QStringLiteral("[fe80::"))) ipv6_endpoint = endpoint;
  QVERIFY(!ipv6_endpoint.isEmpty());

  for (const auto& [endpoint, receiver, folder] :
       {std::tuple{ipv4_endpoint, 2, "over-ipv4"}, std::tuple{ipv6_endpoint, 3, "over-ipv6"}}) {
    const fs::path source = root_ / "sources" / folder;
    fs::create_directories(source / "nested");
    write_random_file(source / "small.bin", 4097, 1);
    write_random_file(source / "nested" / "large.bin", 3 * 1024 * 1024 + 5, 2);
    QVERIFY(run_cli(1, {"send", endpoint, qpath(source)}, 60'000));
    const fs::path received = root_ / host_name(receiver).toStdString() / "received" / folder;
    QCOMPARE(list_files(received), list_files(source));
    for (const std::string& file : list_files(source)) QVERIFY(same_contents(source / file, received / file));
  }
}

void TestDiscovery::a_stopped_host_leaves_and_a_killed_one_expires() {
  Watcher watcher;
  start_cli(watcher.process(), 1, {"peers", "--json", "--timeout", "30"});
  QVERIFY(watcher.wait_for("peer_found", host_name(2), 10));
  QVERIFY(watcher.wait_for("peer_found", host_name(3), 10));

  receivers_[2]->terminate();  // SIGTERM: it stops cleanly and says goodbye
  const double stopped_at = watcher.now();
  const auto left = watcher.wait_for("peer_expired", host_name(2), kLatestExpiry);
  QVERIFY(left);
  QVERIFY(left->json.value(QStringLiteral("left")).toBool());
  QVERIFY2(left->at - stopped_at < 1.0, qPrintable(QString::number(left->at - stopped_at)));

  receivers_[3]->kill();  // SIGKILL: not a word
  const double killed_at = watcher.now();
  const auto expired = watcher.wait_for("peer_expired", host_name(3), kLatestExpiry + 1);
  QVERIFY(expired);
  const double after = expired->at - killed_at;
  qInfo("a killed host expired after %.2f s (announce interval %d s)", after, kAnnounceIntervalSeconds);
  QVERIFY(!expired->json.value(QStringLiteral("left")).toBool());
  QVERIFY2(after >= kEarliestExpiry && after <= kLatestExpiry, qPrintable(QString::number(after)));
  watcher.process().kill();
  watcher.process().waitForFinished(5'000);
}

QTEST_GUILESS_MAIN(TestDiscovery)
#include "test_discovery.moc"
