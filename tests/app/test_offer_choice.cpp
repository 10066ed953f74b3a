// SPDX-License-Identifier: Apache-2.0
// Choosing what to receive in the offer dialog: the offer as a tree built
// from its paths, tri-state folders, the selection's totals, the answer's
// `take` by offer index (real key presses in the tree), Save to… checked
// against the engine's write confinement, the sender's message with Copy,
// an offer of text only, and a 100,000-entry offer opening quickly.
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "app_language.hpp"
#include "offer_dialog.hpp"
#include "offer_tree_model.hpp"

using namespace ferry;
using namespace ferry::gui;

namespace {

OfferReceived offer_of(std::vector<OfferEntry> entries) {
  OfferReceived offer;
  offer.id = TransferId{9};
  offer.peer = {"127.0.0.1", 40000};
  offer.device_name = "laptop";
  for (const OfferEntry& entry : entries) offer.total_bytes += entry.size;
  offer.entries = std::make_shared<const std::vector<OfferEntry>>(std::move(entries));
  return offer;
}

// trip/ holds a.jpg, sub/c.txt and b.txt; other.txt is beside it.
OfferReceived nested_offer() {
  return offer_of({{EntryKind::Folder, "trip", 0, 0},
                   {EntryKind::File, "trip/a.jpg", 1000, 0},
                   {EntryKind::Folder, "trip/sub", 0, 0},
                   {EntryKind::File, "trip/sub/c.txt", 200, 0},
                   {EntryKind::File, "trip/b.txt", 30, 0},
                   {EntryKind::File, "other.txt", 4, 0}});
}

QString cell(const QModelIndex& row, int column) { return row.siblingAtColumn(column).data().toString(); }

Qt::CheckState check_state(const QModelIndex& row) { return row.data(Qt::CheckStateRole).value<Qt::CheckState>(); }

// The row of a '/'-separated path of shown names.
QModelIndex row_of(const QAbstractItemModel& model, const QString& path) {
  QModelIndex at;
  for (const QString& name : path.split(QLatin1Char('/'))) {
    const QModelIndex parent = at;
    at = {};
    for (int row = 0; row < model.rowCount(parent); ++row)
      if (model.index(row, 0, parent).data().toString() == name) at = model.index(row, 0, parent);
    if (!at.isValid()) return {};
  }
  return at;
}

bool tick(QAbstractItemModel& model, const QString& path, Qt::CheckState state) {
  return model.setData(row_of(model, path), state, Qt::CheckStateRole);
}

OfferAnswer answer_of(const QSignalSpy& answered) { return answered.first().at(1).value<OfferAnswer>(); }

bool shows_text_with(const QDialog& dialog, const QString& part) {
  for (const QLabel* label : dialog.findChildren<QLabel*>())
    if (label->text().contains(part)) return true;
  return false;
}

void gone_soon(OfferDialog* dialog) {
  QPointer<OfferDialog> alive(dialog);
  QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 5'000);
}

}  // namespace

class TestOfferChoice : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(english_.install(QStringLiteral("en")));
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);  // Qt's folder dialog, to drive with keys
  }
  void tree_is_built_from_the_paths();
  void ticking_a_folder_ticks_everything_under_it();
  void space_unticks_a_folder_and_the_answer_skips_it();
  void everything_ticked_takes_all();
  void nothing_ticked_cannot_be_accepted_but_declined();
  void save_to_is_refused_outside_the_writable_folders();
  void a_selection_that_does_not_fit_cannot_be_accepted_until_it_does();
  void what_is_already_here_needs_no_space();
  void shows_the_message_and_copies_it();
  void an_offer_of_text_only_shows_only_the_text();
  void a_large_offer_opens_quickly();

 private:
  AppLanguage english_;
};

// Folders the offer lists after their contents, or not at all, still hold them.
void TestOfferChoice::tree_is_built_from_the_paths() {
  OfferDialog dialog(offer_of({{EntryKind::File, "b/x/1.txt", 10, 0},
                               {EntryKind::File, "top.txt", 5, 0},
                               {EntryKind::Folder, "b", 0, 0},
                               {EntryKind::File, "b/2.txt", 20, 0},
                               {EntryKind::Folder, "empty", 0, 0}}),
                     std::chrono::seconds(60));
  dialog.setAttribute(Qt::WA_DeleteOnClose, false);
  const QAbstractItemModel& model = *dialog.tree()->model();
  QCOMPARE(model.rowCount(), 3);  // folders first, then files, each by name
  QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("b"));
  QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("empty"));
  QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("top.txt"));
  QCOMPARE(model.index(0, 0, model.index(0, 0)).data().toString(), QStringLiteral("x"));
  const QModelIndex b = row_of(model, QStringLiteral("b"));
  QCOMPARE(model.rowCount(b), 2);
  QCOMPARE(cell(b, OfferTreeModel::FilesColumn), QStringLiteral("2 files"));
  QCOMPARE(cell(b, OfferTreeModel::SizeColumn), QStringLiteral("30 B"));
  QCOMPARE(cell(row_of(model, QStringLiteral("b/x/1.txt")), OfferTreeModel::SizeColumn), QStringLiteral("10 B"));
  QCOMPARE(cell(row_of(model, QStringLiteral("empty")), OfferTreeModel::FilesColumn), QStringLiteral("0 files"));
  QCOMPARE(dialog.selection_label()->text(), QStringLiteral("Receive 3 of 3 files, 35 B"));
}

void TestOfferChoice::ticking_a_folder_ticks_everything_under_it() {
  OfferDialog dialog(nested_offer(), std::chrono::seconds(60));
  dialog.setAttribute(Qt::WA_DeleteOnClose, false);
  QAbstractItemModel& model = *dialog.tree()->model();
  const QModelIndex trip = row_of(model, QStringLiteral("trip"));
  const QModelIndex sub = row_of(model, QStringLiteral("trip/sub"));
  const QModelIndex c = row_of(model, QStringLiteral("trip/sub/c.txt"));
  QCOMPARE(check_state(trip), Qt::Checked);
  QVERIFY(tick(model, QStringLiteral("trip/sub/c.txt"), Qt::Unchecked));
  QCOMPARE(check_state(sub), Qt::Unchecked);  // its only file
  QCOMPARE(check_state(trip), Qt::PartiallyChecked);
  QCOMPARE(dialog.selection_label()->text(), QStringLiteral("Receive 3 of 4 files, 1.0 KiB"));
  QVERIFY(tick(model, QStringLiteral("trip"), Qt::Unchecked));
  QCOMPARE(check_state(row_of(model, QStringLiteral("trip/a.jpg"))), Qt::Unchecked);
  QCOMPARE(dialog.selection_label()->text(), QStringLiteral("Receive 1 of 4 files, 4 B"));
  QVERIFY(tick(model, QStringLiteral("trip"), Qt::Checked));
  QCOMPARE(check_state(c), Qt::Checked);
  QCOMPARE(check_state(sub), Qt::Checked);
  QCOMPARE(check_state(trip), Qt::Checked);
}

// Real keys: in the tree, Down reaches trip/sub (folders first), Space
// unticks it, Enter accepts.
void TestOfferChoice::space_unticks_a_folder_and_the_answer_skips_it() {
  auto* dialog = new OfferDialog(nested_offer(), std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QVERIFY(QTest::qWaitForWindowExposed(dialog));
  QTreeView* tree = dialog->tree();
  tree->setFocus();
  QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("trip"));
  QTest::keyClick(tree, Qt::Key_Down);
  QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("sub"));
  QTest::keyClick(tree, Qt::Key_Space);
  QCOMPARE(check_state(tree->currentIndex()), Qt::Unchecked);
  QCOMPARE(dialog->selection_label()->text(), QStringLiteral("Receive 3 of 4 files, 1.0 KiB"));
  QTest::keyClick(tree, Qt::Key_Return);
  QCOMPARE(answered.count(), 1);
  const OfferAnswer answer = answer_of(answered);
  QVERIFY(answer.accept);
  QCOMPARE(answer.take, (std::vector<bool>{true, true, false, false, true, true}));
  QVERIFY(answer.folder.empty());
  gone_soon(dialog);
}

void TestOfferChoice::everything_ticked_takes_all() {
  auto* dialog = new OfferDialog(nested_offer(), std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  QAbstractItemModel& model = *dialog->tree()->model();
  QVERIFY(tick(model, QStringLiteral("other.txt"), Qt::Unchecked));
  QVERIFY(tick(model, QStringLiteral("other.txt"), Qt::Checked));
  dialog->accept_button()->click();
  QCOMPARE(answered.count(), 1);
  QVERIFY(answer_of(answered).accept);
  QVERIFY(answer_of(answered).take.empty());  // all of it
  gone_soon(dialog);
}

void TestOfferChoice::nothing_ticked_cannot_be_accepted_but_declined() {
  auto* dialog = new OfferDialog(nested_offer(), std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QAbstractItemModel& model = *dialog->tree()->model();
  QVERIFY(tick(model, QStringLiteral("trip"), Qt::Unchecked));
  QVERIFY(dialog->accept_button()->isEnabled());
  QVERIFY(tick(model, QStringLiteral("other.txt"), Qt::Unchecked));
  QCOMPARE(dialog->selection_label()->text(), QStringLiteral("Receive 0 of 4 files, 0 B"));
  QVERIFY(!dialog->accept_button()->isEnabled());
  QTest::keyClick(dialog, Qt::Key_Return);
  QCOMPARE(answered.count(), 0);
  QTest::keyClick(dialog, Qt::Key_Escape);
  QCOMPARE(answered.count(), 1);
  QVERIFY(!answer_of(answered).accept);
  gone_soon(dialog);
}

// The offer is 1234 bytes and 900 are free: Accept stays disabled (Enter
// does nothing, Escape declines) until the ticked files fit.
void TestOfferChoice::a_selection_that_does_not_fit_cannot_be_accepted_until_it_does() {
  OfferReceived offer = nested_offer();
  offer.free_bytes = 900;
  auto* dialog = new OfferDialog(offer, std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QVERIFY(QTest::qWaitForWindowExposed(dialog));
  QVERIFY(dialog->space_label()->isVisible());
  QCOMPARE(dialog->space_label()->text(),
           QStringLiteral("Needs 334 B more than the 900 B free on this disk: untick some files, or save to another "
                          "disk."));
  QVERIFY(!dialog->accept_button()->isEnabled());
  QTest::keyClick(dialog, Qt::Key_Return);
  QCOMPARE(answered.count(), 0);

  QAbstractItemModel& model = *dialog->tree()->model();
  QVERIFY(tick(model, QStringLiteral("other.txt"), Qt::Unchecked));  // 1230: still too much
  QVERIFY(dialog->space_label()->text().startsWith(QStringLiteral("Needs 330 B more")));
  QVERIFY(!dialog->accept_button()->isEnabled());
  QVERIFY(tick(model, QStringLiteral("trip/a.jpg"), Qt::Unchecked));  // 230: fits
  QCOMPARE(dialog->space_label()->text(), QStringLiteral("900 B free on this disk"));
  QVERIFY(dialog->accept_button()->isEnabled());
  QVERIFY(tick(model, QStringLiteral("trip/a.jpg"), Qt::Checked));
  QVERIFY(!dialog->accept_button()->isEnabled());
  QTest::keyClick(dialog, Qt::Key_Escape);
  QCOMPARE(answered.count(), 1);
  QVERIFY(!answer_of(answered).accept);
  gone_soon(dialog);
}

// 900 bytes of trip/a.jpg are here from an earlier session: the whole offer
// needs 334 bytes, which do not fit in 300; without other.txt and
// trip/b.txt it needs 300, which do.
void TestOfferChoice::what_is_already_here_needs_no_space() {
  OfferReceived offer = nested_offer();
  offer.free_bytes = 300;
  offer.held = {{1, 900}};
  auto* dialog = new OfferDialog(offer, std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  QVERIFY(dialog->space_label()->text().startsWith(QStringLiteral("Needs 34 B more than the 300 B free")));
  QVERIFY(!dialog->accept_button()->isEnabled());
  QAbstractItemModel& model = *dialog->tree()->model();
  QVERIFY(tick(model, QStringLiteral("other.txt"), Qt::Unchecked));
  QVERIFY(!dialog->accept_button()->isEnabled());
  QVERIFY(tick(model, QStringLiteral("trip/b.txt"), Qt::Unchecked));
  QCOMPARE(dialog->space_label()->text(), QStringLiteral("300 B free on this disk"));
  QVERIFY(dialog->accept_button()->isEnabled());
  dialog->accept_button()->click();
  QCOMPARE(answered.count(), 1);
  QVERIFY(answer_of(answered).accept);
  QCOMPARE(answer_of(answered).take, (std::vector<bool>{true, true, true, true, false, false}));
  gone_soon(dialog);
}

// Writes confined to the receive folder and a config folder: a folder
// elsewhere is refused with the reason, one inside is taken and answered.
void TestOfferChoice::save_to_is_refused_outside_the_writable_folders() {
  QTemporaryDir root;
  QVERIFY(root.isValid());
  const QDir dir(root.path());
  QVERIFY(dir.mkpath(QStringLiteral("receive/inside")));
  QVERIFY(dir.mkpath(QStringLiteral("elsewhere")));
  QVERIFY(dir.mkpath(QStringLiteral("config")));
  EngineSettings settings;
  settings.receive_dir = dir.filePath(QStringLiteral("receive")).toStdU16String();
  settings.writable_folders =
      std::vector<std::filesystem::path>{dir.filePath(QStringLiteral("config")).toStdU16String()};
  auto* dialog = new OfferDialog(nested_offer(), std::chrono::seconds(60), nullptr, settings);
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QVERIFY(dialog->save_to_button()->isVisible());
  QVERIFY(!dialog->folder_refusal()->isVisible());

  QVERIFY(!dialog->choose_folder(dir.filePath(QStringLiteral("elsewhere"))));
  QVERIFY(dialog->folder_refusal()->isVisible());
  QVERIFY(dialog->folder_refusal()->text().contains(QStringLiteral("Ferry cannot save into")));
  QVERIFY(dialog->folder_refusal()->text().contains(QStringLiteral("change the receive folder in Settings")));
  QVERIFY(!dialog->choose_folder(dir.filePath(QStringLiteral("missing"))));
  QVERIFY(dialog->folder_refusal()->text().contains(QStringLiteral("is not a folder")));

  // Save to… asks in a folder dialog of the offer's own; what it picks is checked alike.
  const QString inside = dir.filePath(QStringLiteral("receive/inside"));
  dialog->save_to_button()->click();
  auto* ask = dialog->findChild<QFileDialog*>();
  QVERIFY(ask);
  QTRY_VERIFY_WITH_TIMEOUT(ask->isVisible(), 5'000);
  ask->selectFile(inside);
  QTest::keyClick(ask, Qt::Key_Return);
  QVERIFY(!dialog->folder_refusal()->isVisible());
  QVERIFY(shows_text_with(*dialog, QDir::toNativeSeparators(inside)));
  dialog->accept_button()->click();
  QCOMPARE(answered.count(), 1);
  QCOMPARE(answer_of(answered).folder, std::filesystem::path(inside.toStdU16String()));
  gone_soon(dialog);

  settings.writable_folders.reset();  // not confined: any folder will do
  OfferDialog free(nested_offer(), std::chrono::seconds(60), nullptr, settings);
  free.setAttribute(Qt::WA_DeleteOnClose, false);
  QVERIFY(free.choose_folder(dir.filePath(QStringLiteral("elsewhere"))));
}

// The message is plain text, never rich; Copy puts it on the clipboard.
void TestOfferChoice::shows_the_message_and_copies_it() {
  OfferReceived offer = nested_offer();
  offer.text = "Here are the photos\n<b>not bold</b> — ünïcode";
  OfferDialog dialog(offer, std::chrono::seconds(60));
  dialog.setAttribute(Qt::WA_DeleteOnClose, false);
  const QString text = QString::fromUtf8("Here are the photos\n<b>not bold</b> — ünïcode");
  QVERIFY(dialog.text_box());
  QVERIFY(dialog.text_box()->isReadOnly());
  QCOMPARE(dialog.text_box()->toPlainText(), text);
  QVERIFY(dialog.tree());
  QGuiApplication::clipboard()->clear();
  dialog.copy_button()->click();
  QCOMPARE(QGuiApplication::clipboard()->text(), text);
}

void TestOfferChoice::an_offer_of_text_only_shows_only_the_text() {
  OfferReceived offer = offer_of({});
  offer.text = "just a note";
  auto* dialog = new OfferDialog(offer, std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QCOMPARE(dialog->windowTitle(), QStringLiteral("Incoming text from laptop"));
  QCOMPARE(dialog->tree(), nullptr);
  QCOMPARE(dialog->save_to_button(), nullptr);
  QCOMPARE(dialog->text_box()->toPlainText(), QStringLiteral("just a note"));
  QCOMPARE(dialog->accept_button()->text(), QStringLiteral("&Accept"));
  QVERIFY(dialog->accept_button()->isEnabled());
  QTest::keyClick(dialog, Qt::Key_Return);
  QCOMPARE(answered.count(), 1);
  QVERIFY(answer_of(answered).accept);
  QVERIFY(answer_of(answered).take.empty());
  gone_soon(dialog);
}

// 100,000 entries (1,000 folders of 99 files each) are made and shown in
// under 2 s, and unticking one folder is immediate.
void TestOfferChoice::a_large_offer_opens_quickly() {
  std::vector<OfferEntry> entries;
  entries.reserve(100'000);
  for (int folder = 0; folder < 1000; ++folder) {
    const std::string name = "folder" + std::to_string(folder);
    entries.push_back({EntryKind::Folder, name, 0, 0});
    for (int file = 0; file < 99; ++file)
      entries.push_back({EntryKind::File, name + "/file" + std::to_string(file) + ".bin", 1000, 0});
  }
  const OfferReceived offer = offer_of(std::move(entries));
  QElapsedTimer clock;
  clock.start();
  auto* dialog = new OfferDialog(offer, std::chrono::seconds(60));
  dialog->show();
  QVERIFY(QTest::qWaitForWindowExposed(dialog));
  QCoreApplication::processEvents();
  const qint64 opened = clock.elapsed();
  QCOMPARE(dialog->selection_label()->text(), QStringLiteral("Receive 99,000 of 99,000 files, 94 MiB"));
  clock.restart();
  QVERIFY(dialog->tree()->model()->setData(dialog->tree()->model()->index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
  QCoreApplication::processEvents();
  const qint64 ticked = clock.elapsed();
  qInfo("100,000 entries: shown in %lld ms, a folder unticked in %lld ms", opened, ticked);
  QVERIFY2(opened < 2'000, qPrintable(QStringLiteral("%1 ms").arg(opened)));
  QCOMPARE(dialog->selection_label()->text(), QStringLiteral("Receive 98,901 of 99,000 files, 94 MiB"));
  dialog->reject();
  gone_soon(dialog);
}

QTEST_MAIN(TestOfferChoice)
#include "test_offer_choice.moc"
