// SPDX-License-Identifier: Apache-2.0
// ferry::local_path: where an offered name is stored on Linux and on Windows.
#include <QTest>

#include <string>

#include "ferry/core/local_name.hpp"

using ferry::NameRules;

namespace {

std::string repeated(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

std::string mapped(const QByteArray& path, NameRules rules) {
  return ferry::local_path(std::string_view(path.constData(), path.size()), rules);
}

}  // namespace

class TestLocalName : public QObject {
  Q_OBJECT

 private slots:
  void maps_names_a_system_cannot_store_data();
  void maps_names_a_system_cannot_store();
  void cuts_long_names_keeping_their_extension();
  void keeps_two_long_names_apart();
  void cuts_between_characters();
  void lists_only_renamed_entries();
  void rules_follow_the_system();
};

void TestLocalName::maps_names_a_system_cannot_store_data() {
  QTest::addColumn<QByteArray>("offered");
  QTest::addColumn<QByteArray>("on_linux");
  QTest::addColumn<QByteArray>("on_windows");

  QTest::newRow("plain") << QByteArray("a/b.txt") << QByteArray("a/b.txt") << QByteArray("a/b.txt");
  QTest::newRow("unicode") << QByteArray("Ünï/日本.txt") << QByteArray("Ünï/日本.txt") << QByteArray("Ünï/日本.txt");
  QTest::newRow("tab") << QByteArray("notes\tdraft.txt") << QByteArray("notes_draft.txt")
                       << QByteArray("notes_draft.txt");
  QTest::newRow("newline in folder") << QByteArray("x\ny/z") << QByteArray("x_y/z") << QByteArray("x_y/z");
  QTest::newRow("nul byte") << QByteArray("a\0b", 3) << QByteArray("a_b") << QByteArray("a_b");
  QTest::newRow("escape") << QByteArray("\x1b[31mred") << QByteArray("_[31mred") << QByteArray("_[31mred");
  QTest::newRow("delete") << QByteArray("a\x7f") << QByteArray("a_") << QByteArray("a_");
  QTest::newRow("colon") << QByteArray("12:30 call.m4a") << QByteArray("12:30 call.m4a")
                         << QByteArray("12_30 call.m4a");
  QTest::newRow("ntfs stream") << QByteArray("file.txt:hidden") << QByteArray("file.txt:hidden")
                               << QByteArray("file.txt_hidden");
  QTest::newRow("drive") << QByteArray("C:/Windows") << QByteArray("C:/Windows") << QByteArray("C_/Windows");
  QTest::newRow("backslashes") << QByteArray("..\\..\\x") << QByteArray("..\\..\\x") << QByteArray(".._.._x");
  QTest::newRow("windows forbidden") << QByteArray("a<b>c\"d|e?f*g") << QByteArray("a<b>c\"d|e?f*g")
                                     << QByteArray("a_b_c_d_e_f_g");
  QTest::newRow("CON") << QByteArray("docs/CON") << QByteArray("docs/CON") << QByteArray("docs/_CON");
  QTest::newRow("nul.txt") << QByteArray("nul.txt") << QByteArray("nul.txt") << QByteArray("_nul.txt");
  QTest::newRow("com1 folder") << QByteArray("Com1/x") << QByteArray("Com1/x") << QByteArray("_Com1/x");
  QTest::newRow("com superscript") << QByteArray("COM\xC2\xB9") << QByteArray("COM\xC2\xB9")
                                   << QByteArray("_COM\xC2\xB9");
  QTest::newRow("con prefix stays") << QByteArray("CONFIG") << QByteArray("CONFIG") << QByteArray("CONFIG");
  QTest::newRow("trailing dot") << QByteArray("a/name.") << QByteArray("a/name.") << QByteArray("a/name_");
  QTest::newRow("trailing spaces and dots")
      << QByteArray("dir. ./x") << QByteArray("dir. ./x") << QByteArray("dir___/x");
  QTest::newRow("only dots") << QByteArray("...") << QByteArray("...") << QByteArray("___");
  QTest::newRow("reserved with trailing dot") << QByteArray("aux.") << QByteArray("aux.") << QByteArray("_aux_");
}

void TestLocalName::maps_names_a_system_cannot_store() {
  QFETCH(QByteArray, offered);
  QFETCH(QByteArray, on_linux);
  QFETCH(QByteArray, on_windows);
  QCOMPARE(mapped(offered, NameRules::Linux), on_linux.toStdString());
  QCOMPARE(mapped(offered, NameRules::Windows), on_windows.toStdString());
}

void TestLocalName::cuts_long_names_keeping_their_extension() {
  const std::string too_long = repeated("n", 255) + ".x";  // 257 bytes: too long
  const std::string at_limit = repeated("n", 251) + ".pdf";
  QCOMPARE(ferry::local_path(at_limit, NameRules::Linux), at_limit);

  for (NameRules rules : {NameRules::Linux, NameRules::Windows}) {
    const std::string cut = ferry::local_path("folder/" + too_long, rules);
    QVERIFY(cut.starts_with("folder/nnnn"));
    const std::string name = cut.substr(std::string("folder/").size());
    QVERIFY2(name.size() <= 240, name.c_str());
    QVERIFY2(name.ends_with(".x"), name.c_str());
    QVERIFY2(name.find('~') != std::string::npos, name.c_str());
    QCOMPARE(ferry::local_path("folder/" + too_long, rules), cut);  // the same offer lands under the same name
  }
  // An extension too long to keep apart is cut with the rest.
  const std::string long_extension = repeated("n", 200) + "." + repeated("e", 100);
  const std::string cut = ferry::local_path(long_extension, NameRules::Linux);
  QVERIFY2(cut.size() <= 240 && cut.starts_with(repeated("n", 200)), cut.c_str());
}

void TestLocalName::keeps_two_long_names_apart() {
  const std::string stem = repeated("s", 300);
  const std::string a = ferry::local_path(stem + "-first.txt", NameRules::Linux);
  const std::string b = ferry::local_path(stem + "-second.txt", NameRules::Linux);
  QVERIFY(a != b);
}

void TestLocalName::cuts_between_characters() {
  const std::string accents = repeated("\xC3\xA9", 200);  // 400 bytes of "é"
  const std::string cut = ferry::local_path(accents, NameRules::Windows);
  QVERIFY2(cut.size() <= 240, cut.c_str());
  const std::size_t tag = cut.find('~');
  QVERIFY(tag != std::string::npos);
  QCOMPARE(tag % 2, std::size_t{0});  // whole two-byte characters before the tag
}

void TestLocalName::lists_only_renamed_entries() {
  using ferry::EntryKind;
  const std::vector<ferry::OfferEntry> entries = {
      {EntryKind::Folder, "ok", 0, 0}, {EntryKind::File, "ok/a:b.txt", 1, 0}, {EntryKind::File, "tab\there", 1, 0}};
  const auto on_linux = ferry::renamed_entries(entries, NameRules::Linux);
  QCOMPARE(on_linux.size(), std::size_t{1});
  QCOMPARE(on_linux[0], (ferry::RenamedEntry{2, "tab_here"}));
  const auto on_windows = ferry::renamed_entries(entries, NameRules::Windows);
  QCOMPARE(on_windows.size(), std::size_t{2});
  QCOMPARE(on_windows[0], (ferry::RenamedEntry{1, "ok/a_b.txt"}));
}

void TestLocalName::rules_follow_the_system() {
  QCOMPARE(ferry::name_rules_for(ferry::OperatingSystem::Linux), NameRules::Linux);
  QCOMPARE(ferry::name_rules_for(ferry::OperatingSystem::Windows), NameRules::Windows);
  QCOMPARE(ferry::name_rules_for(ferry::OperatingSystem::Other), NameRules::Windows);
}

QTEST_GUILESS_MAIN(TestLocalName)
#include "test_local_name.moc"
