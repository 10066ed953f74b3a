// SPDX-License-Identifier: Apache-2.0
// Adding a peer by typing its address under the peer list, offscreen with a
// real window, engine and receiver: the field is reached with Tab from the
// list and has an accessible name; a text that names no address stays with
// the reason beside it and adds nothing; Enter on a real address adds the
// row (kept in the settings) and a file sent to it arrives. "Can't see your
// device?" is a link while the list is empty and a Help menu entry, and
// shows this device's ports and the firewall commands.
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>
#include <filesystem>
#include <memory>

#include "address_bar.hpp"
#include "engine_bridge.hpp"
#include "engine_harness.hpp"
#include "main_window.hpp"
#include "peer_list.hpp"
#include "reachability_help.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr int kTransferMs = 60'000;

QString qpath(const fs::path& path) { return QString::fromStdU16String(path.u16string()); }

ReachabilityHelp* open_help(const MainWindow& window) {
  const auto dialogs = window.findChildren<ReachabilityHelp*>();
  for (ReachabilityHelp* dialog : dialogs)
    if (dialog->isVisible()) return dialog;
  return nullptr;
}

}  // namespace

class TestAddressBar : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup() { dir_.reset(); }
  void a_typed_address_adds_a_peer_that_receives();
  void help_is_a_link_while_the_list_is_empty_and_in_the_help_menu();

 private:
  std::unique_ptr<MainWindow> open_window();
  quint16 port_ = 0;  // the window's, once listening
  std::unique_ptr<QTemporaryDir> dir_;
};

void TestAddressBar::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  QVERIFY(dir_->isValid());
  QSettings store(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
  store.setValue(QStringLiteral("receive/folder"), dir_->filePath(QStringLiteral("receive")));
  store.setValue(QStringLiteral("network/port"), 0);  // any free port
  store.setValue(QStringLiteral("device/name"), QStringLiteral("test-address-bar"));
  store.setValue(QStringLiteral("network/discovery"), false);  // no datagrams on the real network
}

std::unique_ptr<MainWindow> TestAddressBar::open_window() {
  auto device = load_this_device(fs::path(dir_->filePath(QStringLiteral("config")).toStdU16String()),
                                 QStringLiteral("test-address-bar"));
  if (!device) qFatal("this device: %s", device.error().describe().c_str());
  auto window = std::make_unique<MainWindow>(
      std::make_unique<QSettings>(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat),
      dir_->filePath(QStringLiteral("history.json")), device.value());
  QSignalSpy listening(window->bridge(), &EngineBridge::listening);
  window->start();
  if (!listening.wait(10'000)) return nullptr;
  port_ = listening.first().at(1).value<quint16>();
  window->show();
  if (!QTest::qWaitForWindowActive(window.get())) return nullptr;
  return window;
}

void TestAddressBar::a_typed_address_adds_a_peer_that_receives() {
  const fs::path source = fresh_dir("gui-address-src");
  const fs::path target = fresh_dir("gui-address-dst");
  write_random_file(source / "typed.bin", 200'000, 7);
  Receiver receiver(target);
  auto window = open_window();
  QVERIFY(window);
  auto* bar = window->findChild<AddressBar*>();
  QVERIFY(bar);
  QLineEdit* field = bar->address_edit();
  QVERIFY(!field->accessibleName().isEmpty());

  // From the list, Tab reaches the field.
  window->peer_list()->setFocus();
  QTRY_VERIFY(window->peer_list()->hasFocus());
  QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
  QTRY_COMPARE(QApplication::focusWidget(), field);

  // Not an address: nothing added, the text stays, the reason shows.
  QTest::keyClicks(field, QStringLiteral("127.0.0.1:99999"));
  QTest::keyClick(field, Qt::Key_Return);
  QCOMPARE(window->peer_list()->topLevelItemCount(), 0);
  QCOMPARE(field->text(), QStringLiteral("127.0.0.1:99999"));
  const auto labels = bar->findChildren<QLabel*>();
  QVERIFY(std::ranges::any_of(labels, [](const QLabel* label) {
    return label->text().contains(QLatin1String("99999")) || label->text().contains(QLatin1String("port"));
  }));

  // A real one: its row, kept in the settings, and a send to it lands.
  field->clear();
  const QString address = QStringLiteral("127.0.0.1:%1").arg(receiver.port());
  QTest::keyClicks(field, address);
  QTest::keyClick(field, Qt::Key_Return);
  QCOMPARE(window->peer_list()->topLevelItemCount(), 1);
  QCOMPARE(window->peer_list()->topLevelItem(0)->text(PeerList::AddressColumn), address);
  QVERIFY(field->text().isEmpty());
  QCOMPARE(window->settings().peers.size(), 1);
  QCOMPARE(window->settings().peers.first().port, receiver.port());
  window->send_to(0, {qpath(source / "typed.bin")});
  QTRY_VERIFY_WITH_TIMEOUT(fs::exists(target / "typed.bin") && fs::file_size(target / "typed.bin") == 200'000,
                           kTransferMs);
}

void TestAddressBar::help_is_a_link_while_the_list_is_empty_and_in_the_help_menu() {
  auto window = open_window();
  QVERIFY(window);
  auto* bar = window->findChild<AddressBar*>();
  QVERIFY(bar);
  QLabel* link = bar->help_link();
  QVERIFY(link->isVisible());
  QVERIFY(!link->accessibleName().isEmpty());

  QTest::mouseClick(link, Qt::LeftButton, {}, QPoint(link->width() / 2, link->height() / 2));
  QTRY_VERIFY(open_help(*window));
  const QString text = open_help(*window)->text()->toPlainText();
  const QString port = QString::number(port_);
  for (const QString& expected :
       {QStringLiteral("TCP port %1").arg(port), QStringLiteral("UDP port 53741"),
        QStringLiteral("sudo ufw allow %1/tcp").arg(port), QStringLiteral("sudo ufw allow 53741/udp"),
        QStringLiteral("firewall-cmd --permanent --add-port=%1/tcp --add-port=53741/udp").arg(port),
        QStringLiteral("netsh advfirewall firewall show rule name=Ferry"), QStringLiteral("isolation"),
        QStringLiteral("VPN"), QStringLiteral("subnet")})
    QVERIFY2(text.contains(expected), qPrintable(expected));
  open_help(*window)->close();
  QTRY_VERIFY(!open_help(*window));

  // The Help menu has it too.
  QAction* entry = nullptr;
  for (QAction* menu : window->menuBar()->actions())
    for (QAction* action : menu->menu() ? menu->menu()->actions() : QList<QAction*>{})
      if (action->text().contains(QLatin1String("See Your Device"))) entry = action;
  QVERIFY(entry);
  entry->trigger();
  QTRY_VERIFY(open_help(*window));
  open_help(*window)->close();

  // A peer listed: the link goes.
  window->add_peer({QStringLiteral("somebody"), QStringLiteral("127.0.0.1"), 9});
  QTRY_VERIFY(!link->isVisible());
}

QTEST_MAIN(TestAddressBar)
#include "test_address_bar.moc"
