// SPDX-License-Identifier: Apache-2.0
// ferry::platform::ReceiveFolder on real files: commits, conflict names, and
// that nothing is ever written outside the folder or over an existing file.
#include <QTemporaryDir>
#include <QTest>

#include <boost/asio/io_context.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "ferry/platform/receive_folder.hpp"

namespace fs = std::filesystem;
using ferry::platform::OpenedSink;
using ferry::platform::ReceiveFolder;

namespace {

fs::path path_of(const QTemporaryDir& dir) { return fs::path(dir.path().toStdString()); }

void write_file(const fs::path& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

class TestReceiveFolder : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup();

  void open_creates_missing_root();
  void commit_into_new_nested_folders();
  void commit_at_root();
  void attributes_are_given_after_the_name();
  void attributes_never_follow_a_link();
  void conflict_gets_numbered_name_data();
  void conflict_gets_numbered_name();
  void existing_folder_is_not_replaced();
  void numbered_long_name_still_fits();
  void symlink_component_is_refused_data();
  void symlink_component_is_refused();
  void symlink_as_final_name_is_not_followed();
  void make_folder_refuses_symlink();
  void file_used_as_folder_fails();
  void missing_part_names_the_syscall();
  void make_folder_creates_nested_folders();
  void discard_removes_part();
  void free_bytes_is_positive();
  void a_part_opens_through_the_folders_handle();
  void a_link_at_a_parts_name_is_refused();

 private:
  fs::path root() const { return path_of(*temp_) / "receive"; }
  void write_part(const std::string& name, const std::string& content) { write_file(root() / name, content); }

  std::unique_ptr<QTemporaryDir> temp_;
  std::unique_ptr<QTemporaryDir> outside_;  // where a planted symlink points
  std::unique_ptr<ReceiveFolder> folder_;
};

void TestReceiveFolder::init() {
  temp_ = std::make_unique<QTemporaryDir>();
  outside_ = std::make_unique<QTemporaryDir>();
  QVERIFY(temp_->isValid());
  QVERIFY(outside_->isValid());
  auto opened = ReceiveFolder::open(root());
  QVERIFY2(opened.ok(), opened ? "" : opened.error().describe().c_str());
  folder_ = std::move(opened.value());
  fs::create_directory_symlink(path_of(*outside_), root() / "link");
  fs::create_directory(root() / "sub");
  fs::create_directory_symlink(path_of(*outside_), root() / "sub" / "link");
  fs::create_directory_symlink(path_of(*outside_) / "missing", root() / "dangling");
}

void TestReceiveFolder::cleanup() {
  folder_.reset();
  outside_.reset();
  temp_.reset();
}

void TestReceiveFolder::open_creates_missing_root() {
  const fs::path nested = path_of(*temp_) / "x" / "y" / "z";
  auto opened = ReceiveFolder::open(nested);
  QVERIFY2(opened.ok(), opened ? "" : opened.error().describe().c_str());
  QVERIFY(fs::is_directory(nested));
  QCOMPARE(opened.value()->root(), nested);
}

void TestReceiveFolder::commit_into_new_nested_folders() {
  write_part(".ferry-1-0.part", "payload");
  auto used = folder_->commit(".ferry-1-0.part", "a/b/c/file.txt");
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string("a/b/c/file.txt"));
  QCOMPARE(read_file(root() / "a/b/c/file.txt"), std::string("payload"));
  QVERIFY(!fs::exists(root() / ".ferry-1-0.part"));
}

void TestReceiveFolder::commit_at_root() {
  write_part("p.part", "top");
  auto used = folder_->commit("p.part", "top.bin");
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string("top.bin"));
  QCOMPARE(read_file(root() / "top.bin"), std::string("top"));
}

void TestReceiveFolder::attributes_are_given_after_the_name() {
  for (const char* name : {"run.sh", "readonly.txt", "both"}) {
    write_part("p.part", name);
    fs::permissions(root() / "p.part", fs::perms(0640));
    QVERIFY(folder_->commit("p.part", std::string("bin/") + name));
  }
  QVERIFY(folder_->set_attributes("bin/run.sh", {true, false}));
  QVERIFY(folder_->set_attributes("bin/readonly.txt", {false, true}));
  QVERIFY(folder_->set_attributes("bin/both", {true, true}));
  // Execute exactly where read is allowed (as `chmod +x` under this umask would).
  QCOMPARE(fs::status(root() / "bin/run.sh").permissions(), fs::perms(0750));
  QCOMPARE(fs::status(root() / "bin/readonly.txt").permissions(), fs::perms(0440));
  QCOMPARE(fs::status(root() / "bin/both").permissions(), fs::perms(0550));
  const auto missing = folder_->set_attributes("bin/none", {true, false});
  QVERIFY(!missing && missing.error().code == std::errc::no_such_file_or_directory);
}

void TestReceiveFolder::attributes_never_follow_a_link() {
  const fs::path outside = path_of(*temp_) / "outside.sh";
  write_file(outside, "mine");
  fs::permissions(outside, fs::perms(0644));
  fs::create_directory_symlink(path_of(*temp_), root() / "up");
  fs::create_symlink(outside, root() / "link.sh");
  QVERIFY(!folder_->set_attributes("link.sh", {true, true}));
  QVERIFY(!folder_->set_attributes("up/outside.sh", {true, true}));
  QCOMPARE(fs::status(outside).permissions(), fs::perms(0644));
}

void TestReceiveFolder::conflict_gets_numbered_name_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("first");
  QTest::addColumn<QString>("second");

  QTest::newRow("extension") << "a.txt"
                             << "a (1).txt"
                             << "a (2).txt";
  QTest::newRow("dotfile") << ".bashrc"
                           << ".bashrc (1)"
                           << ".bashrc (2)";
  QTest::newRow("no extension") << "README"
                                << "README (1)"
                                << "README (2)";
  QTest::newRow("two extensions") << "archive.tar.gz"
                                  << "archive.tar (1).gz"
                                  << "archive.tar (2).gz";
  QTest::newRow("in a folder") << "sub/a.txt"
                               << "sub/a (1).txt"
                               << "sub/a (2).txt";
  QTest::newRow("unicode") << "Ünïcödé/日本語.txt"
                           << "Ünïcödé/日本語 (1).txt"
                           << "Ünïcödé/日本語 (2).txt";
}

void TestReceiveFolder::conflict_gets_numbered_name() {
  QFETCH(QString, name);
  QFETCH(QString, first);
  QFETCH(QString, second);
  const fs::path existing = root() / name.toStdString();
  fs::create_directories(existing.parent_path());
  write_file(existing, "original");

  write_part("one.part", "one");
  auto used_first = folder_->commit("one.part", name.toStdString());
  QVERIFY2(used_first.ok(), used_first ? "" : used_first.error().describe().c_str());
  QCOMPARE(QString::fromStdString(used_first.value()), first);

  write_part("two.part", "two");
  auto used_second = folder_->commit("two.part", name.toStdString());
  QVERIFY2(used_second.ok(), used_second ? "" : used_second.error().describe().c_str());
  QCOMPARE(QString::fromStdString(used_second.value()), second);

  QCOMPARE(read_file(existing), std::string("original"));
  QCOMPARE(read_file(root() / first.toStdString()), std::string("one"));
  QCOMPARE(read_file(root() / second.toStdString()), std::string("two"));
}

void TestReceiveFolder::existing_folder_is_not_replaced() {
  fs::create_directory(root() / "taken");
  write_file(root() / "taken" / "inside", "kept");
  write_part("p.part", "new");
  auto used = folder_->commit("p.part", "taken");
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string("taken (1)"));
  QCOMPARE(read_file(root() / "taken" / "inside"), std::string("kept"));
}

void TestReceiveFolder::numbered_long_name_still_fits() {
  const std::string name = std::string(251, 'n') + ".txt";  // 255 bytes, the limit
  write_file(root() / name, "original");
  write_part("p.part", "new");
  auto used = folder_->commit("p.part", name);
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string(247, 'n') + " (1).txt");
  QCOMPARE(read_file(root() / name), std::string("original"));
}

void TestReceiveFolder::symlink_component_is_refused_data() {
  QTest::addColumn<QString>("path");
  QTest::addColumn<QString>("component");  // the walked path the error must name

  QTest::newRow("first component") << "link/evil.txt"
                                   << "openat(link)";
  QTest::newRow("nested component") << "sub/link/evil.txt"
                                    << "openat(sub/link)";
  QTest::newRow("with folders below") << "link/deeper/evil.txt"
                                      << "openat(link)";
  QTest::newRow("dangling symlink") << "dangling/evil.txt"
                                    << "openat(dangling)";
}

void TestReceiveFolder::symlink_component_is_refused() {
  QFETCH(QString, path);
  QFETCH(QString, component);
  write_part("p.part", "evil");
  auto used = folder_->commit("p.part", path.toStdString());
  QVERIFY(!used.ok());
  const int code = used.error().code.value();
  QVERIFY2(code == ELOOP || code == ENOTDIR, used.error().describe().c_str());
  QVERIFY2(QString::fromStdString(used.error().describe()).startsWith(component), used.error().describe().c_str());
  QVERIFY(fs::is_empty(path_of(*outside_)));
  QVERIFY(fs::exists(root() / "p.part"));
}

void TestReceiveFolder::symlink_as_final_name_is_not_followed() {
  write_part("p.part", "evil");
  auto used = folder_->commit("p.part", "link");
  QVERIFY2(used.ok(), used ? "" : used.error().describe().c_str());
  QCOMPARE(used.value(), std::string("link (1)"));
  QVERIFY(fs::is_symlink(root() / "link"));
  QVERIFY(fs::is_regular_file(fs::symlink_status(root() / "link (1)")));
  QVERIFY(fs::is_empty(path_of(*outside_)));
}

void TestReceiveFolder::make_folder_refuses_symlink() {
  auto made = folder_->make_folder("link/new");
  QVERIFY(!made.ok());
  QVERIFY2(made.error().describe().starts_with("openat(link)"), made.error().describe().c_str());
  QVERIFY(fs::is_empty(path_of(*outside_)));
}

void TestReceiveFolder::file_used_as_folder_fails() {
  write_file(root() / "plain", "file");
  write_part("p.part", "x");
  auto used = folder_->commit("p.part", "plain/x");
  QVERIFY(!used.ok());
  QCOMPARE(used.error().code.value(), ENOTDIR);
  QVERIFY2(used.error().describe().starts_with("openat(plain)"), used.error().describe().c_str());
  QCOMPARE(read_file(root() / "plain"), std::string("file"));
}

void TestReceiveFolder::missing_part_names_the_syscall() {
  auto used = folder_->commit("missing.part", "dir/x.bin");
  QVERIFY(!used.ok());
  QCOMPARE(used.error().code.value(), ENOENT);
  QVERIFY2(used.error().describe().starts_with("renameat2(dir/x.bin)"), used.error().describe().c_str());
}

void TestReceiveFolder::make_folder_creates_nested_folders() {
  auto made = folder_->make_folder("e/f/g");
  QVERIFY2(made.ok(), made ? "" : made.error().describe().c_str());
  QVERIFY(fs::is_directory(root() / "e/f/g"));
  QVERIFY(fs::is_empty(root() / "e/f/g"));
  auto again = folder_->make_folder("e/f/g");
  QVERIFY2(again.ok(), again ? "" : again.error().describe().c_str());
  auto sibling = folder_->make_folder("e/h");
  QVERIFY2(sibling.ok(), sibling ? "" : sibling.error().describe().c_str());
  QVERIFY(fs::is_directory(root() / "e/h"));
}

void TestReceiveFolder::discard_removes_part() {
  write_part("p.part", "partial");
  folder_->discard("p.part");
  QVERIFY(!fs::exists(root() / "p.part"));
  folder_->discard("p.part");  // already gone: quietly nothing
  folder_->discard(std::string(300, 'x'));
}

void TestReceiveFolder::free_bytes_is_positive() {
  auto free = folder_->free_bytes();
  QVERIFY2(free.ok(), free ? "" : free.error().describe().c_str());
  QVERIFY(free.value() > 0);
}

namespace {

ferry::Result<OpenedSink> open_part(ReceiveFolder& folder, boost::asio::io_context& io, const std::string& name) {
  return folder.open_part(io.get_executor(), name, 100, ferry::Strategy::Buffered, {},
                          [](std::span<const std::byte>) {});
}

}  // namespace

// The root's path may name another folder by now (renamed away, another made
// in its place): the part is still created in the folder that was opened.
void TestReceiveFolder::a_part_opens_through_the_folders_handle() {
  const fs::path moved = path_of(*temp_) / "moved";
  fs::rename(root(), moved);
  fs::create_directory(root());
  boost::asio::io_context io;
  auto opened = open_part(*folder_, io, ".ferry-1-0.part");
  QVERIFY2(opened.ok(), opened ? "" : opened.error().describe().c_str());
  opened.value().sink.reset();
  QVERIFY(fs::is_regular_file(moved / ".ferry-1-0.part"));
  QVERIFY(!fs::exists(root() / ".ferry-1-0.part"));
  QVERIFY(!open_part(*folder_, io, "sub/.ferry-1-0.part").ok());  // only directly in the root
  QVERIFY(!open_part(*folder_, io, "..").ok());
}

void TestReceiveFolder::a_link_at_a_parts_name_is_refused() {
  fs::create_symlink(path_of(*outside_) / "target", root() / ".ferry-1-0.part");
  boost::asio::io_context io;
  auto opened = open_part(*folder_, io, ".ferry-1-0.part");
  QVERIFY(!opened.ok());
  QCOMPARE(opened.error().code.value(), ELOOP);
  QVERIFY(fs::is_empty(path_of(*outside_)));
}

QTEST_GUILESS_MAIN(TestReceiveFolder)
#include "test_receive_folder.moc"
