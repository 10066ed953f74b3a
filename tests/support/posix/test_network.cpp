// SPDX-License-Identifier: Apache-2.0
#include "test_network.hpp"

#include <unistd.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QRegularExpression>
#include <QThread>
#include <atomic>
#include <optional>

namespace ferry::test {
namespace {

const QString kNamePrefix = QStringLiteral("ferry-test-");
constexpr int kCommandTimeoutMs = 20'000;

// Runs `ip arguments` to its end; its stdout, or nullopt (and why, in `error`) when it failed.
std::optional<QString> run_ip(const QStringList& arguments, QString& error) {
  QProcess process;
  process.start(QStringLiteral("ip"), arguments);
  if (!process.waitForFinished(kCommandTimeoutMs) || process.exitStatus() != QProcess::NormalExit ||
      process.exitCode() != 0) {
    error = QStringLiteral("ip %1: %2 %3")
                .arg(arguments.join(QLatin1Char(' ')), process.errorString(),
                     QString::fromUtf8(process.readAllStandardError()).trimmed());
    return std::nullopt;
  }
  return QString::fromUtf8(process.readAllStandardOutput());
}

}  // namespace

TestNetwork::TestNetwork(int hosts) {
  static std::atomic<int> networks{0};
  remove_stale_namespaces();
  prefix_ = QStringLiteral("%1%2-%3-").arg(kNamePrefix).arg(::getpid()).arg(networks++);
  const QString switch_namespace = prefix_ + "switch";
  if (!ip({"netns", "add", switch_namespace})) return;
  namespaces_.append(switch_namespace);
  if (!ip({"-n", switch_namespace, "link", "add", "br0", "type", "bridge"}) ||
      !ip({"-n", switch_namespace, "link", "set", "br0", "up"}))
    return;
  for (int host = 1; host <= hosts; ++host) {
    if (!set_up_host(host)) return;
  }
  for (int host = 1; host <= hosts; ++host) {
    if (!wait_for_ipv6(host)) return;
  }
}

TestNetwork::~TestNetwork() {
  QString ignored;
  for (const QString& name : namespaces_) run_ip({"netns", "delete", name}, ignored);
}

bool TestNetwork::drop_multicast() {
  const QString& switch_namespace = namespaces_.front();
  // Memberships learned from the hosts' joins expire after 10 ms; groups
  // nobody joined go only to ports that flood multicast, and none does.
  if (!ip({"-n", switch_namespace, "link", "set", "br0", "type", "bridge", "mcast_snooping", "1",
           "mcast_membership_interval", "1"}))
    return false;
  for (int host = 1; host < namespaces_.size(); ++host) {
    QProcess process;
    process.start(QStringLiteral("bridge"), {"-n", switch_namespace, "link", "set", "dev",
                                             QStringLiteral("port%1").arg(host), "mcast_flood", "off"});
    if (!process.waitForFinished(10'000) || process.exitCode() != 0) {
      error_ = QStringLiteral("bridge link set port%1 mcast_flood off: %2")
                   .arg(host)
                   .arg(QString::fromLocal8Bit(process.readAllStandardError()));
      return false;
    }
  }
  return true;
}

bool TestNetwork::running_as_root() { return ::geteuid() == 0; }

QString TestNetwork::ipv4_address(int host) const { return QStringLiteral("198.18.0.%1").arg(host); }

QString TestNetwork::host_namespace(int host) const { return prefix_ + QStringLiteral("host%1").arg(host); }

void TestNetwork::start(QProcess& process, int host, const QString& program, const QStringList& arguments,
                        const QProcessEnvironment& environment) const {
  process.setProcessEnvironment(environment);
  process.start(QStringLiteral("ip"), QStringList{"netns", "exec", host_namespace(host), program} + arguments);
}

bool TestNetwork::ip(const QStringList& arguments) { return run_ip(arguments, error_).has_value(); }

bool TestNetwork::set_up_host(int host) {
  const QString name = host_namespace(host);
  if (!ip({"netns", "add", name})) return false;
  namespaces_.append(name);
  // Links made from now on skip duplicate address detection: their
  // link-local address is usable at once.
  if (!ip({"netns", "exec", name, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0"})) return false;
  const QString port = QStringLiteral("port%1").arg(host);
  const QString& switch_namespace = namespaces_.front();
  return ip({"-n", switch_namespace, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", name}) &&
         ip({"-n", switch_namespace, "link", "set", port, "master", "br0", "up"}) &&
         ip({"-n", name, "address", "add", ipv4_address(host) + "/24", "dev", "eth0"}) &&
         ip({"-n", name, "link", "set", "eth0", "up"});
}

bool TestNetwork::wait_for_ipv6(int host) {
  const QDeadlineTimer deadline(10'000);
  while (!deadline.hasExpired()) {
    const auto addresses = run_ip(
        {"-n", host_namespace(host), "-6", "address", "show", "dev", "eth0", "scope", "link", "-tentative"}, error_);
    if (!addresses) return false;
    if (addresses->contains(QStringLiteral("fe80::"))) return true;
    QThread::msleep(50);
  }
  error_ = QStringLiteral("host %1 got no IPv6 link-local address in 10 s").arg(host);
  return false;
}

void TestNetwork::remove_stale_namespaces() {
  QString ignored;
  const auto list = run_ip({"netns", "list"}, ignored);
  if (!list) return;
  static const QRegularExpression ours(QStringLiteral("^%1(\\d+)-\\S+").arg(kNamePrefix),
                                       QRegularExpression::MultilineOption);
  for (auto it = ours.globalMatch(*list); it.hasNext();) {
    const auto match = it.next();
    if (QDir(QStringLiteral("/proc/") + match.captured(1)).exists()) continue;  // its test still runs
    run_ip({"netns", "delete", match.captured(0)}, ignored);
  }
}

}  // namespace ferry::test
