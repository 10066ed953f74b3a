// SPDX-License-Identifier: Apache-2.0
// Many tiny files in one session: no per-file round trip, no stack growth
// from file to file (empty files complete without waiting on the socket).
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "engine_harness.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

class TestManyFiles : public QObject {
  Q_OBJECT

 private slots:
  void thousands_of_empty_files_in_one_session();
};

void TestManyFiles::thousands_of_empty_files_in_one_session() {
#ifdef _WIN32
  // Under Wine every file costs milliseconds of wineserver round trips.
  constexpr int kFiles = 2'000;
#else
  constexpr int kFiles = 20'000;
#endif
  const fs::path source = fresh_dir("many-src");
  const fs::path target = fresh_dir("many-dst");
  const fs::path tree = source / "tree";
  for (int folder = 0; folder < 20; ++folder) {
    const fs::path dir = tree / ("folder-" + std::to_string(folder));
    fs::create_directories(dir);
    for (int file = 0; file < kFiles / 20; ++file) std::ofstream(dir / ("empty-" + std::to_string(file)));
  }
  Receiver receiver(target);
  const Outcome outcome = send_and_wait(receiver, {tree});
  QVERIFY(outcome.sender.has_value());
  QVERIFY2(outcome.sender->ok, outcome.sender->error.c_str());
  QCOMPARE(outcome.sender->files_ok, std::uint32_t(kFiles));
  QCOMPARE(list_files(target / "tree").size(), std::size_t(kFiles));
}

QTEST_GUILESS_MAIN(TestManyFiles)
#include "test_many_files.moc"
