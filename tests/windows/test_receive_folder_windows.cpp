// SPDX-License-Identifier: Apache-2.0
// ferry::platform::ReceiveFolder on Windows (under Wine in CI): commits,
// conflict names (also names that differ only in case), long paths, and that
// nothing is written through a link or over an existing file.
#include <windows.h>

#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "ferry/platform/receive_folder.hpp"

namespace fs = std::filesystem;
using ferry::platform::ReceiveFolder;

namespace {

fs::path path_of(const QTemporaryDir& dir) { return fs::path(dir.path().toStdWString()); }

fs::path path_from(const QString& text) { return fs::path(text.toStdWString()); }

void write_file(const fs::path& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

class TestReceiveFolderWindows : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup();

  void commit_into_new_nested_folders();
  void read_only_is_given_after_the_name();
  void conflict_gets_numbered_name_data();
  void conflict_gets_numbered_name();
  void existing_folder_is_not_replaced();
  void long_path_beyond_max_path();
  void numbered_long_name_still_fits();
  void link_component_is_refused();
  void file_used_as_folder_fails();
  void missing_part_names_the_call();
  void make_folder_creates_nested_folders();
  void discard_removes_part();
  void free_bytes_is_positive();

 private:
  fs::path root() const { return path_of(*temp_) / "receive"; }
  void write_part(const std::string& name, const std::string& content) { write_file(root() / name, content); }

  std::unique_ptr<QTemporaryDir> temp_;
  std::unique_ptr<ReceiveFolder> folder_;
};

void TestReceiveFolderWindows::init() {
  temp_ = std::make_unique<QTemporaryDir>();
  QVERIFY(temp_->isValid());
  auto opened = ReceiveFolder::open(root());
  QVERIFY2(opened.ok(), opened ? "" : opened.error().describe().c_str());
  folder_ = std::move(opened.value());
}

void TestReceiveFolderWindows::cleanup() {
  folder_.reset();
  temp_.reset();
}

void TestReceiveFolderWindows::commit_into_new_nested_folders() {
  write_part(".ferry-1-0.part", "payload");
  auto used = folder_->commit(".ferry-1-0.part", "a/b/c/file.txt");
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string("a/b/c/file.txt"));
  QCOMPARE(read_file(root() / "a" / "b" / "c" / "file.txt"), std::string("payload"));
  QVERIFY(!fs::exists(root() / ".ferry-1-0.part"));
}

void TestReceiveFolderWindows::read_only_is_given_after_the_name() {
  write_part("a.part", "kept");
  write_part("b.part", "plain");
  QVERIFY(folder_->commit("a.part", "docs/readonly.txt"));
  QVERIFY(folder_->commit("b.part", "docs/run.sh"));
  QVERIFY(folder_->set_attributes("docs/readonly.txt", {false, true}));
  QVERIFY(folder_->set_attributes("docs/run.sh", {true, false}));  // no such bit on Windows: nothing changes
  const DWORD read_only = ::GetFileAttributesW((root() / "docs" / "readonly.txt").c_str());
  const DWORD plain = ::GetFileAttributesW((root() / "docs" / "run.sh").c_str());
  QVERIFY(read_only != INVALID_FILE_ATTRIBUTES && (read_only & FILE_ATTRIBUTE_READONLY));
  QVERIFY(plain != INVALID_FILE_ATTRIBUTES && !(plain & FILE_ATTRIBUTE_READONLY));
  QCOMPARE(read_file(root() / "docs" / "readonly.txt"), std::string("kept"));
  // Let the temporary folder go.
  ::SetFileAttributesW((root() / "docs" / "readonly.txt").c_str(), read_only & ~FILE_ATTRIBUTE_READONLY);
}

void TestReceiveFolderWindows::conflict_gets_numbered_name_data() {
  QTest::addColumn<QString>("existing");
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("first");
  QTest::addColumn<QString>("second");

  QTest::newRow("extension") << "a.txt"
                             << "a.txt"
                             << "a (1).txt"
                             << "a (2).txt";
  QTest::newRow("dotfile") << ".bashrc"
                           << ".bashrc"
                           << ".bashrc (1)"
                           << ".bashrc (2)";
  QTest::newRow("only case differs") << "Report.TXT"
                                     << "report.txt"
                                     << "report (1).txt"
                                     << "report (2).txt";
  QTest::newRow("in a folder") << "sub/a.txt"
                               << "sub/a.txt"
                               << "sub/a (1).txt"
                               << "sub/a (2).txt";
  QTest::newRow("unicode") << "Ünïcödé/日本語.txt"
                           << "Ünïcödé/日本語.txt"
                           << "Ünïcödé/日本語 (1).txt"
                           << "Ünïcödé/日本語 (2).txt";
}

void TestReceiveFolderWindows::conflict_gets_numbered_name() {
  QFETCH(QString, existing);
  QFETCH(QString, name);
  QFETCH(QString, first);
  QFETCH(QString, second);
  const fs::path taken = root() / path_from(existing);
  fs::create_directories(taken.parent_path());
  write_file(taken, "original");

  write_part("one.part", "one");
  auto used_first = folder_->commit("one.part", name.toStdString());
  QVERIFY2(used_first.ok(), used_first ? "" : used_first.error().describe().c_str());
  QCOMPARE(QString::fromStdString(used_first.value()), first);

  write_part("two.part", "two");
  auto used_second = folder_->commit("two.part", name.toStdString());
  QVERIFY2(used_second.ok(), used_second ? "" : used_second.error().describe().c_str());
  QCOMPARE(QString::fromStdString(used_second.value()), second);

  QCOMPARE(read_file(taken), std::string("original"));
  QCOMPARE(read_file(root() / path_from(first)), std::string("one"));
  QCOMPARE(read_file(root() / path_from(second)), std::string("two"));
}

void TestReceiveFolderWindows::existing_folder_is_not_replaced() {
  fs::create_directory(root() / "taken");
  write_file(root() / "taken" / "inside", "kept");
  write_part("p.part", "new");
  auto used = folder_->commit("p.part", "taken");
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string("taken (1)"));
  QCOMPARE(read_file(root() / "taken" / "inside"), std::string("kept"));
}

void TestReceiveFolderWindows::long_path_beyond_max_path() {
  std::string relative;
  for (int i = 0; i < 6; ++i) relative += std::string(60, char('a' + i)) + "/";
  relative += "file.bin";  // well past MAX_PATH (260) below the root
  write_part("p.part", "deep");
  auto used = folder_->commit("p.part", relative);
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), relative);
}

void TestReceiveFolderWindows::numbered_long_name_still_fits() {
  const std::string name = std::string(251, 'n') + ".txt";  // 255 UTF-16 units, the limit
  write_file(root() / name, "original");
  write_part("p.part", "new");
  auto used = folder_->commit("p.part", name);
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string(247, 'n') + " (1).txt");
  QCOMPARE(read_file(root() / name), std::string("original"));
}

// Windows shows a link as a reparse point; Wine as a folder that really lies
// elsewhere. Either check must refuse it, and nothing may land behind it.
void TestReceiveFolderWindows::link_component_is_refused() {
  QTemporaryDir outside_dir;
  fs::path outside = path_of(outside_dir);
  ReceiveFolder* folder = folder_.get();
  std::unique_ptr<ReceiveFolder> fixture_folder;
  std::error_code error;
  fs::create_directory_symlink(outside, root() / "link", error);
  if (error) {
    // Wine cannot make links (CreateSymbolicLinkW is not implemented), so
    // tests/windows/run-qt-test.sh makes a Unix one: receive/link -> outside.
    const char* fixture = std::getenv("FERRY_WINE_LINK_FIXTURE");
    if (!fixture) QSKIP(qPrintable("cannot create a symbolic link here: " + QString::fromStdString(error.message())));
    outside = fs::path(fixture) / "outside";
    auto opened = ReceiveFolder::open(fs::path(fixture) / "receive");
    QVERIFY2(opened.ok(), opened ? "" : opened.error().describe().c_str());
    fixture_folder = std::move(opened.value());
    folder = fixture_folder.get();
  }
  write_file(folder->root() / "p.part", "evil");
  auto used = folder->commit("p.part", "link/evil.txt");
  QVERIFY(!used.ok());
  const std::string text = used.error().describe();
  QVERIFY2(text.starts_with("refused reparse point(link)") || text.starts_with("refused link out of its folder(link)"),
           text.c_str());
  QVERIFY(fs::is_empty(outside));
  auto made = folder->make_folder("link/new");
  QVERIFY(!made.ok());
  QVERIFY(fs::is_empty(outside));
  folder->discard("p.part");
}

void TestReceiveFolderWindows::file_used_as_folder_fails() {
  write_file(root() / "plain", "file");
  write_part("p.part", "x");
  auto used = folder_->commit("p.part", "plain/x");
  QVERIFY(!used.ok());
  QVERIFY2(used.error().describe().starts_with("not a folder(plain)"), used.error().describe().c_str());
  QCOMPARE(read_file(root() / "plain"), std::string("file"));
}

void TestReceiveFolderWindows::missing_part_names_the_call() {
  auto used = folder_->commit("missing.part", "dir/x.bin");
  QVERIFY(!used.ok());
  QCOMPARE(used.error().code.value(), int(ERROR_FILE_NOT_FOUND));
  QVERIFY2(used.error().describe().starts_with("MoveFileExW(dir/x.bin)"), used.error().describe().c_str());
}

void TestReceiveFolderWindows::make_folder_creates_nested_folders() {
  auto made = folder_->make_folder("e/f/g");
  QVERIFY2(made.ok(), made ? "" : made.error().describe().c_str());
  QVERIFY(fs::is_directory(root() / "e" / "f" / "g"));
  auto again = folder_->make_folder("e/f/g");
  QVERIFY2(again.ok(), again ? "" : again.error().describe().c_str());
}

void TestReceiveFolderWindows::discard_removes_part() {
  write_part("p.part", "partial");
  folder_->discard("p.part");
  QVERIFY(!fs::exists(root() / "p.part"));
  folder_->discard("p.part");  // already gone: quietly nothing
}

void TestReceiveFolderWindows::free_bytes_is_positive() {
  auto free = folder_->free_bytes();
  QVERIFY2(free.ok(), free ? "" : free.error().describe().c_str());
  QVERIFY(free.value() > 0);
}

QTEST_GUILESS_MAIN(TestReceiveFolderWindows)
#include "test_receive_folder_windows.moc"
