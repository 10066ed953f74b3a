// SPDX-License-Identifier: Apache-2.0
// Failures in the user's words: each cause reads as what happened and what to
// do, a receiver's folder problem names the folder, Resume is promised only
// when the receiver kept what arrived, and the engine's text is used only for
// causes without words.
#include <QDir>
#include <QTest>

#include "failure_text.hpp"

using namespace ferry;
using namespace ferry::gui;

class TestFailureText : public QObject {
  Q_OBJECT

 private slots:
  void dead_peer_says_what_to_check() {
    const QString text = failure_sentence(FailureCause::ConnectTimedOut, Direction::Send, QStringLiteral("Bob"), {});
    QVERIFY(text.startsWith(QStringLiteral("Bob did not answer.")));
    QVERIFY(text.contains(QStringLiteral("firewall")));
  }

  void unwritable_folder_is_named_to_the_receiver_only() {
    const QString mine = failure_sentence(FailureCause::ReceiveFolderUnwritable, Direction::Receive,
                                          QStringLiteral("Bob"), QStringLiteral("/data/in"));
    QVERIFY(mine.contains(QDir::toNativeSeparators(QStringLiteral("/data/in"))));
    QVERIFY(mine.contains(QStringLiteral("Settings")));
    const QString theirs = failure_sentence(FailureCause::ReceiveFolderUnwritable, Direction::Send,
                                            QStringLiteral("Bob"), QStringLiteral("/data/in"));
    QVERIFY(!theirs.contains(QStringLiteral("data")));
    QCOMPARE(theirs, QStringLiteral("Bob cannot write to its receive folder."));
  }

  void resume_is_promised_only_when_resumable() {
    SessionDone done;
    done.direction = Direction::Send;
    done.cause = FailureCause::CancelledByUser;
    done.error = "cancelled";
    QCOMPARE(session_failure_sentence(done, QStringLiteral("Bob"), {}), QStringLiteral("You cancelled it."));
    done.resumable = true;
    QCOMPARE(session_failure_sentence(done, QStringLiteral("Bob"), {}),
             QStringLiteral("You cancelled it. Resume sends the rest."));
  }

  void other_causes_fall_back_to_the_engine_text() {
    SessionDone done;
    done.cause = FailureCause::Other;
    done.error = "something odd";
    QCOMPARE(session_failure_sentence(done, QStringLiteral("Bob"), {}), QStringLiteral("something odd"));
  }
};

QTEST_MAIN(TestFailureText)
#include "test_failure_text.moc"
