// SPDX-License-Identifier: Apache-2.0
// The upload limit end to end, with real engines on 127.0.0.1 and real
// files: a transfer's own limit, the engine's, both (the lower wins), with
// every strategy, encrypted and in fast mode (here zero-copy is sendfile or
// TransmitFile, direct I/O io_uring or overlapped reads); one
// engine limit shared by two sessions to two receivers (together they keep
// to it, and both move all along); and a limit lifted while a transfer runs
// (it speeds up at once). Tolerances are generous: the machine is shared.
#include <QtTest>

#include <chrono>
#include <filesystem>
#include <optional>

#include "engine_harness.hpp"
#include "time_scale.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

bool is_done(const Event& event, TransferId id) {
  const auto* done = std::get_if<SessionDone>(&event);
  return done && done->id == id;
}

std::optional<SessionDone> done_of(const EventLog& log, TransferId id) {
  for (const auto& done : log.all<SessionDone>())
    if (done.id == id) return done;
  return std::nullopt;
}

}  // namespace

class TestUploadLimit : public QObject {
  Q_OBJECT

 private slots:
  void a_limit_paces_the_transfer_data();
  void a_limit_paces_the_transfer();
  void two_sessions_share_the_engine_limit();
  void a_limit_lifted_midway_speeds_up_at_once_data();
  void a_limit_lifted_midway_speeds_up_at_once();
};

void TestUploadLimit::a_limit_paces_the_transfer_data() {
  QTest::addColumn<quint64>("own");
  QTest::addColumn<quint64>("engine");
  QTest::addColumn<int>("strategy");
  QTest::addColumn<bool>("fast_mode");
  const int zero_copy = static_cast<int>(Strategy::ZeroCopy);
  const int direct = static_cast<int>(Strategy::Direct);
  const int buffered = static_cast<int>(Strategy::Buffered);
  QTest::newRow("the transfer's own, encrypted") << quint64(4 * kMiB) << quint64(0) << buffered << false;
  QTest::newRow("the engine's, encrypted") << quint64(0) << quint64(4 * kMiB) << buffered << false;
  QTest::newRow("both, the transfer's lower") << quint64(4 * kMiB) << quint64(32 * kMiB) << buffered << false;
  QTest::newRow("both, the engine's lower") << quint64(32 * kMiB) << quint64(4 * kMiB) << buffered << false;
  QTest::newRow("encrypted, direct") << quint64(0) << quint64(4 * kMiB) << direct << false;
  QTest::newRow("fast mode, zero-copy") << quint64(0) << quint64(4 * kMiB) << zero_copy << true;
  QTest::newRow("fast mode, direct") << quint64(4 * kMiB) << quint64(0) << direct << true;
  QTest::newRow("fast mode, buffered") << quint64(0) << quint64(4 * kMiB) << buffered << true;
}

// 8 MiB at 4 MiB/s: one burst at once, the rest in about 1.95 s.
void TestUploadLimit::a_limit_paces_the_transfer() {
  QFETCH(quint64, own);
  QFETCH(quint64, engine);
  QFETCH(int, strategy);
  QFETCH(bool, fast_mode);
  const fs::path source = fresh_dir("limit-src");
  const fs::path target = fresh_dir("limit-dst");
  write_random_file(source / "eight.bin", 8 * kMiB, 1);
  Receiver receiver(target, fast_mode ? trusting_default_sender_with_fast_mode()
                                      : EngineSettings{.consent = ConsentPolicy::AcceptAll});
  const Outcome outcome =
      send_and_wait(receiver, {source / "eight.bin"},
                    EngineSettings{.forced_strategy = static_cast<Strategy>(strategy), .upload_limit = engine},
                    std::chrono::seconds(120), 0, SendPolicy{.fast_mode = fast_mode, .upload_limit = own});
  QVERIFY(outcome.sender);
  QVERIFY2(outcome.sender->ok, outcome.sender->error.c_str());
  QVERIFY(same_contents(source / "eight.bin", target / "eight.bin"));
  QCOMPARE(outcome.sender_files.size(), std::size_t(1));
  QCOMPARE(to_string(outcome.sender_files.front().strategy), to_string(static_cast<Strategy>(strategy)));
  const double seconds = outcome.sender->seconds;
  qInfo("8 MiB in %.2f s", seconds);
  QVERIFY2(seconds >= 1.7, qPrintable(QStringLiteral("too fast: %1 s").arg(seconds)));
  QVERIFY2(seconds < 20.0 * time_scale(), qPrintable(QStringLiteral("too slow: %1 s").arg(seconds)));
}

// 6 MiB to each of two receivers at once, 4 MiB/s for the engine: together
// about 3 s; a session that had to wait for the other would end in half that.
void TestUploadLimit::two_sessions_share_the_engine_limit() {
  const fs::path source = fresh_dir("shared-limit-src");
  write_random_file(source / "six.bin", 6 * kMiB, 2);
  const fs::path first_target = fresh_dir("shared-limit-dst-1");
  const fs::path second_target = fresh_dir("shared-limit-dst-2");
  Receiver first(first_target);
  Receiver second(second_target);
  EventLog log;
  TransferEngine sender(EngineSettings{.identity = default_sender_identity(), .upload_limit = 4 * kMiB},
                        [&log] { log.notify(); });
  const auto start = Clock::now();
  const TransferId to_first = sender.send("127.0.0.1", first.port(), {source / "six.bin"});
  const TransferId to_second = sender.send("127.0.0.1", second.port(), {source / "six.bin"});
  QVERIFY(log.wait_for(
      sender, [&](const Event&) { return done_of(log, to_first) && done_of(log, to_second); },
      std::chrono::seconds(120)));
  const double elapsed = seconds_between(start, Clock::now());
  const SessionDone a = *done_of(log, to_first);
  const SessionDone b = *done_of(log, to_second);
  QVERIFY2(a.ok, a.error.c_str());
  QVERIFY2(b.ok, b.error.c_str());
  QVERIFY(same_contents(source / "six.bin", first_target / "six.bin"));
  QVERIFY(same_contents(source / "six.bin", second_target / "six.bin"));
  qInfo("12 MiB in %.2f s (sessions %.2f s and %.2f s)", elapsed, a.seconds, b.seconds);
  // 12 MiB at 4 MiB/s, less a burst each: at most 4.4 MiB/s together.
  QVERIFY2(elapsed >= 12.0 / 4.4, qPrintable(QStringLiteral("together faster than the limit: %1 s").arg(elapsed)));
  QVERIFY2(a.seconds >= 2.0 && b.seconds >= 2.0, "one session did not share the limit");
  QVERIFY2(elapsed < 30.0 * time_scale(), qPrintable(QStringLiteral("too slow: %1 s").arg(elapsed)));
}

void TestUploadLimit::a_limit_lifted_midway_speeds_up_at_once_data() {
  QTest::addColumn<bool>("own");
  QTest::newRow("the transfer's own") << true;
  QTest::newRow("the engine's (settings applied)") << false;
}

// 32 MiB at 1 MiB/s would take 32 s: lifted after 2 MiB, it ends within seconds.
void TestUploadLimit::a_limit_lifted_midway_speeds_up_at_once() {
  QFETCH(bool, own);
  const fs::path source = fresh_dir("lifted-limit-src");
  const fs::path target = fresh_dir("lifted-limit-dst");
  write_random_file(source / "big.bin", 32 * kMiB, 3);
  Receiver receiver(target);
  EventLog log;
  EngineSettings settings{.identity = default_sender_identity(), .upload_limit = own ? 0 : kMiB};
  TransferEngine sender(settings, [&log] { log.notify(); });
  SendPolicy policy;
  policy.upload_limit = own ? kMiB : 0;
  const auto start = Clock::now();
  const TransferId id = sender.send("127.0.0.1", receiver.port(), {source / "big.bin"}, policy);
  QVERIFY(log.wait_for(
      sender,
      [&](const Event& e) {
        const auto* progress = std::get_if<Progress>(&e);
        return is_done(e, id) || (progress && progress->bytes_done >= 2 * kMiB);
      },
      std::chrono::seconds(60)));
  const double limited = seconds_between(start, Clock::now());
  QVERIFY2(limited >= 1.5, qPrintable(QStringLiteral("2 MiB at 1 MiB/s took only %1 s").arg(limited)));
  QVERIFY2(log.all<SessionDone>().empty(), "the transfer ended while limited");

  const auto lifted_at = Clock::now();
  if (own) {
    sender.limit(id, 0);
  } else {
    settings.upload_limit = 0;
    sender.apply_settings(settings);
  }
  QVERIFY(log.wait_for(
      sender, [&](const Event& e) { return is_done(e, id); }, std::chrono::seconds(120)));
  const double rest = seconds_between(lifted_at, Clock::now());
  const SessionDone done = *done_of(log, id);
  QVERIFY2(done.ok, done.error.c_str());
  QVERIFY(same_contents(source / "big.bin", target / "big.bin"));
  qInfo("2 MiB limited in %.2f s, the other 30 MiB in %.2f s", limited, rest);
  QVERIFY2(rest < 10.0 * time_scale(), qPrintable(QStringLiteral("still limited: %1 s for 30 MiB").arg(rest)));
}

QTEST_GUILESS_MAIN(TestUploadLimit)
#include "test_upload_limit.moc"
