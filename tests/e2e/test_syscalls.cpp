// SPDX-License-Identifier: Apache-2.0
// What the kernel sees: strace of a real `ferry-cli send` shows, in fast mode,
// sendfile for a file below the threshold, and an O_DIRECT open plus
// io_uring_enter for one at or above it; inside TLS (the default) the same
// direct reads but no sendfile, since the bytes must be encrypted first (this
// kernel has no kernel TLS; tests/vm checks it where a kernel has), and many
// TLS records go per socket write, not one. Small files are opened and read
// by a worker thread, never by the thread that sends (issue 18, section 2),
// and a larger zero-copy file's pages are brought into the page cache there
// before sendfile sends them.
// An upload limit keeps sendfile: only its counts get smaller.
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "page_cache.hpp"

using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

QString cli_output(const QStringList& arguments) {
  QProcess cli;
  cli.start(QStringLiteral(FERRY_CLI_PATH), arguments);
  if (!cli.waitForFinished(30'000) || cli.exitCode() != 0) return {};
  return QString::fromUtf8(cli.readAllStandardOutput()).trimmed();
}

// How `ferry-cli send` went under strace, into a `ferry-cli receive --once`.
struct TracedSend {
  QString skipped;        // why nothing could be traced; empty when strace ran
  bool finished = false;  // the receiver listened, and both ended in time
  int sender_status = -1;
  int receiver_status = -1;
  QByteArray sender_output;
};

// Runs `ferry-cli send OPTIONS 127.0.0.1:PORT PATHS` under
// `strace -f -e trace=CALLS -o TRACE` against a receiver into `target`.
TracedSend traced_send(const QString& calls, const fs::path& trace, const fs::path& target, const QStringList& options,
                       const std::vector<fs::path>& paths, int timeout_ms) {
  TracedSend run;
  const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
  if (strace.isEmpty()) {
    run.skipped = QStringLiteral("strace is not installed");
    return run;
  }
  QProcess receiver;
  const int port = start_cli_receiver(receiver, target, {QStringLiteral("--once")});
  if (port <= 0) return run;
  QStringList arguments{QStringLiteral("-f"),
                        QStringLiteral("-e"),
                        QStringLiteral("trace=") + calls,
                        QStringLiteral("-o"),
                        QString::fromStdString(trace.string()),
                        QStringLiteral(FERRY_CLI_PATH),
                        QStringLiteral("send")};
  arguments << options << QStringLiteral("127.0.0.1:%1").arg(port);
  for (const fs::path& path : paths) arguments << QString::fromStdString(path.string());
  QProcess sender;
  sender.start(strace, arguments);
  run.finished = sender.waitForFinished(timeout_ms) && receiver.waitForFinished(30'000);
  if (!run.finished) return run;
  run.sender_status = sender.exitCode();
  run.receiver_status = receiver.exitCode();
  run.sender_output = sender.readAllStandardOutput();
  if (run.sender_status != 0 && sender.readAllStandardError().contains("ptrace"))
    run.skipped = QStringLiteral("strace cannot trace here (ptrace not permitted)");
  return run;
}

}  // namespace

class TestSyscalls : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void strace_shows_sendfile_below_and_io_uring_direct_above_threshold_data();
  void strace_shows_sendfile_below_and_io_uring_direct_above_threshold();
  void encrypted_sends_write_many_records_per_system_call_data();
  void encrypted_sends_write_many_records_per_system_call();
  void small_files_are_opened_and_read_off_the_sending_thread_data();
  void small_files_are_opened_and_read_off_the_sending_thread();
  void a_limited_zero_copy_send_still_uses_sendfile();

 private:
  QString fast_config_;
};

// Both ferry-cli processes share an identity folder of the test's own. In
// the fast one the device is pinned with fast mode, so it asks for and gets
// fast mode when sending to itself; nobody is pinned in the other.
void TestSyscalls::initTestCase() {
  fast_config_ = QString::fromStdString(fresh_dir("syscalls-fast-config").string());
  qputenv("FERRY_CONFIG_DIR", fast_config_.toUtf8());
  const QStringList identity = cli_output({QStringLiteral("identity")}).split(QLatin1Char(' '), Qt::SkipEmptyParts);
  QVERIFY(!identity.isEmpty());
  QVERIFY(!cli_output({QStringLiteral("trust"), identity.last(), QStringLiteral("--fast")}).isEmpty());
}

void TestSyscalls::strace_shows_sendfile_below_and_io_uring_direct_above_threshold_data() {
  QTest::addColumn<bool>("fast_mode");
  QTest::addColumn<QString>("config_dir");
  QTest::newRow("fast mode") << true << fast_config_;
  QTest::newRow("encrypted") << false << QString::fromStdString(fresh_dir("syscalls-plain-config").string());
}

void TestSyscalls::strace_shows_sendfile_below_and_io_uring_direct_above_threshold() {
  QFETCH(bool, fast_mode);
  QFETCH(QString, config_dir);
  qputenv("FERRY_CONFIG_DIR", config_dir.toUtf8());
  const fs::path source = fresh_dir("strace-src");
  const fs::path target = fresh_dir("strace-dst");
  write_random_file(source / "small.bin", 64 * 1024, 1);
  write_random_file(source / "large.bin", 8 * 1024 * 1024, 2);
  const fs::path trace = source.parent_path() / "strace.log";

  QStringList options{QStringLiteral("--threshold"), QStringLiteral("1M")};
  if (fast_mode) options << QStringLiteral("--fast");
  const TracedSend run = traced_send(QStringLiteral("openat,sendfile,io_uring_enter"), trace, target, options,
                                     {source / "small.bin", source / "large.bin"}, 60'000);
  if (!run.skipped.isEmpty()) QSKIP(qPrintable(run.skipped));
  QVERIFY(run.finished);
  QCOMPARE(run.sender_status, 0);
  QCOMPARE(run.receiver_status, 0);

  std::stringstream text;
  text << std::ifstream(trace).rdbuf();
  const QString log = QString::fromStdString(text.str());
  const auto opened_direct = [&](const char* name) {
    return QRegularExpression(QStringLiteral("openat\\(.*%1\", [^)]*O_DIRECT").arg(QLatin1String(name)))
        .match(log)
        .hasMatch();
  };
  if (fast_mode)
    QVERIFY2(log.contains(QStringLiteral("sendfile(")), "no sendfile in the trace");
  else
    QVERIFY2(!log.contains(QStringLiteral("sendfile(")), "sendfile inside TLS");
  QCOMPARE(run.sender_output.contains("fast mode"), fast_mode);
  QVERIFY2(log.contains(QStringLiteral("io_uring_enter(")), "no io_uring_enter in the trace");
  QVERIFY2(opened_direct("large.bin"), "large.bin was not opened with O_DIRECT");
  QVERIFY2(!opened_direct("small.bin"), "small.bin was opened with O_DIRECT");
  QVERIFY(same_contents(source / "small.bin", target / "small.bin"));
  QVERIFY(same_contents(source / "large.bin", target / "large.bin"));
}

void TestSyscalls::encrypted_sends_write_many_records_per_system_call_data() {
  QTest::addColumn<QString>("strategy");
  QTest::newRow("direct") << QStringLiteral("auto");
  QTest::newRow("buffered") << QStringLiteral("buffered");
}

// One TLS record carries 16 KiB: a sender writing a record per system call
// (as asio::ssl::stream does) averages below that per write to the socket.
void TestSyscalls::encrypted_sends_write_many_records_per_system_call() {
  QFETCH(QString, strategy);
  qputenv("FERRY_CONFIG_DIR", fresh_dir("syscalls-batch-config").string().c_str());
  constexpr std::uint64_t kFileBytes = 48ull * 1024 * 1024;
  const fs::path source = fresh_dir("batch-src");
  const fs::path target = fresh_dir("batch-dst");
  write_random_file(source / "large.bin", kFileBytes, 3);
  const fs::path trace = source.parent_path() / "strace-batch.log";

  const TracedSend run =
      traced_send(QStringLiteral("write,writev,sendto,sendmsg"), trace, target,
                  {QStringLiteral("--threshold"), QStringLiteral("1M"), QStringLiteral("--strategy"), strategy},
                  {source / "large.bin"}, 120'000);
  if (!run.skipped.isEmpty()) QSKIP(qPrintable(run.skipped));
  QVERIFY(run.finished);
  QCOMPARE(run.sender_status, 0);
  QCOMPARE(run.receiver_status, 0);
  QVERIFY(same_contents(source / "large.bin", target / "large.bin"));

  // Writes of more than a few bytes are the session's socket writes; the
  // log's small writes (to the terminal, eventfd wake-ups) are not counted.
  std::ifstream log(trace);
  const QRegularExpression socket_write(QStringLiteral("(?:write|writev|sendto|sendmsg)\\(.*= (\\d+)$"));
  std::uint64_t calls = 0;
  std::uint64_t bytes = 0;
  for (std::string line; std::getline(log, line);) {
    const auto match = socket_write.match(QString::fromStdString(line));
    if (!match.hasMatch() || match.captured(1).toULongLong() < 1024) continue;
    ++calls;
    bytes += match.captured(1).toULongLong();
  }
  QVERIFY(bytes >= kFileBytes);
  const std::uint64_t average = bytes / calls;
  qInfo("%s: %llu socket writes, %llu bytes each on average", qPrintable(strategy),
        static_cast<unsigned long long>(calls), static_cast<unsigned long long>(average));
  QVERIFY2(average >= 64 * 1024, "fewer than 4 TLS records per socket write");
}

void TestSyscalls::small_files_are_opened_and_read_off_the_sending_thread_data() {
  QTest::addColumn<bool>("fast_mode");
  QTest::addColumn<QString>("config_dir");
  QTest::addColumn<QString>("larger_file");  // none, buffered or direct
  QTest::newRow("fast mode: sendfile") << true << fast_config_ << QStringLiteral("none");
  // Larger than what is read at open, from a cold cache: its pages are brought
  // in on a worker (MADV_POPULATE_READ) before sendfile sends them.
  QTest::newRow("fast mode: a larger zero-copy file") << true << fast_config_ << QStringLiteral("zerocopy");
  QTest::newRow("encrypted: buffered reads")
      << false << QString::fromStdString(fresh_dir("small-config").string()) << QStringLiteral("none");
  // Below the direct-I/O threshold, many buffers' worth: read on the source's lane.
  QTest::newRow("encrypted: a larger buffered file")
      << false << QString::fromStdString(fresh_dir("larger-config").string()) << QStringLiteral("buffered");
  // Above it: opened (O_DIRECT, its io_uring set up) on a worker too.
  QTest::newRow("fast mode: a direct file") << true << fast_config_ << QStringLiteral("direct");
  QTest::newRow("encrypted: a direct file")
      << false << QString::fromStdString(fresh_dir("direct-config").string()) << QStringLiteral("direct");
}

// strace -f prefixes each line with the thread's id. The sending thread is
// the one that calls sendfile (fast mode) or writes whole TLS records to the
// socket (encrypted); no file is opened or read on it, not even a file of
// many buffers or one read by direct I/O, and a cold zero-copy file is
// populated into the page cache elsewhere, all of it.
void TestSyscalls::small_files_are_opened_and_read_off_the_sending_thread() {
  QFETCH(bool, fast_mode);
  QFETCH(QString, config_dir);
  QFETCH(QString, larger_file);
  qputenv("FERRY_CONFIG_DIR", config_dir.toUtf8());
  const fs::path source = fresh_dir("small-src");
  const fs::path target = fresh_dir("small-dst");
  constexpr int kFiles = 40;
  for (int i = 0; i < kFiles; ++i)
    write_random_file(source / ("small" + std::to_string(i) + ".bin"), 16 * 1024, 10 + i);
  const bool larger = larger_file != QLatin1String("none");
  constexpr long long kLargerBytes = 12 * 1024 * 1024;
  if (larger) {
    write_random_file(source / "small-larger.bin", kLargerBytes, 9);
    ferry::test::evict_from_page_cache(source / "small-larger.bin");
  }
  const fs::path trace = source.parent_path() / "strace-small.log";

  QStringList options;
  if (fast_mode) options << QStringLiteral("--fast");
  if (larger_file == QLatin1String("direct")) options << QStringLiteral("--threshold") << QStringLiteral("1M");
  const TracedSend run = traced_send(QStringLiteral("openat,pread64,read,sendfile,write,writev,sendto,sendmsg,madvise"),
                                     trace, target, options, {source}, 60'000);
  if (!run.skipped.isEmpty()) QSKIP(qPrintable(run.skipped));
  QVERIFY(run.finished);
  QCOMPARE(run.sender_status, 0);
  QCOMPARE(run.receiver_status, 0);

  const QRegularExpression call(QStringLiteral("^(\\d+) +(\\w+)\\((.*)= (-?\\d+)"));
  std::set<QString> senders;
  std::multimap<QString, QString> file_calls;  // thread -> the call
  long long populated_bytes = 0;
  std::ifstream log(trace);
  for (std::string line; std::getline(log, line);) {
    const auto match = call.match(QString::fromStdString(line));
    if (!match.hasMatch()) continue;
    const QString thread = match.captured(1);
    const QString name = match.captured(2);
    const bool record_write = name != QLatin1String("read") && name != QLatin1String("pread64") &&
                              name != QLatin1String("openat") && match.captured(4).toLongLong() >= 16 * 1024;
    if (fast_mode ? name == QLatin1String("sendfile") : record_write) senders.insert(thread);
    const bool source_file = name == QLatin1String("openat") && match.captured(3).contains(QLatin1String("small"));
    if (source_file || name == QLatin1String("pread64")) file_calls.emplace(thread, QString::fromStdString(line));
  }
  // A worker's madvise waits on the disk, so strace often prints it cut in two
  // ("<unfinished ...>", "<... madvise resumed>"): its first half has the length.
  log.clear();
  log.seekg(0);
  const QRegularExpression populate(QStringLiteral("^(\\d+) +madvise\\([^,]+, (\\d+), MADV_POPULATE_READ"));
  for (std::string line; std::getline(log, line);) {
    const auto match = populate.match(QString::fromStdString(line));
    if (!match.hasMatch()) continue;
    file_calls.emplace(match.captured(1), QString::fromStdString(line));
    populated_bytes += match.captured(2).toLongLong();
  }
  QVERIFY2(!senders.empty(), "no sending thread in the trace");
  QVERIFY2(file_calls.size() >= kFiles, "the files' opens are not in the trace");
  for (const QString& thread : senders) {
    const auto on_sender = file_calls.find(thread);
    if (on_sender != file_calls.end())
      QFAIL(qPrintable(QStringLiteral("the sending thread %1 called %2").arg(thread, on_sender->second)));
  }
  for (int i = 0; i < kFiles; ++i) {
    const std::string name = "small" + std::to_string(i) + ".bin";
    QVERIFY(same_contents(source / name, target / source.filename() / name));
  }
  if (larger) QVERIFY(same_contents(source / "small-larger.bin", target / source.filename() / "small-larger.bin"));
  if (larger_file == QLatin1String("buffered"))
    QVERIFY2(file_calls.size() >= kFiles + 12, "the larger file's reads are not in the trace");
  if (larger_file == QLatin1String("zerocopy")) {
    qInfo("%lld bytes brought into the page cache by MADV_POPULATE_READ", populated_bytes);
    QVERIFY2(populated_bytes >= kLargerBytes, "the zero-copy file was not warmed whole before sendfile");
  }
  if (larger_file == QLatin1String("direct")) {
    const auto direct_open = std::find_if(file_calls.begin(), file_calls.end(), [](const auto& call) {
      return call.second.contains(QLatin1String("small-larger.bin")) && call.second.contains(QLatin1String("O_DIRECT"));
    });
    QVERIFY2(direct_open != file_calls.end(), "the larger file was not opened with O_DIRECT");
  }
}

// 8 MiB at 4 MiB/s in fast mode: the file still goes by sendfile, each call
// at most one burst of the limit (50 ms of it), and the sending thread neither
// reads the file nor writes its bytes itself.
void TestSyscalls::a_limited_zero_copy_send_still_uses_sendfile() {
  qputenv("FERRY_CONFIG_DIR", fast_config_.toUtf8());
  constexpr std::uint64_t kFileBytes = 8ull * 1024 * 1024;
  constexpr long long kBurst = 4ll * 1024 * 1024 / 20;
  const fs::path source = fresh_dir("limited-src");
  const fs::path target = fresh_dir("limited-dst");
  write_random_file(source / "limited.bin", kFileBytes, 11);
  const fs::path trace = source.parent_path() / "strace-limited.log";

  const TracedSend run = traced_send(QStringLiteral("pread64,read,sendfile,write,writev,sendto,sendmsg"), trace, target,
                                     {QStringLiteral("--fast"), QStringLiteral("--strategy"),
                                      QStringLiteral("zerocopy"), QStringLiteral("--limit"), QStringLiteral("4M")},
                                     {source / "limited.bin"}, 60'000);
  if (!run.skipped.isEmpty()) QSKIP(qPrintable(run.skipped));
  QVERIFY(run.finished);
  QCOMPARE(run.sender_status, 0);
  QCOMPARE(run.receiver_status, 0);
  QVERIFY(same_contents(source / "limited.bin", target / "limited.bin"));

  // A call another thread interrupts ends on a line of its own: "<... sendfile resumed>".
  const QRegularExpression call(QStringLiteral("^(\\d+) +(?:<\\.\\.\\. )?(\\w+)(?:\\(| resumed>)(.*)= (-?\\d+)"));
  std::set<QString> senders;
  std::multimap<QString, QString> copies;  // thread -> a read or write of file data (not a wake-up, not a frame header)
  long long sendfile_bytes = 0;
  long long largest_sendfile = 0;
  std::ifstream log(trace);
  for (std::string line; std::getline(log, line);) {
    const auto match = call.match(QString::fromStdString(line));
    if (!match.hasMatch()) continue;
    const QString name = match.captured(2);
    const long long result = match.captured(4).toLongLong();
    if (name == QLatin1String("sendfile")) {
      senders.insert(match.captured(1));
      sendfile_bytes += std::max(result, 0ll);
      largest_sendfile = std::max(largest_sendfile, result);
    } else if (result >= 1024) {
      copies.emplace(match.captured(1), QString::fromStdString(line));
    }
  }
  QCOMPARE(sendfile_bytes, static_cast<long long>(kFileBytes));
  qInfo("%lld bytes by sendfile, at most %lld per call", sendfile_bytes, largest_sendfile);
  QVERIFY2(largest_sendfile <= kBurst, "a sendfile call carried more than one burst of the limit");
  for (const QString& thread : senders) {
    const auto on_sender = copies.find(thread);
    if (on_sender != copies.end())
      QFAIL(qPrintable(QStringLiteral("the sending thread %1 called %2").arg(thread, on_sender->second)));
  }
}

QTEST_GUILESS_MAIN(TestSyscalls)
#include "test_syscalls.moc"
