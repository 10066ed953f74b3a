// SPDX-License-Identifier: Apache-2.0
// The peer list with discovered peers: their rows follow those added by
// address, show the OS and verification code, update in place, and stay
// (disabled, "Offline") when the peer goes away, until it comes back; a
// discovered row carries the device id a send to it insists on.
#include <QtTest>

#include "ferry/core/identity.hpp"
#include "peer_list.hpp"

using namespace ferry;
using namespace ferry::gui;

namespace {

DiscoveredPeer discovered(const std::string& name) {
  return DiscoveredPeer{std::string(64, 'a'), name, "windows", 2, 53740, {"198.18.0.2", "fe80::1%eth0"}};
}

}  // namespace

class TestPeerList : public QObject {
  Q_OBJECT

 private slots:
  void discovered_peers_follow_those_added_by_address();
  void a_discovered_peer_updates_in_place_and_goes_offline();
  void a_peer_added_by_address_shows_who_answered();
};

void TestPeerList::discovered_peers_follow_those_added_by_address() {
  PeerList list;
  list.set_peers({{QStringLiteral("nas"), QStringLiteral("192.0.2.9"), 53740}});
  list.show_discovered(discovered("laptop"));
  QCOMPARE(list.topLevelItemCount(), 2);
  const QTreeWidgetItem* row = list.topLevelItem(1);
  QCOMPARE(row->text(PeerList::NameColumn), QStringLiteral("laptop"));
  QCOMPARE(row->text(PeerList::AddressColumn), QStringLiteral("198.18.0.2:53740"));
  QVERIFY(row->toolTip(PeerList::AddressColumn).contains(QStringLiteral("[fe80::1%eth0]:53740")));
  QCOMPARE(row->text(PeerList::SystemColumn), QStringLiteral("Windows"));
  QCOMPARE(row->text(PeerList::CodeColumn), QString::fromStdString(verification_code(std::string(64, 'a'))));
  // A send to it insists on its certificate: the device id goes with the address.
  const PeerAddress laptop{QStringLiteral("laptop"), QStringLiteral("198.18.0.2"), 53740, QString(64, u'a')};
  QCOMPARE(list.peer_at(1), laptop);
  QCOMPARE(list.row_of(laptop), 1);

  // Another peer added by address: the discovered one moves down, whole.
  list.set_peers({{QStringLiteral("nas"), QStringLiteral("192.0.2.9"), 53740},
                  {QStringLiteral("desk"), QStringLiteral("192.0.2.10"), 53740}});
  QCOMPARE(list.topLevelItemCount(), 3);
  QCOMPARE(list.topLevelItem(2)->text(PeerList::NameColumn), QStringLiteral("laptop"));
  QCOMPARE(list.peer_at(2).host, QStringLiteral("198.18.0.2"));
  QCOMPARE(list.row_of(laptop), 2);  // a send's status follows its peer's row
}

void TestPeerList::a_discovered_peer_updates_in_place_and_goes_offline() {
  PeerList list;
  list.show_discovered(discovered("laptop"));
  QCOMPARE(list.current_row(), 0);
  list.show_discovered(discovered("renamed laptop"));
  QCOMPARE(list.topLevelItemCount(), 1);
  QCOMPARE(list.topLevelItem(0)->text(PeerList::NameColumn), QStringLiteral("renamed laptop"));

  list.show_offline(discovered("renamed laptop"));
  QCOMPARE(list.topLevelItemCount(), 1);
  QCOMPARE(list.topLevelItem(0)->text(PeerList::StatusColumn), QStringLiteral("Offline"));
  QVERIFY(list.topLevelItem(0)->isDisabled());

  list.show_discovered(discovered("renamed laptop"));
  QCOMPARE(list.topLevelItem(0)->text(PeerList::StatusColumn), QStringLiteral("On the network"));
  QVERIFY(!list.topLevelItem(0)->isDisabled());
}

// Its name, code and OS come from the hello of the device that answered.
void TestPeerList::a_peer_added_by_address_shows_who_answered() {
  PeerList list;
  list.set_peers({{QString(), QStringLiteral("192.0.2.9"), 53740}, {QString(), QStringLiteral("192.0.2.10"), 53740}});
  const QString code = QString::fromStdString(verification_code(std::string(64, 'a')));
  QCOMPARE(list.topLevelItem(0)->text(PeerList::SystemColumn), QStringLiteral("–"));  // until it answers
  list.show_identity(0, QStringLiteral("laptop"), code, "windows");
  QCOMPARE(list.topLevelItem(0)->text(PeerList::NameColumn), QStringLiteral("laptop"));
  QCOMPARE(list.topLevelItem(0)->text(PeerList::CodeColumn), code);
  QCOMPARE(list.topLevelItem(0)->text(PeerList::SystemColumn), QStringLiteral("Windows"));

  list.show_identity(1, QStringLiteral("desk"), code, "other");
  QCOMPARE(list.topLevelItem(1)->text(PeerList::NameColumn), QStringLiteral("desk"));
  QCOMPARE(list.topLevelItem(1)->text(PeerList::SystemColumn), QStringLiteral("–"));
}

QTEST_MAIN(TestPeerList)
#include "test_peer_list.moc"
