// SPDX-License-Identifier: Apache-2.0
// Load on one receiving ferry-cli process: eight senders at once, one
// session of 100,000 files, a 6 GiB sparse file. Everything arrives
// verified, and the receiver's peak resident memory (VmHWM) stays bounded;
// each case prints it.
#include <QProcess>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kPeakBound = 512 * kMiB;

QString native(const fs::path& path) { return QString::fromStdString(path.string()); }

QStringList send_arguments(int port, const fs::path& path) {
  return {QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(port), native(path)};
}

// The process's peak resident set, from /proc/PID/status; 0 if unknown.
std::uint64_t peak_rss(const QProcess& process) {
  std::ifstream status("/proc/" + std::to_string(process.processId()) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmHWM:")) return std::stoull(line.substr(6)) * 1024;  // kB
  return 0;
}

// Reports the receiver's peak memory, checks it, and stops the receiver.
void finish_receiver(QProcess& receiver, const char* what) {
  const std::uint64_t peak = peak_rss(receiver);
  qInfo("%s: receiver peak RSS %.1f MiB", what, static_cast<double>(peak) / kMiB);
  receiver.kill();
  receiver.waitForFinished(10'000);
  QVERIFY(peak > 0);
  QVERIFY2(peak < kPeakBound, "receiver memory is not bounded");
}

void check_same_trees(const fs::path& source, const fs::path& target) {
  const auto names = list_files(source);
  QCOMPARE(list_files(target), names);
  for (const auto& name : names)
    QVERIFY2(same_contents(source / utf8_path(name), target / utf8_path(name)), name.c_str());
}

}  // namespace

class TestLoad : public QObject {
  Q_OBJECT

 private slots:
  void eight_senders_at_once();
  void hundred_thousand_files_in_one_session();
  void sparse_six_gib_file();
};

void TestLoad::eight_senders_at_once() {
  const fs::path source = fresh_dir("load8-src");
  const fs::path target = fresh_dir("load8-dst");
  const std::uint64_t sizes[] = {0, 1000, 300 * 1024, 3 * kMiB, 20 * kMiB, 40 * kMiB + 5};
  for (int sender = 0; sender < 8; ++sender) {
    const fs::path folder = source / ("sender-" + std::to_string(sender));
    fs::create_directories(folder);
    for (std::size_t i = 0; i < std::size(sizes); ++i)
      write_random_file(folder / ("file-" + std::to_string(i) + ".bin"), sizes[i],
                        static_cast<std::uint32_t>(sender * 10 + i));
  }
  QProcess receiver;
  const int port = start_cli_receiver(receiver, target);
  QVERIFY(port > 0);
  std::vector<std::unique_ptr<QProcess>> senders;
  for (int sender = 0; sender < 8; ++sender) {
    senders.push_back(std::make_unique<QProcess>());
    senders.back()->start(QStringLiteral(FERRY_CLI_PATH),
                          send_arguments(port, source / ("sender-" + std::to_string(sender))));
  }
  for (auto& sender : senders) {
    QVERIFY(sender->waitForFinished(180'000));
    QVERIFY2(sender->exitCode() == 0, sender->readAllStandardError().constData());
  }
  finish_receiver(receiver, "8 senders");
  check_same_trees(source, target);
}

void TestLoad::hundred_thousand_files_in_one_session() {
  constexpr int kFiles = 100'000;
  const fs::path source = fresh_dir("load100k-src");
  const fs::path target = fresh_dir("load100k-dst");
  const fs::path tree = source / "tree";
  for (int i = 0; i < kFiles; ++i) {
    const fs::path folder = tree / ("d" + std::to_string(i / 1000));
    if (i % 1000 == 0) fs::create_directories(folder);
    std::ofstream(folder / ("f" + std::to_string(i))) << i;  // a few bytes each, all different
  }
  QProcess receiver;
  const int port = start_cli_receiver(receiver, target);
  QVERIFY(port > 0);
  QProcess sender;
  sender.start(QStringLiteral(FERRY_CLI_PATH), send_arguments(port, tree));
  QVERIFY(sender.waitForFinished(600'000));
  QVERIFY2(sender.exitCode() == 0, sender.readAllStandardError().constData());
  finish_receiver(receiver, "100,000 files");
  const auto received = list_files(target);
  QCOMPARE(received.size(), std::size_t{kFiles});
  for (int i : {0, 1, 4242, 99'999}) {
    std::ifstream in(target / "tree" / ("d" + std::to_string(i / 1000)) / ("f" + std::to_string(i)));
    int value = -1;
    in >> value;
    QCOMPARE(value, i);
  }
}

void TestLoad::sparse_six_gib_file() {
  const fs::path source = fresh_dir("load6g-src");
  const fs::path target = fresh_dir("load6g-dst");
  write_sparse_file(source / "disk.img", (6ull << 30) + 512);
  QProcess receiver;
  const int port = start_cli_receiver(receiver, target);
  QVERIFY(port > 0);
  QProcess sender;
  sender.start(QStringLiteral(FERRY_CLI_PATH), send_arguments(port, source / "disk.img"));
  QVERIFY(sender.waitForFinished(600'000));
  QVERIFY2(sender.exitCode() == 0, sender.readAllStandardError().constData());
  finish_receiver(receiver, "6 GiB sparse file");
  QVERIFY(same_contents(source / "disk.img", target / "disk.img"));
  fs::remove(target / "disk.img");  // 6 GiB of real blocks: not kept until exit
}

QTEST_GUILESS_MAIN(TestLoad)
#include "test_load.moc"
