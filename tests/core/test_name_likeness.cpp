// SPDX-License-Identifier: Apache-2.0
// Names that look alike to a user raise the impostor warning next to a pinned
// device (docs/security.md, "Names that look alike"); names a user tells
// apart do not.
#include <QTest>

#include "ferry/core/trust.hpp"
#include "identity/name_likeness.hpp"

using namespace ferry;

namespace {

const std::string kPinnedPrint(64, 'a');
const std::string kOtherPrint(64, 'b');

PeerTrust trust_of(std::string_view name) {
  const std::vector<KnownPeer> known = {KnownPeer{kPinnedPrint, "Alice", false, false}};
  return identify_peer(known, kOtherPrint, name).trust;
}

}  // namespace

class TestNameLikeness : public QObject {
  Q_OBJECT
 private slots:
  void look_alikes_warn_data();
  void look_alikes_warn();
  void other_names_do_not_data();
  void other_names_do_not();
  void pinned_device_itself_is_known();
  void skeletons();
};

void TestNameLikeness::look_alikes_warn_data() {
  QTest::addColumn<QString>("name");
  QTest::newRow("same") << QStringLiteral("Alice");
  QTest::newRow("lowercase") << QStringLiteral("alice");
  QTest::newRow("trailing space") << QStringLiteral("Alice ");
  QTest::newRow("leading tab and no-break space") << QStringLiteral("\t\u00A0Alice");
  QTest::newRow("zero-width space inside") << QStringLiteral("Al\u200Bice");
  QTest::newRow("Cyrillic a") << QStringLiteral("\u0410lice");
  QTest::newRow("Cyrillic c and e") << QStringLiteral("Ali\u0441\u0435");
  QTest::newRow("Greek iota, epsilon") << QStringLiteral("Al\u03B9c\u03B5");
  QTest::newRow("Greek capital alpha") << QStringLiteral("\u0391lice");
  QTest::newRow("capital I for l") << QStringLiteral("AIice");
  QTest::newRow("digit 1 for l") << QStringLiteral("A1ice");
  QTest::newRow("fullwidth") << QStringLiteral("\uFF21\uFF4C\uFF49\uFF43\uFF45");
  QTest::newRow("accent, precomposed") << QStringLiteral("Alic\u00E9");
  QTest::newRow("accent, combining") << QStringLiteral("Alice\u0301");
  QTest::newRow("all caps") << QStringLiteral("ALICE");
  QTest::newRow("Cyrillic capital A, all caps") << QStringLiteral("\u0410LICE");
}

void TestNameLikeness::look_alikes_warn() {
  QFETCH(QString, name);
  QCOMPARE(int(trust_of(name.toStdString())), int(PeerTrust::Changed));
}

void TestNameLikeness::other_names_do_not_data() {
  QTest::addColumn<QString>("name");
  QTest::newRow("other name") << QStringLiteral("Bob");
  QTest::newRow("longer") << QStringLiteral("Alice 2");
  QTest::newRow("inner space") << QStringLiteral("Al ice");
  QTest::newRow("empty") << QString();
  QTest::newRow("only spaces") << QStringLiteral("   ");
  QTest::newRow("Cyrillic name") << QStringLiteral("\u0410\u043B\u0438\u0441\u0430");  // Алиса
}

void TestNameLikeness::other_names_do_not() {
  QFETCH(QString, name);
  QCOMPARE(int(trust_of(name.toStdString())), int(PeerTrust::New));
}

void TestNameLikeness::pinned_device_itself_is_known() {
  const std::vector<KnownPeer> known = {KnownPeer{kPinnedPrint, "Alice", false, false}};
  QCOMPARE(int(identify_peer(known, kPinnedPrint, "alice ").trust), int(PeerTrust::Known));
}

void TestNameLikeness::skeletons() {
  QCOMPARE(name_skeleton("  Living   Room\u3000PC  "), std::string("llvlng room pc"));
  QCOMPARE(name_skeleton("\u0416\u0423\u041A"), std::string("\u0436yk"));  // letters outside the table stay
  QCOMPARE(name_skeleton("\xFF"
                         "a"),
           std::string("\xFF"
                       "a"));  // invalid UTF-8 kept byte for byte
}

QTEST_GUILESS_MAIN(TestNameLikeness)
#include "test_name_likeness.moc"
