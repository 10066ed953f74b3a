// SPDX-License-Identifier: Apache-2.0
// ferry-cli receive asks its user at a real terminal (a pseudo-terminal this
// test owns): whatever was typed before the question appeared must not answer
// it, only what is typed after.
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <QProcess>
#include <QRegularExpression>
#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"
#include "raw_peer.hpp"
#include "small_disk.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kWait = std::chrono::seconds(30);

// The master side of a fresh pseudo-terminal; the slave is opened by name.
class PseudoTerminal {
 public:
  PseudoTerminal() {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) qFatal("no pseudo-terminal");
    slave_name_ = ::ptsname(master_);
  }
  ~PseudoTerminal() { ::close(master_); }
  PseudoTerminal(const PseudoTerminal&) = delete;
  PseudoTerminal& operator=(const PseudoTerminal&) = delete;

  QString slave_name() const { return QString::fromStdString(slave_name_); }

  // Types `text` as a user at the keyboard does.
  bool type(std::string_view text) { return ::write(master_, text.data(), text.size()) == ssize_t(text.size()); }

  // Reads what the terminal shows until `pattern` appears in it (all of it
  // since the start), or the time runs out.
  bool wait_for_text(const QString& pattern, std::chrono::seconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!shown_.contains(pattern)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd poll_fd{master_, POLLIN, 0};
      if (::poll(&poll_fd, 1, static_cast<int>(left)) != 1) return false;
      char buffer[4096];
      const ssize_t got = ::read(master_, buffer, sizeof buffer);
      if (got <= 0) return false;
      shown_ += QString::fromUtf8(buffer, got);
    }
    return true;
  }

  const QString& shown() const { return shown_; }

 private:
  int master_ = -1;
  std::string slave_name_;
  QString shown_;
};

// Starts `ferry-cli receive` asking at `terminal`, on 127.0.0.1; its port,
// or 0 when it did not start listening.
std::uint16_t start_receiver(QProcess& receiver, PseudoTerminal& terminal, const fs::path& target,
                             const fs::path& config, const QStringList& more = {}) {
  receiver.setStandardInputFile(terminal.slave_name());
  receiver.setStandardOutputFile(terminal.slave_name());
  receiver.start(
      QStringLiteral(FERRY_CLI_PATH),
      QStringList{QStringLiteral("receive"), QStringLiteral("--dir"), QString::fromStdString(target.string()),
                  QStringLiteral("--config-dir"), QString::fromStdString(config.string()), QStringLiteral("--bind"),
                  QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                  QStringLiteral("--no-announce"), QStringLiteral("--once")} +
          more);
  if (!receiver.waitForStarted(10'000) || !terminal.wait_for_text(QStringLiteral("receiving into"), kWait)) return 0;
  const auto port = QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:(\\d+),")).match(terminal.shown());
  return port.hasMatch() ? static_cast<std::uint16_t>(port.captured(1).toInt()) : 0;
}

bool is_session_started(const Event& e) { return std::holds_alternative<SessionStarted>(e); }
bool is_session_done(const Event& e) { return std::holds_alternative<SessionDone>(e); }

}  // namespace

class TestCliPrompt : public QObject {
  Q_OBJECT
 private slots:
  void only_an_answer_typed_after_the_prompt_counts_data();
  void only_an_answer_typed_after_the_prompt_counts();
  void the_question_shows_where_renamed_files_go();
  void a_text_shows_with_the_question_and_whole_once_accepted();
  void the_question_says_what_fits_and_only_takes_a_part_that_does();
};

void TestCliPrompt::only_an_answer_typed_after_the_prompt_counts_data() {
  QTest::addColumn<QString>("typed_ahead");
  QTest::addColumn<QString>("typed_after");
  QTest::addColumn<bool>("accepted");
  QTest::newRow("y typed ahead, then n") << "y\n"
                                         << "n\n"
                                         << false;
  QTest::newRow("n and a stray line typed ahead, then y") << "n\nclear\n"
                                                          << "y\n"
                                                          << true;
  QTest::newRow("half a line typed ahead, then y") << "y"
                                                   << "y\n"
                                                   << true;
}

void TestCliPrompt::only_an_answer_typed_after_the_prompt_counts() {
  QFETCH(QString, typed_ahead);
  QFETCH(QString, typed_after);
  QFETCH(bool, accepted);
  const fs::path source = fresh_dir("prompt-src");
  const fs::path target = fresh_dir("prompt-dst");
  const fs::path config = fresh_dir("prompt-config");
  write_random_file(source / "offered.bin", 100'000, 7);

  PseudoTerminal terminal;
  QProcess receiver;
  const std::uint16_t port = start_receiver(receiver, terminal, target, config);
  QVERIFY(port != 0);

  // Typed while the receiver sits idle, before any offer: the terminal
  // echoes it, and the receiver has not read it yet.
  QVERIFY(terminal.type(typed_ahead.toStdString()));
  QVERIFY(terminal.wait_for_text(typed_ahead.split(QLatin1Char('\n')).first(), kWait));

  Sender sender;
  sender.send(port, {source / "offered.bin"});
  QVERIFY2(terminal.wait_for_text(QStringLiteral("Accept? [y/N] "), kWait), qPrintable(terminal.shown()));
  // The typed-ahead line was no answer: the offer still waits for one.
  QVERIFY(!sender.log().wait_for(sender.engine(), is_session_started, std::chrono::seconds(1)));
  QVERIFY(sender.log().all<SessionDone>().empty());

  QVERIFY(terminal.type(typed_after.toStdString()));
  QVERIFY(sender.log().wait_for(sender.engine(), is_session_done, kWait));
  const SessionDone done = sender.log().all<SessionDone>().front();
  QCOMPARE(done.ok, accepted);
  if (accepted) {
    QVERIFY(same_contents(source / "offered.bin", target / "offered.bin"));
  } else {
    QCOMPARE(done.cause, FailureCause::DeclinedByPeer);
    QCOMPARE(list_files(target), std::vector<std::string>());
  }
  QVERIFY(receiver.waitForFinished(30'000));
}

// A name with a tab cannot be stored as it is (docs/protocol.md, section
// 6.1): the question says where the file goes before the user answers.
void TestCliPrompt::the_question_shows_where_renamed_files_go() {
  const fs::path source = fresh_dir("prompt-renamed-src");
  const fs::path target = fresh_dir("prompt-renamed-dst");
  write_random_file(source / "notes\tdraft.txt", 1000, 3);

  PseudoTerminal terminal;
  QProcess receiver;
  const std::uint16_t port = start_receiver(receiver, terminal, target, fresh_dir("prompt-renamed-config"));
  QVERIFY(port != 0);

  Sender sender;
  sender.send(port, {source / "notes\tdraft.txt"});
  QVERIFY2(terminal.wait_for_text(QStringLiteral("Accept? [y/N] "), kWait), qPrintable(terminal.shown()));
  QVERIFY2(terminal.shown().contains(QStringLiteral("1 name this system cannot store: saved under other names")),
           qPrintable(terminal.shown()));
  QVERIFY2(terminal.shown().contains(QString::fromUtf8("notes\uFFFDdraft.txt -> notes_draft.txt")),
           qPrintable(terminal.shown()));
  QVERIFY(terminal.type("y\n"));
  QVERIFY(sender.log().wait_for(sender.engine(), is_session_done, kWait));
  QVERIFY(sender.log().all<SessionDone>().front().ok);
  QVERIFY(same_contents(source / "notes\tdraft.txt", target / "notes_draft.txt"));
  QVERIFY(receiver.waitForFinished(30'000));
}

// A text comes with the question (its first 20 lines) and is printed whole
// once accepted; an escape sequence of the sender's never reaches the
// terminal as one.
void TestCliPrompt::a_text_shows_with_the_question_and_whole_once_accepted() {
  const fs::path target = fresh_dir("prompt-text-dst");
  PseudoTerminal terminal;
  QProcess receiver;
  const std::uint16_t port = start_receiver(receiver, terminal, target, fresh_dir("prompt-text-config"));
  QVERIFY(port != 0);

  std::string text = "first line \x1b[2J cleared?\n";
  for (int line = 2; line <= 25; ++line) text += "line " + std::to_string(line) + "\n";
  EventLog log;
  TransferEngine sender(EngineSettings{.identity = default_sender_identity()}, [&log] { log.notify(); });
  sender.send("127.0.0.1", port, {}, {}, text);
  QVERIFY2(terminal.wait_for_text(QStringLiteral("Accept? [y/N] "), kWait), qPrintable(terminal.shown()));
  const QString question = terminal.shown();
  QVERIFY2(question.contains(QStringLiteral("with a text of %1 bytes:").arg(text.size())), qPrintable(question));
  QVERIFY2(question.contains(QString::fromUtf8("  | first line \uFFFD[2J cleared?")), qPrintable(question));
  QVERIFY(question.contains(QStringLiteral("  | line 20\r\n")));
  QVERIFY2(!question.contains(QStringLiteral("line 21")), qPrintable(question));
  QVERIFY2(question.contains(QStringLiteral("  | ... and 5 more lines")), qPrintable(question));
  QVERIFY(!question.contains(QChar(0x1b)));
  QVERIFY(terminal.type("y\n"));
  QVERIFY(log.wait_for(sender, is_session_done, kWait));
  QVERIFY(log.all<SessionDone>().front().ok);
  QVERIFY2(terminal.wait_for_text(QStringLiteral("  | line 25"), kWait), qPrintable(terminal.shown()));
  QVERIFY(!terminal.shown().contains(QChar(0x1b)));
  QVERIFY(receiver.waitForFinished(30'000));
  QVERIFY(fs::is_empty(target));
}

// Two files of 5 MiB offered to an 8 MiB disk: the question says the whole
// offer does not fit and how to take a part; with --only naming one file,
// it says what that part needs, and accepting lands it.
void TestCliPrompt::the_question_says_what_fits_and_only_takes_a_part_that_does() {
  if (::geteuid() != 0) QSKIP("mounting a small tmpfs needs root");
  const fs::path source = fresh_dir("prompt-space-src");
  const fs::path target = fresh_dir("prompt-space-dst");
  const SmallDisk disk{target};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");
  fs::create_directories(source / "set");
  write_random_file(source / "set" / "a.bin", 5 * 1024 * 1024, 11);
  write_random_file(source / "set" / "b.bin", 5 * 1024 * 1024, 12);
  const QRegularExpression needs_whole(
      QStringLiteral("Needs 10\\.0 MiB, [0-9.]+ MiB free: the whole offer does not fit; "
                     "receive --only PATH takes a part of it"));
  const QRegularExpression needs_part(
      QStringLiteral("Needs 5\\.0 MiB \\(the part --only takes\\), [0-9.]+ MiB free\\r\\n"));
  {
    PseudoTerminal terminal;
    QProcess receiver;
    const std::uint16_t port = start_receiver(receiver, terminal, target, fresh_dir("prompt-space-config"));
    QVERIFY(port != 0);
    Sender sender;
    sender.send(port, {source / "set"});
    QVERIFY2(terminal.wait_for_text(QStringLiteral("Accept? [y/N] "), kWait), qPrintable(terminal.shown()));
    QVERIFY2(needs_whole.match(terminal.shown()).hasMatch(), qPrintable(terminal.shown()));
    QVERIFY(terminal.type("n\n"));
    QVERIFY(sender.log().wait_for(sender.engine(), is_session_done, kWait));
    QCOMPARE(sender.log().all<SessionDone>().front().cause, FailureCause::DeclinedByPeer);
    QVERIFY(receiver.waitForFinished(30'000));
  }
  PseudoTerminal terminal;
  QProcess receiver;
  const std::uint16_t port = start_receiver(receiver, terminal, target, fresh_dir("prompt-space-config2"),
                                            {QStringLiteral("--only"), QStringLiteral("set/a.bin")});
  QVERIFY(port != 0);
  Sender sender;
  sender.send(port, {source / "set"});
  QVERIFY2(terminal.wait_for_text(QStringLiteral("Accept? [y/N] "), kWait), qPrintable(terminal.shown()));
  QVERIFY2(needs_part.match(terminal.shown()).hasMatch(), qPrintable(terminal.shown()));
  QVERIFY(terminal.type("y\n"));
  QVERIFY(sender.log().wait_for(sender.engine(), is_session_done, kWait));
  const SessionDone done = sender.log().all<SessionDone>().front();
  QVERIFY2(done.ok, done.error.c_str());
  QCOMPARE(done.files_skipped, 1u);
  QCOMPARE(list_files(target), std::vector<std::string>{"set/a.bin"});
  QVERIFY(same_contents(source / "set" / "a.bin", target / "set" / "a.bin"));
  QVERIFY(receiver.waitForFinished(30'000));
}

QTEST_GUILESS_MAIN(TestCliPrompt)
#include "test_cli_prompt.moc"
