// SPDX-License-Identifier: Apache-2.0
// The upload limit in the desktop app, offscreen, with real engines on
// 127.0.0.1: Settings' "Limit upload speed" is off by default, is kept
// across a restart and paces the next send at once; a running send's own
// limit, set from Transfers → Limit Speed… while it waits for the receiver,
// paces it and shows in its row.
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <memory>

#include "engine_harness.hpp"
#include "main_window.hpp"
#include "peer_list.hpp"
#include "settings_dialog.hpp"
#include "speed_limit_dialog.hpp"
#include "speed_limit_editor.hpp"
#include "transfer_list.hpp"
#include "window_fixture.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;
using namespace ferry::app_test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr int kTransferMs = 60'000;

QString qpath(const fs::path& path) { return QString::fromStdU16String(path.u16string()); }

QAction* menu_action(QMainWindow& window, const QString& text) {
  for (QAction* menu : window.menuBar()->actions())
    for (QAction* action : menu->menu()->actions())
      if (action->text() == text) return action;
  return nullptr;
}

}  // namespace

class TestSpeedLimit : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup() { fixture_.reset(); }
  void settings_limit_is_kept_and_paces_the_next_send();
  void a_running_send_gets_its_own_limit_from_the_transfers_menu();

 private:
  std::unique_ptr<WindowFixture> fixture_;
};

void TestSpeedLimit::init() {
  fixture_ = std::make_unique<WindowFixture>(QStringLiteral("limit-window"));
  QVERIFY(fixture_->valid());
}

void TestSpeedLimit::settings_limit_is_kept_and_paces_the_next_send() {
  const fs::path source = fresh_dir("gui-limit-src");
  const fs::path target = fresh_dir("gui-limit-dst");
  write_random_file(source / "six.bin", 6 * kMiB, 1);
  {
    auto window = fixture_->open_window();
    QVERIFY(window);
    QCOMPARE(window->settings().upload_limit, 0u);
    SettingsDialog* dialog = window->open_settings();
    SpeedLimitEditor* editor = dialog->upload_limit_editor();
    QVERIFY(!editor->check_box()->isChecked());
    QVERIFY(!editor->spin_box()->isEnabled());
    editor->check_box()->click();
    QVERIFY(editor->spin_box()->isEnabled());
    editor->spin_box()->setValue(2.0);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(window->settings().upload_limit, 2 * kMiB);
    QCOMPARE(window->bridge()->settings().upload_limit, 2 * kMiB);
  }
  QCOMPARE(QSettings(fixture_->settings_file(), QSettings::IniFormat)
               .value(QStringLiteral("network/uploadLimit"))
               .toULongLong(),
           2 * kMiB);
  auto window = fixture_->open_window();
  QVERIFY(window);
  QCOMPARE(window->settings().upload_limit, 2 * kMiB);
  SettingsDialog* dialog = window->open_settings();
  QVERIFY(dialog->upload_limit_editor()->check_box()->isChecked());
  QCOMPARE(dialog->upload_limit_editor()->limit(), 2 * kMiB);
  dialog->close();

  // 6 MiB at 2 MiB/s: about 3 s.
  Receiver receiver(target);
  window->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), receiver.port()});
  QSignalSpy sessions(window->bridge(), &EngineBridge::session_done);
  window->send_to(0, {qpath(source / "six.bin")});
  QTRY_COMPARE_WITH_TIMEOUT(sessions.count(), 1, kTransferMs);
  const auto done = sessions.last().at(0).value<SessionDone>();
  QVERIFY2(done.ok, done.error.c_str());
  QVERIFY(same_contents(source / "six.bin", target / "six.bin"));
  qInfo("6 MiB in %.2f s", done.seconds);
  QVERIFY2(done.seconds >= 2.5, qPrintable(QStringLiteral("faster than the limit: %1 s").arg(done.seconds)));
}

void TestSpeedLimit::a_running_send_gets_its_own_limit_from_the_transfers_menu() {
  const fs::path source = fresh_dir("gui-own-limit-src");
  const fs::path target = fresh_dir("gui-own-limit-dst");
  write_random_file(source / "six.bin", 6 * kMiB, 2);
  Receiver receiver(target, EngineSettings{.consent = ConsentPolicy::Ask});  // the offer waits for an answer
  auto window = fixture_->open_window();
  QVERIFY(window);
  window->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), receiver.port()});
  QAction* limit = menu_action(*window, QStringLiteral("Limit &Speed…"));
  QVERIFY(limit);
  QVERIFY(!limit->isEnabled());

  QSignalSpy phases(window->bridge(), &EngineBridge::send_phase);
  QSignalSpy sessions(window->bridge(), &EngineBridge::session_done);
  window->send_to(0, {qpath(source / "six.bin")});
  QTRY_VERIFY_WITH_TIMEOUT(
      !phases.isEmpty() && phases.last().at(0).value<SendPhaseChanged>().phase == SendPhase::AwaitingAcceptance,
      kTransferMs);
  TransferList* list = window->transfer_list();
  list->setCurrentItem(list->topLevelItem(0));
  QVERIFY(list->selected_running_send().has_value());
  QVERIFY(limit->isEnabled());
  limit->trigger();
  auto* dialog = window->findChild<SpeedLimitDialog*>();
  QVERIFY(dialog);
  QVERIFY(dialog->isVisible());
  QCOMPARE(dialog->limit(), 0u);
  dialog->editor()->check_box()->click();
  dialog->editor()->spin_box()->setValue(2.0);
  dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
  QCOMPARE(list->limit_of(*list->selected_running_send()), 2 * kMiB);
  QVERIFY(list->topLevelItem(0)->toolTip(TransferList::SpeedColumn).startsWith(QStringLiteral("Limited to 2.0 MiB/s")));

  // The receiver says yes; the bytes then keep to the transfer's limit.
  QVERIFY(receiver.log().wait_for(
      receiver.engine(), [](const Event& e) { return std::holds_alternative<OfferReceived>(e); },
      std::chrono::seconds(30)));
  receiver.engine().respond(receiver.log().all<OfferReceived>().front().id, true);
  QTRY_COMPARE_WITH_TIMEOUT(sessions.count(), 1, kTransferMs);
  const auto done = sessions.last().at(0).value<SessionDone>();
  QVERIFY2(done.ok, done.error.c_str());
  QVERIFY(same_contents(source / "six.bin", target / "six.bin"));
  qInfo("6 MiB in %.2f s", done.seconds);
  QVERIFY2(done.seconds >= 2.5, qPrintable(QStringLiteral("faster than the limit: %1 s").arg(done.seconds)));
  QVERIFY(!limit->isEnabled());
}

QTEST_MAIN(TestSpeedLimit)
#include "test_speed_limit.moc"
