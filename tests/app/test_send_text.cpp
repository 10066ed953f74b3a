// SPDX-License-Identifier: Apache-2.0
// Sending a text from the desktop app, offscreen, between two real windows
// on 127.0.0.1: the Send Text dialog starts with the clipboard's text and
// refuses a text over the engine's limit; a text sent is offered, accepted
// and shown in the receiver's history, whose Copy text button (and Enter)
// puts it on the clipboard, while the history file keeps only its length; a
// text accepted without asking is there too, a declined one is not kept; a
// group's members get it as the selected peers do.
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "app_language.hpp"
#include "main_window.hpp"
#include "group_list.hpp"
#include "offer_dialog.hpp"
#include "peer_list.hpp"
#include "send_text_dialog.hpp"
#include "transfer_list.hpp"
#include "window_fixture.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::app_test;


namespace {

constexpr int kTransferMs = 60'000;

QString history_file_contents(const WindowFixture& fixture) {
  QFile file(fixture.path(QStringLiteral("history.json")));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll());
}

}  // namespace

class TestSendText : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qRegisterMetaType<OfferDialog*>();
    QVERIFY(english_.install(QStringLiteral("en")));  // as the app does: English plural forms
  }
  void the_dialog_starts_with_the_clipboard_text();
  void a_text_over_the_limit_cannot_be_sent();
  void a_text_sent_lands_in_the_history_with_copy_and_not_on_disk();
  void a_text_accepted_without_asking_lands_in_the_history();
  void a_declined_text_is_not_kept();
  void a_text_to_a_group_reaches_its_members();

 private:
  AppLanguage english_;
};

void TestSendText::the_dialog_starts_with_the_clipboard_text() {
  QGuiApplication::clipboard()->setText(QStringLiteral("meeting at 10, room 4"));
  SendTextDialog filled(QStringLiteral("desk"));
  QCOMPARE(filled.text(), QStringLiteral("meeting at 10, room 4"));
  QVERIFY(filled.windowTitle().contains(QStringLiteral("desk")));
  QVERIFY(filled.send_button()->isEnabled());
  QVERIFY(filled.size_label()->text().contains(QStringLiteral("21 characters")));

  QGuiApplication::clipboard()->clear();
  SendTextDialog empty(QStringLiteral("desk"));
  QCOMPARE(empty.text(), QString());
  QVERIFY(!empty.send_button()->isEnabled());  // nothing to send
}

// The limit counts UTF-8 bytes: "ü" is two.
void TestSendText::a_text_over_the_limit_cannot_be_sent() {
  QGuiApplication::clipboard()->clear();
  SendTextDialog dialog(QStringLiteral("desk"));
  dialog.editor()->setPlainText(QString(SendTextDialog::kMaxBytes, QLatin1Char('a')));
  QVERIFY(dialog.send_button()->isEnabled());
  dialog.editor()->setPlainText(QString(SendTextDialog::kMaxBytes / 2, QChar(0x00FC)));
  QVERIFY(dialog.send_button()->isEnabled());
  dialog.editor()->setPlainText(QString(SendTextDialog::kMaxBytes / 2, QChar(0x00FC)) + QLatin1Char('a'));
  QVERIFY(!dialog.send_button()->isEnabled());
  QVERIFY(dialog.size_label()->text().startsWith(QStringLiteral("Too long to send")));
  QVERIFY(dialog.size_label()->text().contains(QLocale().toString(SendTextDialog::kMaxBytes + 1)));
  QVERIFY(dialog.size_label()->text().contains(QLocale().toString(SendTextDialog::kMaxBytes)));
  dialog.editor()->setPlainText(QString(SendTextDialog::kMaxBytes + 1, QLatin1Char('a')));
  QVERIFY(!dialog.send_button()->isEnabled());
}

void TestSendText::a_text_sent_lands_in_the_history_with_copy_and_not_on_disk() {
  WindowFixture receiving(QStringLiteral("receiver"));
  WindowFixture sending(QStringLiteral("sender"));
  QVERIFY(receiving.valid() && sending.valid());
  quint16 port = 0;
  auto receiver = receiving.open_window(&port);
  QVERIFY(receiver);
  auto sender = sending.open_window();
  QVERIFY(sender);
  sender->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), port});
  QCOMPARE(sender->peer_list()->topLevelItemCount(), 1);
  sender->peer_list()->setCurrentItem(sender->peer_list()->topLevelItem(0));
  QSignalSpy offers(receiver.get(), &MainWindow::offer_shown);

  const QString text = QStringLiteral("Grüße, 你好: the door code is 4711-kept-in-memory");
  QGuiApplication::clipboard()->setText(text);
  SendTextDialog* dialog = sender->ask_text_to_send();
  QVERIFY(dialog);
  QCOMPARE(dialog->text(), text);
  dialog->send_button()->click();

  const QString described = QStringLiteral("Text (%1 characters)").arg(text.size());
  QTRY_VERIFY_WITH_TIMEOUT(sender->transfer_list()->topLevelItemCount() == 1, kTransferMs);
  QCOMPARE(sender->transfer_list()->topLevelItem(0)->text(TransferList::FilesColumn), described);

  QVERIFY(offers.wait(kTransferMs));
  auto* offer = offers.last().at(0).value<OfferDialog*>();
  QVERIFY(offer);
  QGuiApplication::clipboard()->clear();
  offer->accept_button()->click();

  QTRY_COMPARE_WITH_TIMEOUT(receiver->history_view()->topLevelItemCount(), 1, kTransferMs);
  QTRY_COMPARE_WITH_TIMEOUT(sender->history_view()->topLevelItemCount(), 1, kTransferMs);
  const QString summary = QStringLiteral("Text, %1 characters").arg(text.size());
  QTreeWidgetItem* received = receiver->history_view()->topLevelItem(0);
  QCOMPARE(received->text(2), summary);
  QVERIFY(received->toolTip(2).contains(text));
  QCOMPARE(sender->history_view()->topLevelItem(0)->text(2), summary);
  QCOMPARE(sender->history_view()->itemWidget(sender->history_view()->topLevelItem(0), 4), nullptr);
  QCOMPARE(sender->transfer_list()->topLevelItem(0)->text(TransferList::FilesColumn), described);

  auto* copy = qobject_cast<QPushButton*>(receiver->history_view()->itemWidget(received, 4));
  QVERIFY(copy);
  QCOMPARE(copy->text(), QStringLiteral("Copy text"));
  QCOMPARE(QGuiApplication::clipboard()->text(), QString());
  copy->click();
  QCOMPARE(QGuiApplication::clipboard()->text(), text);
  // Enter on the row does the same.
  QGuiApplication::clipboard()->clear();
  receiver->history_view()->setFocus();
  receiver->history_view()->setCurrentItem(received);
  QTest::keyClick(receiver->history_view(), Qt::Key_Return);
  QCOMPARE(QGuiApplication::clipboard()->text(), text);

  // On disk: the row and its length, never the text, on either side.
  for (const WindowFixture* fixture : {&receiving, &sending}) {
    const QString saved = history_file_contents(*fixture);
    QVERIFY(saved.contains(QStringLiteral("\"textCharacters\":%1").arg(text.size())));
    QVERIFY(!saved.contains(QStringLiteral("4711-kept-in-memory")));
  }

  // After a restart the row stays, the text is gone and says so.
  receiver.reset();
  receiver = receiving.open_window();
  QVERIFY(receiver);
  QCOMPARE(receiver->history_view()->topLevelItemCount(), 1);
  received = receiver->history_view()->topLevelItem(0);
  QCOMPARE(received->text(2), summary);
  QCOMPARE(receiver->history_view()->itemWidget(received, 4), nullptr);
  QVERIFY(received->toolTip(2).contains(QStringLiteral("gone")));
}

// Consent "everybody": no dialog, and the text still reaches the user.
void TestSendText::a_text_accepted_without_asking_lands_in_the_history() {
  WindowFixture receiving(QStringLiteral("receiver"));
  WindowFixture sending(QStringLiteral("sender"));
  QVERIFY(receiving.valid() && sending.valid());
  QSettings(receiving.settings_file(), QSettings::IniFormat)
      .setValue(QStringLiteral("receive/consent"), QStringLiteral("all"));
  quint16 port = 0;
  auto receiver = receiving.open_window(&port);
  QVERIFY(receiver);
  auto sender = sending.open_window();
  QVERIFY(sender);
  sender->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), port});
  QSignalSpy offers(receiver.get(), &MainWindow::offer_shown);

  QGuiApplication::clipboard()->setText(QStringLiteral("no questions asked"));
  SendTextDialog* dialog = sender->ask_text_to_send();
  QVERIFY(dialog);
  dialog->send_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(receiver->history_view()->topLevelItemCount(), 1, kTransferMs);
  QCOMPARE(offers.count(), 0);
  QTreeWidgetItem* received = receiver->history_view()->topLevelItem(0);
  QCOMPARE(received->text(2), QStringLiteral("Text, 18 characters"));
  auto* copy = qobject_cast<QPushButton*>(receiver->history_view()->itemWidget(received, 4));
  QVERIFY(copy);
  QGuiApplication::clipboard()->clear();
  copy->click();
  QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("no questions asked"));
}

// Declined: the receiver's history has the refused offer, without its text.
void TestSendText::a_declined_text_is_not_kept() {
  WindowFixture receiving(QStringLiteral("receiver"));
  WindowFixture sending(QStringLiteral("sender"));
  QVERIFY(receiving.valid() && sending.valid());
  quint16 port = 0;
  auto receiver = receiving.open_window(&port);
  QVERIFY(receiver);
  auto sender = sending.open_window();
  QVERIFY(sender);
  sender->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), port});
  QSignalSpy offers(receiver.get(), &MainWindow::offer_shown);

  QGuiApplication::clipboard()->setText(QStringLiteral("not for you"));
  SendTextDialog* dialog = sender->ask_text_to_send();
  QVERIFY(dialog);
  dialog->send_button()->click();
  QVERIFY(offers.wait(kTransferMs));
  offers.last().at(0).value<OfferDialog*>()->decline_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(sender->history_view()->topLevelItemCount(), 1, kTransferMs);
  QVERIFY(sender->history_view()->topLevelItem(0)->text(2).startsWith(QStringLiteral("Failed")));
  QTRY_COMPARE_WITH_TIMEOUT(receiver->history_view()->topLevelItemCount(), 1, kTransferMs);
  QTreeWidgetItem* refused = receiver->history_view()->topLevelItem(0);
  const auto* button = qobject_cast<QPushButton*>(receiver->history_view()->itemWidget(refused, 4));
  QVERIFY(!button || button->text() != QStringLiteral("Copy text"));
  QVERIFY(!refused->toolTip(2).contains(QStringLiteral("not for you")));
}

void TestSendText::a_text_to_a_group_reaches_its_members() {
  WindowFixture receiving(QStringLiteral("receiver"));
  WindowFixture sending(QStringLiteral("sender"));
  QVERIFY(receiving.valid() && sending.valid());
  QSettings(receiving.settings_file(), QSettings::IniFormat)
      .setValue(QStringLiteral("receive/consent"), QStringLiteral("all"));
  quint16 port = 0;
  auto receiver = receiving.open_window(&port);
  QVERIFY(receiver);
  auto sender = sending.open_window();
  QVERIFY(sender);
  sender->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), port});
  sender->save_group(QStringLiteral("Team"), {0});
  QCOMPARE(sender->group_list()->topLevelItemCount(), 1);
  sender->group_list()->setCurrentItem(sender->group_list()->topLevelItem(0));

  QGuiApplication::clipboard()->setText(QStringLiteral("to the team"));
  SendTextDialog* dialog = sender->ask_text_to_send_to_group();
  QVERIFY(dialog);
  QVERIFY(dialog->windowTitle().contains(QStringLiteral("Team")));
  dialog->send_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(receiver->history_view()->topLevelItemCount(), 1, kTransferMs);
  QCOMPARE(receiver->history_view()->topLevelItem(0)->text(2), QStringLiteral("Text, 11 characters"));
  QTRY_COMPARE_WITH_TIMEOUT(sender->history_view()->topLevelItemCount(), 1, kTransferMs);
  QCOMPARE(sender->history_view()->topLevelItem(0)->text(2), QStringLiteral("Text, 11 characters"));
}

QTEST_MAIN(TestSendText)
#include "test_send_text.moc"
