// SPDX-License-Identifier: Apache-2.0
// Landlock write confinement as the engine thread applies it: a thread
// confined to one folder is refused by the kernel (EACCES) when a planted bug
// writes to "../outside", keeps writing and renaming inside, passes the
// confinement on to the threads it creates, and leaves other threads free.
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <thread>

#include "ferry/platform/write_confinement.hpp"

namespace fs = std::filesystem;
using ferry::platform::confine_writes;
using ferry::platform::WriteConfinement;

namespace {

// The errno of creating `path` for writing, 0 when it worked.
int create_error(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return errno;
  ::close(fd);
  return 0;
}

}  // namespace

class TestWriteConfinement : public QObject {
  Q_OBJECT

 private slots:
  void a_confined_thread_writes_only_inside() {
    QTemporaryDir base;
    const fs::path root = base.path().toStdString();
    const fs::path inside = root / "inside";
    fs::create_directories(inside / "sub");
    QVERIFY(create_error(root / "keep") == 0);  // before the thread tries to remove it

    WriteConfinement confinement;
    int outside_error = -1, inside_error = -1, rename_error = -1, child_error = -1, remove_error = -1;
    std::thread confined([&] {
      confinement = confine_writes({inside});
      if (!confinement.applied) return;
      outside_error = create_error(inside / ".." / "outside");  // the planted bug
      inside_error = create_error(inside / "part");
      // Committing renames a part from the folder's top into a subfolder.
      rename_error = ::rename((inside / "part").c_str(), (inside / "sub" / "file").c_str()) == 0 ? 0 : errno;
      remove_error = ::unlink((root / "keep").c_str()) == 0 ? 0 : errno;
      std::thread child([&] { child_error = create_error(root / "from-child"); });
      child.join();
    });
    confined.join();
    if (!confinement.applied) QSKIP(("no Landlock here: " + confinement.detail).c_str());

    QCOMPARE(outside_error, EACCES);
    QVERIFY(!fs::exists(root / "outside"));
    QCOMPARE(inside_error, 0);
    QCOMPARE(rename_error, 0);
    QVERIFY(fs::exists(inside / "sub" / "file"));
    QCOMPARE(remove_error, EACCES);
    QVERIFY(fs::exists(root / "keep"));
    QCOMPARE(child_error, EACCES);
    QVERIFY(confinement.detail.find(inside.string()) != std::string::npos);

    // This thread was never confined.
    QCOMPARE(create_error(root / "from-main"), 0);
  }

  void a_missing_folder_confines_nothing() {
    QTemporaryDir base;
    const fs::path missing = fs::path(base.path().toStdString()) / "missing";
    WriteConfinement confinement;
    int error = -1;
    std::thread thread([&] {
      confinement = confine_writes({missing});
      error = create_error(fs::path(base.path().toStdString()) / "still-writable");
    });
    thread.join();
    QVERIFY(!confinement.applied);
    if (confinement.detail.find("Landlock") != std::string::npos)
      QSKIP(("no Landlock here: " + confinement.detail).c_str());
    QVERIFY2(confinement.detail.find("missing") != std::string::npos, confinement.detail.c_str());
    QCOMPARE(error, 0);
  }
};

QTEST_GUILESS_MAIN(TestWriteConfinement)
#include "test_write_confinement.moc"
