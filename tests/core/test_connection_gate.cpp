// SPDX-License-Identifier: Apache-2.0
// The connection gate without sockets: per-address limit, the global bound
// on connections still in their handshake (the oldest is displaced), and
// what offers and endings free.
#include <QtTest>

#include "engine/connection_gate.hpp"

using namespace ferry;

class TestConnectionGate : public QObject {
  Q_OBJECT

 private slots:
  void one_address_gets_a_bounded_share() {
    ConnectionGate gate;
    std::uint64_t id = 1;
    for (std::size_t i = 0; i < kMaxSessionsPerAddress; ++i) QVERIFY(gate.admit({id++}, "198.18.0.1").admitted);
    QVERIFY(!gate.admit({id++}, "198.18.0.1").admitted);
    QVERIFY(gate.admit({id++}, "198.18.0.2").admitted);
    gate.ended({1});
    QVERIFY(gate.admit({id++}, "198.18.0.1").admitted);
  }

  void the_oldest_handshake_gives_way() {
    ConnectionGate gate;
    for (std::uint64_t id = 1; id <= kMaxHandshaking; ++id)
      QVERIFY(!gate.admit({id}, "198.18.1." + std::to_string(id)).displaced);
    const auto next = gate.admit({1000}, "198.18.2.1");
    QVERIFY(next.admitted);
    QCOMPARE(next.displaced, std::optional<TransferId>(TransferId{1}));
    QCOMPARE(gate.oldest_handshaking(), std::optional<TransferId>(TransferId{2}));
    // A session past its offer no longer counts, and is never displaced.
    gate.offered({2});
    QCOMPARE(gate.oldest_handshaking(), std::optional<TransferId>(TransferId{3}));
    QVERIFY(!gate.admit({1001}, "198.18.2.2").displaced);  // room where 2 was
    QCOMPARE(gate.admit({1002}, "198.18.2.3").displaced, std::optional<TransferId>(TransferId{3}));
  }
};

QTEST_GUILESS_MAIN(TestConnectionGate)
#include "test_connection_gate.moc"
