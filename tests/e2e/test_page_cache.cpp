// SPDX-License-Identifier: Apache-2.0
// The lecture's point, checked with mincore: the direct path leaves the page
// cache clean on both ends; zero-copy leaves the source resident. And where a
// filesystem cannot do direct I/O, the engine says so and falls back.
#include <sys/vfs.h>

#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"
#include "page_cache.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kLarge = 160ull * 1024 * 1024;  // above the 128 MiB floor

bool is_tmpfs(const fs::path& path) {
  struct statfs info {};
  return ::statfs(path.c_str(), &info) == 0 && info.f_type == 0x01021994;  // TMPFS_MAGIC
}

}  // namespace

class TestPageCache : public QObject {
  Q_OBJECT

 private slots:
  void direct_path_keeps_both_page_caches_clean();
  void zero_copy_leaves_source_resident();
  void filesystem_without_direct_io_falls_back_to_buffered();
};

void TestPageCache::direct_path_keeps_both_page_caches_clean() {
  const fs::path source = fresh_dir("cache-direct-src");
  const fs::path target = fresh_dir("cache-direct-dst");
  if (is_tmpfs(source)) QSKIP("the scratch folder is on tmpfs, which has no direct I/O");
  const fs::path file = source / "large.bin";
  write_random_file(file, kLarge, 42);
  evict_from_page_cache(file);
  QVERIFY(resident_fraction(file) < 0.01);

  Receiver receiver(target);
  const Outcome outcome = send_and_wait(receiver, {file});  // auto: 160 MiB ≥ threshold
  QVERIFY(outcome.sender && outcome.sender->ok);
  QCOMPARE(outcome.sender_files.size(), std::size_t(1));
  QCOMPARE(to_string(outcome.sender_files[0].strategy), std::string_view("direct"));
  QCOMPARE(to_string(outcome.receiver_files[0].strategy), std::string_view("direct"));

  const double source_resident = resident_fraction(file);
  const double target_resident = resident_fraction(target / "large.bin");
  qInfo("resident after direct send: source %.4f, received %.4f", source_resident, target_resident);
  QVERIFY(source_resident <= 0.02);
  QVERIFY(target_resident <= 0.02);
  QVERIFY(same_contents(file, target / "large.bin"));
}

void TestPageCache::zero_copy_leaves_source_resident() {
  const fs::path source = fresh_dir("cache-zc-src");
  const fs::path target = fresh_dir("cache-zc-dst");
  const fs::path file = source / "medium.bin";
  write_random_file(file, 32ull * 1024 * 1024, 43);
  evict_from_page_cache(file);

  EngineSettings settings;
  settings.forced_strategy = Strategy::ZeroCopy;
  // Zero-copy needs bytes that leave unencrypted: fast mode.
  Receiver receiver(target, trusting_default_sender_with_fast_mode());
  const Outcome outcome =
      send_and_wait(receiver, {file}, settings, std::chrono::seconds(300), 0, SendPolicy{.fast_mode = true});
  QVERIFY(outcome.sender && outcome.sender->ok);
  QCOMPARE(to_string(outcome.sender_files[0].strategy), std::string_view("zerocopy"));
  const double resident = resident_fraction(file);
  qInfo("source resident after zero-copy send: %.4f", resident);
  QVERIFY(resident >= 0.9);
}

void TestPageCache::filesystem_without_direct_io_falls_back_to_buffered() {
  const fs::path shm = "/dev/shm";
  if (!fs::is_directory(shm) || !is_tmpfs(shm)) QSKIP("no tmpfs at /dev/shm on this machine");
  const fs::path source = shm / ("ferry-fallback-" + std::to_string(::getpid()));
  fs::create_directories(source);
  const fs::path file = source / "on-tmpfs.bin";
  write_random_file(file, 4ull * 1024 * 1024 + 1, 44);
  const fs::path target = fresh_dir("fallback-dst");

  EngineSettings settings;
  settings.forced_strategy = Strategy::Direct;
  Receiver receiver(target);
  const Outcome outcome = send_and_wait(receiver, {file}, settings);
  const bool same = same_contents(file, target / "on-tmpfs.bin");
  fs::remove_all(source);
  QVERIFY(outcome.sender && outcome.sender->ok);
  QVERIFY(same);
  const FileDone& done = outcome.sender_files.at(0);
  QCOMPARE(to_string(done.strategy), std::string_view("buffered"));
  QVERIFY2(done.strategy_note.find("STATX_DIOALIGN") != std::string::npos ||
               done.strategy_note.find("O_DIRECT") != std::string::npos,
           done.strategy_note.c_str());
}

QTEST_GUILESS_MAIN(TestPageCache)
#include "test_page_cache.moc"
