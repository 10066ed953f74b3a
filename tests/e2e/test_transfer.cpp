// SPDX-License-Identifier: Apache-2.0
// End to end over 127.0.0.1: real engines, real files, every strategy, the
// sizes that break I/O code, folder trees; byte-for-byte comparison.
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "engine_harness.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kThreshold = 1024 * 1024;  // small, so threshold±1 stays cheap

EngineSettings sender_settings(std::optional<Strategy> forced) {
  EngineSettings settings;
  settings.direct_threshold = kThreshold;
  settings.forced_strategy = forced;
  return settings;
}

// `strategy` as in the data table: a forced Strategy, or -1 for auto. Inside
// TLS, bytes must pass through user memory: zero-copy becomes buffered.
Strategy expected_strategy(int strategy, std::uint64_t size, bool fast_mode) {
  const Strategy planned = strategy >= 0       ? static_cast<Strategy>(strategy)
                           : size < kThreshold ? Strategy::ZeroCopy
                                               : Strategy::Direct;
  return !fast_mode && planned == Strategy::ZeroCopy ? Strategy::Buffered : planned;
}

}  // namespace

class TestTransfer : public QObject {
  Q_OBJECT

 private slots:
  void sizes_data();
  void sizes();
  void folder_tree_with_unicode_and_empty_folders();
  void an_empty_folder_that_cannot_be_made_fails_the_session();
  void name_conflicts_get_numbered();
  void sparse_file_past_4_gib_data();
  void sparse_file_past_4_gib();
};

void TestTransfer::sizes_data() {
  QTest::addColumn<int>("strategy");  // -1: auto
  QTest::addColumn<bool>("fast_mode");
  const std::pair<const char*, int> strategies[] = {{"auto", -1},
                                                    {"zerocopy", int(Strategy::ZeroCopy)},
                                                    {"direct", int(Strategy::Direct)},
                                                    {"buffered", int(Strategy::Buffered)}};
  for (bool fast : {false, true}) {
    for (auto [name, value] : strategies)
      QTest::newRow((std::string(name) + (fast ? ", fast mode" : ", encrypted")).c_str()) << value << fast;
  }
}

void TestTransfer::sizes() {
  QFETCH(int, strategy);
  QFETCH(bool, fast_mode);
  EngineSettings settings = sender_settings(std::nullopt);
  if (strategy >= 0) settings.forced_strategy = static_cast<Strategy>(strategy);
  const std::vector<std::uint64_t> sizes = {
      0, 1, 511, 512, 4095, 4096, 4097, kThreshold - 1, kThreshold, kThreshold + 1, 64 * 1024 * 1024 + 3};
  const fs::path source = fresh_dir("sizes-src");
  const fs::path target = fresh_dir("sizes-dst");
  std::vector<fs::path> paths;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    paths.push_back(source / ("file-" + std::to_string(sizes[i]) + ".bin"));
    write_random_file(paths.back(), sizes[i], static_cast<std::uint32_t>(i + 1));
  }
  Receiver receiver(target, fast_mode ? trusting_default_sender_with_fast_mode()
                                      : EngineSettings{.consent = ConsentPolicy::AcceptAll});
  const Outcome outcome =
      send_and_wait(receiver, paths, settings, std::chrono::seconds(300), 0, SendPolicy{.fast_mode = fast_mode});
  QVERIFY(outcome.sender.has_value());
  const auto started = receiver.log().all<SessionStarted>();
  QCOMPARE(started.size(), std::size_t(1));
  QCOMPARE(started.front().mode, fast_mode ? TransferMode::Fast : TransferMode::Encrypted);
  QCOMPARE(started.front().identity.fingerprint, default_sender_identity()->fingerprint);
  QVERIFY2(outcome.sender->ok, outcome.sender->error.c_str());
  QVERIFY(outcome.receiver.has_value() && outcome.receiver->ok);
  QCOMPARE(outcome.sender->files_ok, std::uint32_t(sizes.size()));
  QCOMPARE(outcome.sender_files.size(), sizes.size());
  for (const FileDone& done : outcome.sender_files) {
    QVERIFY2(done.ok, done.error.c_str());
    QCOMPARE(to_string(done.strategy), to_string(expected_strategy(strategy, done.bytes, fast_mode)));
    QVERIFY2(same_contents(source / done.path, target / done.path), done.path.c_str());
  }
  QCOMPARE(list_files(target).size(), sizes.size());  // no part files left behind
}

void TestTransfer::folder_tree_with_unicode_and_empty_folders() {
  const fs::path source = fresh_dir("tree-src");
  const fs::path target = fresh_dir("tree-dst");
  const fs::path root = source / u8"Fotos – Ünïcödé";
  fs::create_directories(root / u8"日本語" / "deep" / "er");
  fs::create_directories(root / "empty" / "nested-empty");
  write_random_file(root / u8"日本語" / u8"写真.jpg", 300'000, 7);
  write_random_file(root / u8"日本語" / "deep" / "er" / "big.bin", 3 * kThreshold + 5, 8);
  write_random_file(root / "name with spaces.txt", 10, 9);
  write_random_file(root / ".hidden", 0, 10);
  Receiver receiver(target);
  const Outcome outcome = send_and_wait(receiver, {root}, sender_settings(std::nullopt));
  QVERIFY(outcome.sender && outcome.sender->ok);
  QCOMPARE(list_files(target), list_files(source));
  for (const auto& file : list_files(source)) {
    QVERIFY(same_contents(source / utf8_path(file), target / utf8_path(file)));
    QVERIFY2(fs::last_write_time(source / utf8_path(file)) == fs::last_write_time(target / utf8_path(file)),
             file.c_str());
  }
  QVERIFY(fs::is_directory(target / u8"Fotos – Ünïcödé" / "empty" / "nested-empty"));
}

// The receiver makes an offer's empty folders last, off its engine thread:
// one whose name a file already holds fails the session, and the files
// still land.
void TestTransfer::an_empty_folder_that_cannot_be_made_fails_the_session() {
  const fs::path source = fresh_dir("folder-taken-src");
  const fs::path target = fresh_dir("folder-taken-dst");
  fs::create_directories(source / "set" / "empty");
  write_random_file(source / "set" / "data.bin", 5000, 11);
  fs::create_directories(target / "set");
  std::ofstream(target / "set" / "empty") << "a file, not a folder";
  Receiver receiver(target);
  const Outcome outcome = send_and_wait(receiver, {source / "set"}, sender_settings(std::nullopt));
  QVERIFY(outcome.sender && outcome.receiver);
  QVERIFY(!outcome.sender->ok);
  QVERIFY(!outcome.receiver->ok);
  QCOMPARE(outcome.receiver->files_failed, std::uint32_t{1});
  QVERIFY(same_contents(source / "set" / "data.bin", target / "set" / "data.bin"));
  QVERIFY(fs::is_regular_file(target / "set" / "empty"));
}

void TestTransfer::name_conflicts_get_numbered() {
  const fs::path source = fresh_dir("conflict-src");
  const fs::path target = fresh_dir("conflict-dst");
  write_random_file(source / "report.txt", 100, 1);
  std::ofstream(target / "report.txt") << "already here";
  Receiver receiver(target);
  const Outcome outcome = send_and_wait(receiver, {source / "report.txt"}, sender_settings(std::nullopt));
  QVERIFY(outcome.sender && outcome.sender->ok);
  QCOMPARE(outcome.receiver_files.front().path, std::string("report (1).txt"));
  QVERIFY(same_contents(source / "report.txt", target / "report (1).txt"));
  std::ifstream kept(target / "report.txt");
  std::string text;
  std::getline(kept, text);
  QCOMPARE(text, std::string("already here"));
}

void TestTransfer::sparse_file_past_4_gib_data() {
  QTest::addColumn<int>("strategy");
  QTest::newRow("zerocopy") << int(Strategy::ZeroCopy);
  QTest::newRow("direct") << int(Strategy::Direct);
  QTest::newRow("buffered") << int(Strategy::Buffered);
}

// Offsets past 32 bits: a 4 GiB + 4 KiB + 3 file with data beyond 4 GiB.
// In fast mode, so that zero-copy runs as forced and the test spends its time
// on the I/O paths' offsets rather than on encrypting 12 GiB of zeros.
void TestTransfer::sparse_file_past_4_gib() {
  QFETCH(int, strategy);
  const fs::path source = fresh_dir("sparse-src");
  const fs::path target = fresh_dir("sparse-dst");
  const fs::path file = source / "sparse.img";
  write_sparse_file(file, (4ull << 30) + 4096 + 3);
  Receiver receiver(target, trusting_default_sender_with_fast_mode());
  const Outcome outcome = send_and_wait(receiver, {file}, sender_settings(static_cast<Strategy>(strategy)),
                                        std::chrono::seconds(300), 0, SendPolicy{.fast_mode = true});
  QVERIFY(outcome.sender.has_value());
  QVERIFY2(outcome.sender->ok, outcome.sender->error.c_str());
  QCOMPARE(to_string(outcome.sender_files.front().strategy), to_string(static_cast<Strategy>(strategy)));
  QVERIFY(same_contents(file, target / "sparse.img"));
  fs::remove(target / "sparse.img");
}

QTEST_GUILESS_MAIN(TestTransfer)
#include "test_transfer.moc"
