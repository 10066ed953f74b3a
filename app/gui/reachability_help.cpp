// SPDX-License-Identifier: Apache-2.0
#include "reachability_help.hpp"

#include <QDialogButtonBox>
#include <QEvent>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "ferry/core/endpoint.hpp"
#include "ferry/core/discovery_port.hpp"
#include "ferry/platform/network_interfaces.hpp"

namespace ferry::gui {
namespace {

// The IPv4 addresses discovery uses: those of the interfaces that are up and not loopback.
QStringList this_device_addresses() {
  QStringList addresses;
  auto interfaces = platform::multicast_interfaces();
  if (!interfaces) return addresses;
  for (const auto& interface : interfaces.value()) {
    for (const auto& a : interface.ipv4)
      addresses.append(QStringLiteral("%1.%2.%3.%4 (%5)")
                           .arg(a[0])
                           .arg(a[1])
                           .arg(a[2])
                           .arg(a[3])
                           .arg(QString::fromStdString(interface.name).toHtmlEscaped()));
  }
  return addresses;
}

}  // namespace

QString reachability_help_html(const QStringList& addresses, quint16 receive_port) {
  const QString tcp = QString::number(receive_port);
  const QString udp = QString::number(kDiscoveryPort);
  const QString here =
      addresses.isEmpty() ? QObject::tr("none found: is this device connected?") : addresses.join(QStringLiteral(", "));
  return QObject::tr(
             "<h3>Can't see your device?</h3>"
             "<p>Ferry finds other devices by multicast on the local network. When it hears nobody within a few "
             "seconds, it asks every address of this device's subnets (the 254 addresses that share the first "
             "three numbers) directly. A device can still stay hidden:</p>"
             "<p><b>This device</b>: %1; receives on TCP port %2, finds peers on UDP port %3.</p>"
             "<ul>"
             "<li><b>Ferry does not run there.</b> Check: the other device's window says “Receiving as … on "
             "port …” at the bottom (<code>ferry-cli receive</code> prints “Listening on”).</li>"
             "<li><b>A firewall.</b> Ferry needs TCP port %2 and UDP port %3 open for incoming traffic on both "
             "devices. Linux with ufw: <code>sudo ufw allow %2/tcp</code> and <code>sudo ufw allow %3/udp</code>; "
             "with firewalld: <code>sudo firewall-cmd --permanent --add-port=%2/tcp --add-port=%3/udp</code> then "
             "<code>sudo firewall-cmd --reload</code>. Windows: Ferry's installer adds two inbound rules named "
             "“Ferry” (TCP %4, UDP %3) for every program, so both ferry.exe and ferry-cli.exe are reached; check "
             "with <code>netsh advfirewall firewall show rule name=Ferry</code>. If Windows once asked whether to "
             "let Ferry through and the question was cancelled, it added rules blocking ferry.exe, which win over "
             "allowing ones: remove them under Windows Security → Firewall → Allow an app through firewall. "
             "Another TCP port chosen in Settings needs a rule of its own.</li>"
             "<li><b>Access point or client isolation</b> (often on guest and public Wi-Fi): the access point "
             "drops traffic between its clients. Check: <code>ping</code> the other device's address; when it "
             "does not answer, turn isolation off in the router or use another network.</li>"
             "<li><b>A VPN</b> on either device may send local traffic into its tunnel or block the local network. "
             "Check: disconnect it, or allow “local network access” in its settings.</li>"
             "<li><b>Another subnet or VLAN</b> (wired and Wi-Fi apart, a guest network): discovery stays on its "
             "link and Ferry asks only its own subnet. Check: compare the first three numbers of both addresses; "
             "if they differ, add the peer by address.</li>"
             "<li><b>Multicast filtered</b> (IGMP snooping, multicast turned into unicast by the access point): "
             "Ferry's direct questions cover the device's own subnet; beyond it, add the peer by address.</li>"
             "</ul>"
             "<p>Adding a peer by address works wherever TCP port %2 is reachable: type the other device's address "
             "(e.g. 192.168.1.7) into the field under the peer list and press Enter, or use File → Add Peer….</p>")
      .arg(here, tcp, udp, QString::number(kDefaultReceivePort));
}

ReachabilityHelp::ReachabilityHelp(quint16 receive_port, QWidget* parent)
    : QDialog(parent), receive_port_(receive_port) {
  text_ = new QTextBrowser;
  text_->setOpenLinks(false);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text_);
  layout->addWidget(buttons);
  resize(640, 560);
  retranslate();
}

void ReachabilityHelp::retranslate() {
  setWindowTitle(tr("Can't See Your Device?"));
  text_->setAccessibleName(tr("Why a device may not appear"));
  text_->setHtml(reachability_help_html(this_device_addresses(), receive_port_));
}

void ReachabilityHelp::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

}  // namespace ferry::gui
