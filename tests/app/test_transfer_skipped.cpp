// SPDX-License-Identifier: Apache-2.0
// Files the receiving user did not take show on the transfer's row as
// skipped, on both sides, and never as failures; the history keeps them.
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidgetItem>

#include "app_language.hpp"
#include "history.hpp"
#include "transfer_list.hpp"

using namespace ferry;
using namespace ferry::gui;

namespace {

SessionDone done_with(TransferId id, Direction direction, std::uint32_t skipped, bool ok) {
  SessionDone done;
  done.id = id;
  done.direction = direction;
  done.files_ok = 2;
  done.files_skipped = skipped;
  done.ok = ok;
  return done;
}

SessionStarted started(TransferId id, Direction direction) {
  SessionStarted session;
  session.id = id;
  session.direction = direction;
  session.peer = {"127.0.0.1", 40000};
  session.device_name = "desk";
  session.file_count = 2;
  session.entries = std::make_shared<const std::vector<OfferEntry>>(std::vector<OfferEntry>{
      {EntryKind::File, "a", 1, 0}, {EntryKind::File, "b", 1, 0}, {EntryKind::File, "c", 1, 0}});
  return session;
}

// The newest row is the first.
QString newest_status(const TransferList& list) { return list.topLevelItem(0)->text(TransferList::StatusColumn); }

}  // namespace

class TestTransferSkipped : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(english_.install(QStringLiteral("en"))); }
  void the_sender_sees_files_skipped_by_the_receiver();
  void the_history_keeps_the_skipped_count();

 private:
  AppLanguage english_;
};

void TestTransferSkipped::the_sender_sees_files_skipped_by_the_receiver() {
  TransferList list;
  list.add_outgoing(TransferId{1}, QStringLiteral("desk"), {QStringLiteral("/tmp/a")});
  list.on_session_started(started(TransferId{1}, Direction::Send));
  for (std::uint32_t index : {0u, 2u}) {
    FileDone file;
    file.id = TransferId{1};
    file.index = index;
    file.bytes = 1;
    file.ok = true;
    list.on_file_done(file, {});
  }
  list.on_session_done(done_with(TransferId{1}, Direction::Send, 1, true), {});
  QCOMPARE(newest_status(list), QStringLiteral("Done · 1 skipped by the receiver"));
  const QTreeWidgetItem* row = list.topLevelItem(0);
  QCOMPARE(row->childCount(), 3);
  QVERIFY(row->child(0)->text(TransferList::StatusColumn).startsWith(QStringLiteral("Done")));
  QCOMPARE(row->child(1)->text(TransferList::StatusColumn), QStringLiteral("Skipped by the receiver"));
  QVERIFY(row->child(2)->text(TransferList::StatusColumn).startsWith(QStringLiteral("Done")));

  list.on_session_started(started(TransferId{2}, Direction::Receive));
  list.on_session_done(done_with(TransferId{2}, Direction::Receive, 3, true), {});
  QCOMPARE(newest_status(list), QStringLiteral("Done · 3 not taken"));

  list.add_outgoing(TransferId{3}, QStringLiteral("desk"), {QStringLiteral("/tmp/a")});
  list.on_session_started(started(TransferId{3}, Direction::Send));
  list.on_session_done(done_with(TransferId{3}, Direction::Send, 0, true), {});
  QCOMPARE(newest_status(list), QStringLiteral("Done"));  // nothing skipped: nothing said

  list.add_outgoing(TransferId{4}, QStringLiteral("desk"), {QStringLiteral("/tmp/a")});
  list.on_session_started(started(TransferId{4}, Direction::Send));
  list.on_session_done(done_with(TransferId{4}, Direction::Send, 2, false),
                       [] { return QStringLiteral("the connection was lost"); });
  QCOMPARE(newest_status(list), QStringLiteral("Failed: the connection was lost · 2 skipped by the receiver"));
}

void TestTransferSkipped::the_history_keeps_the_skipped_count() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString file = dir.filePath(QStringLiteral("history.json"));
  HistoryEntry entry;
  entry.files_ok = 4;
  entry.files_skipped = 3;
  entry.ok = true;
  History(file).add(entry);
  const History read(file);
  QCOMPARE(read.entries().size(), 1);
  QCOMPARE(read.entries().front().files_skipped, 3u);
  QCOMPARE(read.entries().front().files_failed, 0u);
}

QTEST_MAIN(TestTransferSkipped)
#include "test_transfer_skipped.moc"
