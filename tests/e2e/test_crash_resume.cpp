// SPDX-License-Identifier: Apache-2.0
// Crashes: ferry-cli processes killed with SIGKILL at seeded random moments
// (FERRY_TEST_SEED picks another series; the seed is printed). Whatever the
// moment, no file stands under its final name unless it is complete and
// identical, and sending the same folder again finishes the job, resuming the
// large file from exactly the prefix its part file still holds.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "ferry/core/protocol/messages.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kBlock = protocol::kResumeBlockBytes;
constexpr std::uint64_t kBigSize = 128 * kMiB + 12345;

QString native(const fs::path& path) { return QString::fromStdString(path.string()); }

void start_sender(QProcess& sender, int port, const fs::path& folder) {
  sender.start(QStringLiteral(FERRY_CLI_PATH), {QStringLiteral("send"), QStringLiteral("--json"),
                                                QStringLiteral("127.0.0.1:%1").arg(port), native(folder)});
}

void stop(QProcess& process) {
  if (process.state() == QProcess::NotRunning) return;
  process.kill();
  process.waitForFinished(10'000);
}

std::vector<char> read_block(const fs::path& path, std::uint64_t offset, std::uint64_t length) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::vector<char> bytes(length);
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

// Where a resume of `source` from the part file `part` must start: after the
// leading 4 MiB blocks the part holds intact (the whole file when it is all there).
std::uint64_t expected_resume(const fs::path& part, const fs::path& source) {
  const std::uint64_t size = fs::file_size(source);
  const std::uint64_t held = std::min(fs::file_size(part), size);
  std::uint64_t offset = 0;
  while (offset < held) {
    const std::uint64_t length = std::min(kBlock, size - offset);
    if (offset + length > held) break;  // a block the part does not hold whole
    if (read_block(part, offset, length) != read_block(source, offset, length)) break;
    offset += length;
  }
  return offset;
}

}  // namespace

class TestCrashResume : public QObject {
  Q_OBJECT

 private slots:
  void killed_side_then_resend_data();
  void killed_side_then_resend();
};

void TestCrashResume::killed_side_then_resend_data() {
  QTest::addColumn<bool>("kill_receiver");
  QTest::addColumn<int>("delay_ms");
  const quint32 seed = qEnvironmentVariableIsSet("FERRY_TEST_SEED")
                           ? static_cast<quint32>(qEnvironmentVariableIntValue("FERRY_TEST_SEED"))
                           : 20261126u;
  qInfo("FERRY_TEST_SEED=%u", seed);
  QRandomGenerator random(seed);
  for (int round = 0; round < 3; ++round) {
    for (const bool kill_receiver : {false, true}) {
      const int delay = random.bounded(30, 400);
      QTest::addRow("%s killed after %d ms", kill_receiver ? "receiver" : "sender", delay) << kill_receiver << delay;
    }
  }
}

void TestCrashResume::killed_side_then_resend() {
  QFETCH(bool, kill_receiver);
  QFETCH(int, delay_ms);
  const fs::path source = fresh_dir("crash-src");
  const fs::path target = fresh_dir("crash-dst");
  const fs::path set = source / "set";
  fs::create_directories(set);
  for (int i = 0; i < 40; ++i) write_random_file(set / ("small-" + std::to_string(i) + ".txt"), 1000 + 97 * i, 100 + i);
  write_random_file(set / "z-big.bin", kBigSize, 7);

  QProcess receiver;
  int port = start_cli_receiver(receiver, target);
  QVERIFY(port > 0);
  QProcess sender;
  start_sender(sender, port, set);
  QVERIFY(sender.waitForStarted(10'000));
  QTest::qWait(delay_ms);
  stop(kill_receiver ? receiver : sender);

  // Whatever the moment: a named file is a whole, identical file.
  if (!kill_receiver) QTest::qWait(500);  // the receiver notices the cut
  std::optional<fs::path> part;
  for (const auto& name : list_files(target)) {
    const fs::path path = target / utf8_path(name);
    if (name.starts_with(".ferry-") && name.ends_with(".part")) {
      if (fs::file_size(path) > 1 * kMiB) part = path;
      continue;
    }
    QVERIFY2(same_contents(source / utf8_path(name), path), name.c_str());
  }
  const bool big_named = fs::exists(target / "set" / "z-big.bin");
  const std::uint64_t expected = big_named ? kBigSize : part ? expected_resume(*part, set / "z-big.bin") : 0;
  qInfo("big file %s, part %s, expected resume at %llu", big_named ? "named" : "not named",
        part ? part->filename().string().c_str() : "none", static_cast<unsigned long long>(expected));

  stop(sender);
  if (kill_receiver) {
    port = start_cli_receiver(receiver, target);
    QVERIFY(port > 0);
  }
  QProcess again;
  start_sender(again, port, set);
  QVERIFY(again.waitForFinished(120'000));
  const QByteArray output = again.readAllStandardOutput();
  QVERIFY2(again.exitCode() == 0, (again.readAllStandardError() + "receiver: " + receiver.readAllStandardOutput() +
                                   receiver.readAllStandardError())
                                      .constData());
  std::optional<std::uint64_t> resumed;
  for (const QByteArray& line : output.split('\n')) {
    const QJsonObject event = QJsonDocument::fromJson(line).object();
    if (event.value(QStringLiteral("type")).toString() == QStringLiteral("file_done") &&
        event.value(QStringLiteral("path")).toString() == QStringLiteral("set/z-big.bin"))
      resumed = static_cast<std::uint64_t>(event.value(QStringLiteral("resumed_bytes")).toDouble());
  }
  QVERIFY(resumed);
  QCOMPARE(*resumed, expected);
  stop(receiver);

  std::vector<std::string> expected_files;
  for (const auto& name : list_files(source)) expected_files.push_back(name);
  QCOMPARE(list_files(target), expected_files);  // nothing twice, no part left
  for (const auto& name : expected_files)
    QVERIFY2(same_contents(source / utf8_path(name), target / utf8_path(name)), name.c_str());
}

QTEST_GUILESS_MAIN(TestCrashResume)
#include "test_crash_resume.moc"
