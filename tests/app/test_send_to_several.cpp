// SPDX-License-Identifier: Apache-2.0
// Sending to several peers at once from the desktop app, offscreen, with
// real receiving engines on 127.0.0.1: several peers selected (Ctrl+A, or
// Ctrl+click) get one drop as one session each, each with its own transfer
// row and history row; a named group is kept across a restart, sends to its
// members when files are dropped on it, is renamed and removed, and names
// the members that are offline instead of skipping them.
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <filesystem>
#include <memory>

#include "engine_harness.hpp"
#include "group_list.hpp"
#include "main_window.hpp"
#include "peer_list.hpp"
#include "transfer_list.hpp"
#include "window_fixture.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;
using namespace ferry::app_test;
namespace fs = std::filesystem;

namespace {

constexpr int kTransferMs = 60'000;

QString qpath(const fs::path& path) { return QString::fromStdU16String(path.u16string()); }

void click_row(PeerList* list, int row, Qt::KeyboardModifiers modifiers) {
  QTest::mouseClick(list->viewport(), Qt::LeftButton, modifiers,
                    list->visualItemRect(list->topLevelItem(row)).center());
}

int finished_rows(const TransferList* transfers) {
  int done = 0;
  for (int i = 0; i < transfers->topLevelItemCount(); ++i)
    if (transfers->topLevelItem(i)->text(TransferList::StatusColumn).startsWith(QStringLiteral("Done"))) ++done;
  return done;
}

}  // namespace

class TestSendToSeveral : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup() { fixture_.reset(); }
  void one_drop_on_a_selection_is_one_session_per_peer();
  void a_group_is_kept_and_sends_to_its_members();
  void offline_members_are_named_not_skipped();

 private:
  std::unique_ptr<WindowFixture> fixture_;
};

void TestSendToSeveral::init() {
  fixture_ = std::make_unique<WindowFixture>(QStringLiteral("test-window"));
  QVERIFY(fixture_->valid());
}

void TestSendToSeveral::one_drop_on_a_selection_is_one_session_per_peer() {
  const fs::path source = fresh_dir("several-gui-src");
  write_random_file(source / "report.bin", 2'000'000, 21);
  const fs::path first_dir = fresh_dir("several-gui-first");
  const fs::path second_dir = fresh_dir("several-gui-second");
  const fs::path third_dir = fresh_dir("several-gui-third");
  Receiver first(first_dir);
  Receiver second(second_dir);
  Receiver third(third_dir);
  auto window = fixture_->open_window();
  QVERIFY(window);
  window->add_peer({QStringLiteral("first"), QStringLiteral("127.0.0.1"), first.port()});
  window->add_peer({QStringLiteral("second"), QStringLiteral("127.0.0.1"), second.port()});
  window->add_peer({QStringLiteral("third"), QStringLiteral("127.0.0.1"), third.port()});
  PeerList* peers = window->peer_list();
  window->show();
  QVERIFY(QTest::qWaitForWindowExposed(window.get()));

  // Ctrl+A selects every peer; a click selects one again; Ctrl+click adds one.
  peers->setFocus();
  QTest::keyClick(peers, Qt::Key_A, Qt::ControlModifier);
  QCOMPARE(peers->selected_rows(), (QList<int>{0, 1, 2}));
  click_row(peers, 0, Qt::NoModifier);
  QCOMPARE(peers->selected_rows(), QList<int>{0});
  click_row(peers, 2, Qt::ControlModifier);
  QCOMPARE(peers->selected_rows(), (QList<int>{0, 2}));

  // One drop onto a selected row: one session, row and history row per peer.
  drop_on_row(peers, 2, {QUrl::fromLocalFile(qpath(source / "report.bin"))});
  QCOMPARE(window->transfer_list()->topLevelItemCount(), 2);
  QTRY_COMPARE_WITH_TIMEOUT(window->history_view()->topLevelItemCount(), 2, kTransferMs);
  QCOMPARE(finished_rows(window->transfer_list()), 2);
  QStringList history;
  for (int i = 0; i < 2; ++i) history.append(window->history_view()->topLevelItem(i)->text(1));
  history.sort();
  QCOMPARE(history, (QStringList{QStringLiteral("↑ to first"), QStringLiteral("↑ to third")}));
  QVERIFY(same_contents(source / "report.bin", first_dir / "report.bin"));
  QVERIFY(same_contents(source / "report.bin", third_dir / "report.bin"));
  QVERIFY(fs::is_empty(second_dir));  // the peer left out got nothing

  // A drop onto a row outside the selection goes to that peer alone.
  drop_on_row(peers, 1, {QUrl::fromLocalFile(qpath(source / "report.bin"))});
  QCOMPARE(peers->selected_rows(), QList<int>{1});
  QTRY_COMPARE_WITH_TIMEOUT(window->history_view()->topLevelItemCount(), 3, kTransferMs);
  QCOMPARE(window->transfer_list()->topLevelItemCount(), 3);
  QVERIFY(same_contents(source / "report.bin", second_dir / "report.bin"));
}

void TestSendToSeveral::a_group_is_kept_and_sends_to_its_members() {
  const fs::path source = fresh_dir("group-gui-src");
  write_random_file(source / "slides.bin", 500'000, 22);
  const fs::path first_dir = fresh_dir("group-gui-first");
  const fs::path second_dir = fresh_dir("group-gui-second");
  Receiver first(first_dir);
  Receiver second(second_dir);
  {
    auto window = fixture_->open_window();
    QVERIFY(window);
    window->add_peer({QStringLiteral("first"), QStringLiteral("127.0.0.1"), first.port()});
    window->add_peer({QStringLiteral("outsider"), QStringLiteral("127.0.0.1"), 9});
    window->add_peer({QStringLiteral("second"), QStringLiteral("127.0.0.1"), second.port()});
    QVERIFY(window->group_list()->isHidden());  // no group yet
    window->save_group(QStringLiteral("Team"), {0, 2});
    // Saving keeps the selection and the peers as they were.
    QCOMPARE(window->peer_list()->topLevelItemCount(), 3);
  }
  // Kept across a restart, in the settings file.
  auto window = fixture_->open_window();
  QVERIFY(window);
  GroupList* groups = window->group_list();
  QVERIFY(!groups->isHidden());
  QCOMPARE(groups->topLevelItemCount(), 1);
  QCOMPARE(groups->topLevelItem(0)->text(GroupList::NameColumn), QStringLiteral("Team"));
  QCOMPARE(groups->topLevelItem(0)->text(GroupList::MembersColumn), QStringLiteral("first, second"));
  QCOMPARE(groups->accessibleName(), QStringLiteral("Groups"));

  window->show();
  QVERIFY(QTest::qWaitForWindowExposed(window.get()));
  drop_on_row(groups, 0, {QUrl::fromLocalFile(qpath(source / "slides.bin"))});
  QCOMPARE(window->transfer_list()->topLevelItemCount(), 2);
  QTRY_COMPARE_WITH_TIMEOUT(window->history_view()->topLevelItemCount(), 2, kTransferMs);
  QCOMPARE(finished_rows(window->transfer_list()), 2);
  QVERIFY(same_contents(source / "slides.bin", first_dir / "slides.bin"));
  QVERIFY(same_contents(source / "slides.bin", second_dir / "slides.bin"));
  QVERIFY(!window->findChild<QMessageBox*>(QStringLiteral("offline_members")));

  // Renamed (over another group's name: that one gives way), then removed.
  window->save_group(QStringLiteral("Just first"), {0});
  QCOMPARE(groups->topLevelItemCount(), 2);
  window->rename_group(1, QStringLiteral("Team"));
  QCOMPARE(groups->topLevelItemCount(), 1);
  QCOMPARE(groups->topLevelItem(0)->text(GroupList::MembersColumn), QStringLiteral("first"));
  window->remove_group(0);
  QCOMPARE(groups->topLevelItemCount(), 0);
  QVERIFY(groups->isHidden());
  QSettings store(fixture_->settings_file(), QSettings::IniFormat);
  QCOMPARE(store.beginReadArray(QStringLiteral("groups")), 0);
}

// A discovered member that went offline is named in a message; the others
// still get the files.
void TestSendToSeveral::offline_members_are_named_not_skipped() {
  const fs::path source = fresh_dir("offline-gui-src");
  write_random_file(source / "notes.bin", 100'000, 23);
  const fs::path online_dir = fresh_dir("offline-gui-online");
  Receiver online(online_dir);
  auto window = fixture_->open_window();
  QVERIFY(window);
  window->add_peer({QStringLiteral("online"), QStringLiteral("127.0.0.1"), online.port()});
  const DiscoveredPeer laptop{std::string(64, 'b'), "laptop", "linux", 2, 9, {"127.0.0.1"}};
  window->peer_list()->show_discovered(laptop);
  window->save_group(QStringLiteral("Both"), {0, 1});
  window->peer_list()->show_offline(laptop);

  window->send_to_group(0, {qpath(source / "notes.bin")});
  auto* told = window->findChild<QMessageBox*>(QStringLiteral("offline_members"));
  QVERIFY(told);
  QVERIFY2(told->text().contains(QStringLiteral("laptop")) && told->text().contains(QStringLiteral("offline")),
           qPrintable(told->text()));
  QCOMPARE(window->transfer_list()->topLevelItemCount(), 1);
  QTRY_COMPARE_WITH_TIMEOUT(window->history_view()->topLevelItemCount(), 1, kTransferMs);
  QVERIFY(same_contents(source / "notes.bin", online_dir / "notes.bin"));
}

QTEST_MAIN(TestSendToSeveral)
#include "test_send_to_several.moc"
