// SPDX-License-Identifier: Apache-2.0
// The incoming-offer dialog on its own: what it shows (the sender's code,
// whether it is pinned, the transfer's mode, a warning for a device that
// uses a pinned device's name with another identity), that its buttons
// answer once, and that an unanswered offer declines itself in time.
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QTreeView>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "ferry/core/identity.hpp"
#include "app_language.hpp"
#include "offer_dialog.hpp"
#include "offer_tree_model.hpp"

using namespace ferry;
using namespace ferry::gui;

namespace {

OfferReceived sample_offer() {
  OfferReceived offer;
  offer.id = TransferId{7};
  offer.peer = {"127.0.0.1", 40000};
  offer.device_name = "laptop";
  offer.entries = std::make_shared<const std::vector<OfferEntry>>(
      std::vector<OfferEntry>{{EntryKind::Folder, "trip", 0, 0},
                              {EntryKind::File, "trip/a.jpg", 3 * 1024 * 1024, 0},
                              {EntryKind::File, "trip/b.jpg", 1024, 0}});
  offer.total_bytes = 3 * 1024 * 1024 + 1024;
  offer.identity.fingerprint = std::string(64, 'c');
  offer.identity.verification_code = verification_code(offer.identity.fingerprint);
  return offer;
}

OfferReceived offer_from_impostor() {
  OfferReceived offer = sample_offer();
  offer.identity.trust = PeerTrust::Changed;
  return offer;
}

bool shows(const QDialog& dialog, const QString& text) {
  for (const QLabel* label : dialog.findChildren<QLabel*>())
    if (label->text() == text) return true;
  return false;
}

bool shows_text_with(const QDialog& dialog, const QString& part) {
  for (const QLabel* label : dialog.findChildren<QLabel*>())
    if (label->text().contains(part)) return true;
  return false;
}

OfferAnswer answer_of(const QSignalSpy& answered) { return answered.first().at(1).value<OfferAnswer>(); }

// An answered dialog hides and deletes itself.
void gone_soon(OfferDialog* dialog) {
  QPointer<OfferDialog> alive(dialog);
  QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 5'000);
}

}  // namespace

class TestOfferDialog : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(english_.install(QStringLiteral("en"))); }  // as the app does: English plurals
  void shows_sender_count_size_and_list();
  void shows_code_trust_and_mode();
  void shows_where_renamed_entries_go();
  void shows_fast_mode();
  void impostor_is_warned_about_and_declined_by_default();
  void accept_with_always_answers_once();
  void unanswered_offer_declines_itself();
  void escape_declines();
  void closing_the_window_declines_and_closes();
  void closes_after_an_answer_without_answering_again();

 private:
  AppLanguage english_;
};

void TestOfferDialog::shows_sender_count_size_and_list() {
  OfferDialog dialog(sample_offer(), std::chrono::seconds(60));
  QVERIFY(dialog.windowTitle().contains(QStringLiteral("laptop")));
  QCOMPARE(dialog.selection_label()->text(), QStringLiteral("Receive 2 of 2 files, 3.0 MiB"));  // files, not folders
  const QAbstractItemModel& model = *dialog.tree()->model();
  QCOMPARE(model.rowCount(), 1);
  const QModelIndex trip = model.index(0, 0);
  QCOMPARE(trip.data().toString(), QStringLiteral("trip"));
  QCOMPARE(model.index(0, OfferTreeModel::SizeColumn).data().toString(), QStringLiteral("3.0 MiB"));
  QCOMPARE(model.index(0, OfferTreeModel::FilesColumn).data().toString(), QStringLiteral("2 files"));
  QCOMPARE(model.rowCount(trip), 2);
  QCOMPARE(model.index(0, 0, trip).data().toString(), QStringLiteral("a.jpg"));
  QCOMPARE(model.index(0, OfferTreeModel::SizeColumn, trip).data().toString(), QStringLiteral("3.0 MiB"));
  QCOMPARE(dialog.text_box(), nullptr);  // no message
}

void TestOfferDialog::shows_where_renamed_entries_go() {
  OfferReceived offer = sample_offer();
  offer.entries = std::make_shared<const std::vector<OfferEntry>>(
      std::vector<OfferEntry>{{EntryKind::Folder, "12:30", 0, 0},
                              {EntryKind::File, "12:30/a.jpg", 1024, 0},
                              {EntryKind::File, "tab\there.txt", 1024, 0}});
  offer.renamed = {{0, "12_30"}, {1, "12_30/a.jpg"}, {2, "tab_here.txt"}};
  OfferDialog dialog(offer, std::chrono::seconds(60));
  const QAbstractItemModel& model = *dialog.tree()->model();
  QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("12:30, saved as 12_30"));
  QCOMPARE(model.index(0, 0, model.index(0, 0)).data().toString(), QStringLiteral("a.jpg, saved as 12_30/a.jpg"));
  QCOMPARE(model.index(1, 0).data().toString(), QString::fromUtf8("tab\uFFFDhere.txt, saved as tab_here.txt"));
  QVERIFY(shows_text_with(dialog, QStringLiteral("3 names cannot be stored on this system as offered")));
  QVERIFY(!shows_text_with(OfferDialog(sample_offer(), std::chrono::seconds(60)), QStringLiteral("cannot be stored")));
}

void TestOfferDialog::shows_code_trust_and_mode() {
  OfferDialog dialog(sample_offer(), std::chrono::seconds(60));
  QVERIFY(shows(dialog, QStringLiteral("SK6C-SK6C-SK6C")));
  QVERIFY(shows_text_with(dialog, QStringLiteral("New device — compare this code")));
  QVERIFY(shows(dialog, QStringLiteral("Encrypted")));
  QCOMPARE(dialog.impostor_warning(), nullptr);
  QVERIFY(dialog.accept_button()->isDefault());
  QVERIFY(!dialog.always_accept_box()->isChecked());
}

void TestOfferDialog::shows_fast_mode() {
  OfferReceived offer = sample_offer();
  offer.mode = TransferMode::Fast;
  offer.identity.trust = PeerTrust::Known;
  OfferDialog dialog(offer, std::chrono::seconds(60));
  QVERIFY(shows(dialog, QStringLiteral("Fast mode (file bytes unencrypted)")));
  QVERIFY(shows_text_with(dialog, QStringLiteral("Pinned")));
}

// Enter, the default button, declines; "Always accept" is not ticked.
void TestOfferDialog::impostor_is_warned_about_and_declined_by_default() {
  auto* dialog = new OfferDialog(offer_from_impostor(), std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QVERIFY(dialog->impostor_warning());
  QVERIFY(dialog->impostor_warning()->isVisible());
  QVERIFY(dialog->impostor_warning()->text().contains(QStringLiteral("impostor")));
  QVERIFY(dialog->impostor_warning()->text().contains(QStringLiteral("“laptop”")));
  QVERIFY(shows(*dialog, QStringLiteral("SK6C-SK6C-SK6C")));
  QVERIFY(shows(*dialog, QStringLiteral("NOT the pinned device of that name")));
  QVERIFY(!dialog->always_accept_box()->isChecked());
  QVERIFY(!dialog->accept_button()->isDefault());
  QVERIFY(dialog->decline_button()->isDefault());
  QTest::keyClick(dialog, Qt::Key_Return);
  QCOMPARE(answered.count(), 1);
  QVERIFY(!answer_of(answered).accept);
}

void TestOfferDialog::accept_with_always_answers_once() {
  auto* dialog = new OfferDialog(sample_offer(), std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  dialog->always_accept_box()->setChecked(true);
  dialog->accept_button()->click();
  QCOMPARE(answered.count(), 1);
  QCOMPARE(answered.first().at(0).value<TransferId>(), TransferId{7});
  QVERIFY(answer_of(answered).accept);
  QCOMPARE(answered.first().at(2).toBool(), true);
  QVERIFY(!dialog->isVisible());
  gone_soon(dialog);
}

void TestOfferDialog::unanswered_offer_declines_itself() {
  auto* dialog = new OfferDialog(sample_offer(), std::chrono::seconds(2));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  QSignalSpy timed_out(dialog, &OfferDialog::timed_out);
  dialog->show();
  QElapsedTimer clock;
  clock.start();
  QVERIFY(timed_out.wait(5'000));
  QVERIFY(clock.elapsed() >= 1'500);
  QCOMPARE(timed_out.first().at(0).value<TransferId>(), TransferId{7});
  QCOMPARE(answered.count(), 0);  // nobody answered: the engine declines on its own account
  gone_soon(dialog);
}

void TestOfferDialog::escape_declines() {
  auto* dialog = new OfferDialog(sample_offer(), std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QTest::keyClick(dialog, Qt::Key_Escape);
  QCOMPARE(answered.count(), 1);
  QVERIFY(!answer_of(answered).accept);
  gone_soon(dialog);
}

// The window's close button (or Alt+F4) sends a close event: it declines, and
// the dialog goes away (it used to refuse the close and stay forever).
void TestOfferDialog::closing_the_window_declines_and_closes() {
  auto* dialog = new OfferDialog(sample_offer(), std::chrono::seconds(60));
  QSignalSpy answered(dialog, &OfferDialog::answered);
  dialog->show();
  QVERIFY(dialog->close());
  QCOMPARE(answered.count(), 1);
  QVERIFY(!answer_of(answered).accept);
  gone_soon(dialog);
}

// Answered once, a later close (quitting Ferry, the sender giving up) is
// accepted and answers nothing more.
void TestOfferDialog::closes_after_an_answer_without_answering_again() {
  OfferDialog dialog(sample_offer(), std::chrono::seconds(60));
  QSignalSpy answered(&dialog, &OfferDialog::answered);
  dialog.setAttribute(Qt::WA_DeleteOnClose, false);
  dialog.show();
  dialog.accept_button()->click();
  dialog.show();  // as if still up
  QVERIFY(dialog.close());
  QVERIFY(!dialog.isVisible());
  QCOMPARE(answered.count(), 1);
}

QTEST_MAIN(TestOfferDialog)
#include "test_offer_dialog.moc"
