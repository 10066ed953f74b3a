// SPDX-License-Identifier: Apache-2.0
// ferry::path_rejection and ferry::offer_rejection: what a peer may offer.
#include <QElapsedTimer>
#include <QTest>

#include <cstdint>
#include <limits>
#include <string>

#include "ferry/core/path_rules.hpp"
#include "time_scale.hpp"

using ferry::protocol::EntryKind;
using ferry::protocol::Offer;
using ferry::protocol::OfferEntry;

Q_DECLARE_METATYPE(ferry::protocol::Offer)

namespace {

OfferEntry file(std::string path, std::uint64_t size = 1) { return {EntryKind::File, std::move(path), size, 0}; }

OfferEntry folder(std::string path, std::uint64_t size = 0) { return {EntryKind::Folder, std::move(path), size, 0}; }

std::string repeated(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// "d/d/d/.../d" of `depth` components.
std::string deep_path(std::size_t depth) { return repeated("d/", depth - 1) + "d"; }

// 1,000,000 entries: 1000 folders of 999 files each.
Offer million_entry_offer() {
  Offer offer;
  offer.entries.reserve(1'000'000);
  for (int f = 0; f < 1000; ++f) {
    const std::string dir = "folder " + std::to_string(f);
    offer.entries.push_back(folder(dir));
    for (int i = 0; i < 999; ++i) {
      offer.entries.push_back(file(dir + "/File_" + std::to_string(i) + ".bin", 4096));
    }
  }
  return offer;
}

}  // namespace

class TestPathRules : public QObject {
  Q_OBJECT

 private slots:
  void rejects_bad_paths_data();
  void rejects_bad_paths();
  void accepts_good_paths_data();
  void accepts_good_paths();
  void rejects_bad_offers_data();
  void rejects_bad_offers();
  void accepts_good_offers_data();
  void accepts_good_offers();
  void accepts_a_million_entries_quickly();
  void finds_a_late_duplicate_among_a_million();
  void deep_paths_stay_fast();
};

void TestPathRules::rejects_bad_paths_data() {
  QTest::addColumn<QByteArray>("path");
  QTest::addColumn<QString>("reason");  // a fragment the reason must contain

  QTest::newRow("empty") << QByteArray("") << "empty path";
  QTest::newRow("absolute") << QByteArray("/etc/passwd") << "absolute";
  QTest::newRow("only slash") << QByteArray("/") << "absolute";
  QTest::newRow("double slash") << QByteArray("a//b") << "empty component";
  QTest::newRow("trailing slash") << QByteArray("a/b/") << "empty component";
  QTest::newRow("dot") << QByteArray(".") << "'.' component";
  QTest::newRow("dot inside") << QByteArray("a/./b") << "'.' component";
  QTest::newRow("dotdot") << QByteArray("..") << "'..' component";
  QTest::newRow("dotdot escape") << QByteArray("a/../../etc") << "'..' component";
  QTest::newRow("dotdot last") << QByteArray("a/..") << "'..' component";
  QTest::newRow("long path") << QByteArray((repeated(repeated("p", 200) + "/", 20) + repeated("q", 97)).c_str())
                             << "path longer than 4096 bytes";
  QTest::newRow("latin1") << QByteArray("caf\xE9") << "invalid UTF-8 at byte 3";
  QTest::newRow("lone continuation") << QByteArray("a\x80") << "invalid UTF-8";
  QTest::newRow("truncated") << QByteArray("a\xE6\x97") << "invalid UTF-8";
  QTest::newRow("overlong slash") << QByteArray("a\xC0\xAF..") << "invalid UTF-8";
  QTest::newRow("overlong 3 bytes") << QByteArray("\xE0\x80\xAF") << "invalid UTF-8";
  QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << "invalid UTF-8";
  QTest::newRow("beyond U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << "invalid UTF-8";
  QTest::newRow("0xFF") << QByteArray("\xFF") << "invalid UTF-8";
}

void TestPathRules::rejects_bad_paths() {
  QFETCH(QByteArray, path);
  QFETCH(QString, reason);
  const auto why = ferry::path_rejection(std::string_view(path.constData(), path.size()));
  QVERIFY2(why.has_value(), "accepted");
  QVERIFY2(QString::fromStdString(*why).contains(reason), why->c_str());
}

void TestPathRules::accepts_good_paths_data() {
  QTest::addColumn<QByteArray>("path");

  QTest::newRow("plain") << QByteArray("file.txt");
  QTest::newRow("nested") << QByteArray("a/b/c.bin");
  QTest::newRow("unicode") << QByteArray("Ünïcödé/日本語.txt");
  QTest::newRow("emoji") << QByteArray("photos/🎉 party.jpg");
  QTest::newRow("inner spaces") << QByteArray("My Documents/tax return 2024.pdf");
  QTest::newRow("leading space") << QByteArray(" lead");
  QTest::newRow("dotfile") << QByteArray(".bashrc");
  QTest::newRow("dot folder") << QByteArray(".config/x");
  QTest::newRow("three dots prefix") << QByteArray("...name");
  QTest::newRow("dots inside") << QByteArray("a..b/c.d.e");
  QTest::newRow("no extension") << QByteArray("Makefile");
  QTest::newRow("console") << QByteArray("console.log");
  QTest::newRow("con prefix") << QByteArray("CONFIG");
  QTest::newRow("nul inside") << QByteArray("xnul.txt");
  QTest::newRow("com0") << QByteArray("com0");
  QTest::newRow("com10") << QByteArray("COM10.txt");
  QTest::newRow("lpt") << QByteArray("lpt");
  QTest::newRow("symbols") << QByteArray("a b-c_d+e=f(g)[h]{i}'j',k;l!m@n#o$p%q^r&s~t`u");
  QTest::newRow("255 byte component") << QByteArray(repeated("n", 255).c_str());
  QTest::newRow("deep") << QByteArray(deep_path(2048).c_str());
  QTest::newRow("4096 byte path") << QByteArray((repeated(repeated("p", 200) + "/", 20) + repeated("q", 76)).c_str());
  QTest::newRow("max code point") << QByteArray("\xF4\x8F\xBF\xBF");
  // Names a system cannot store are mapped on arrival (local_name.hpp), not refused.
  QTest::newRow("tab") << QByteArray("a\tb");
  QTest::newRow("nul byte") << QByteArray("a\0b", 3);
  QTest::newRow("newline") << QByteArray("x/line\nbreak");
  QTest::newRow("backslash dotdot") << QByteArray("..\\..\\x");
  QTest::newRow("drive letter") << QByteArray("C:/Windows");
  QTest::newRow("ntfs stream") << QByteArray("file.txt:hidden");
  QTest::newRow("CON") << QByteArray("docs/CON");
  QTest::newRow("trailing dot") << QByteArray("a/name.");
  QTest::newRow("only spaces") << QByteArray("   ");
  QTest::newRow("256 byte component") << QByteArray(repeated("n", 256).c_str());
}

void TestPathRules::accepts_good_paths() {
  QFETCH(QByteArray, path);
  const auto why = ferry::path_rejection(std::string_view(path.constData(), path.size()));
  QVERIFY2(!why.has_value(), why ? why->c_str() : "");
}

void TestPathRules::rejects_bad_offers_data() {
  QTest::addColumn<Offer>("offer");
  QTest::addColumn<QString>("reason");
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();

  QTest::newRow("bad path") << Offer{{file("ok.txt"), file("a/../../etc/passwd")}}
                            << "'a/../../etc/passwd': '..' component";
  QTest::newRow("bad folder path") << Offer{{folder("a/./b")}} << "'a/./b': '.' component";
  QTest::newRow("duplicate") << Offer{{file("a/b.txt"), file("x"), file("a/b.txt")}} << "duplicate path 'a/b.txt'";
  QTest::newRow("case duplicate") << Offer{{file("Docs/Readme.TXT"), file("docs/README.txt")}}
                                  << "duplicate path 'docs/README.txt' (same as 'Docs/Readme.TXT' ignoring case)";
  QTest::newRow("folder twice") << Offer{{folder("a"), folder("A")}} << "duplicate path";
  QTest::newRow("file and folder") << Offer{{folder("a"), file("a")}} << "duplicate path 'a'";
  QTest::newRow("file as parent") << Offer{{file("a"), file("a/b")}} << "'a' is a file but also the parent of 'a/b'";
  QTest::newRow("file as parent, child first")
      << Offer{{file("a/b"), file("a")}} << "'a' is a file but also the parent of 'a/b'";
  QTest::newRow("file as grandparent") << Offer{{file("x/a"), folder("x/a/b/c")}}
                                       << "'x/a' is a file but also the parent";
  QTest::newRow("file as parent, other case")
      << Offer{{file("Photos"), file("photos/1.jpg")}} << "'Photos' is a file but also the parent of 'photos/1.jpg'";
  QTest::newRow("unknown kind") << Offer{{{static_cast<EntryKind>(7), "x", 0, 0}}} << "'x': unknown entry kind";
  QTest::newRow("folder with size") << Offer{{folder("a", 10)}} << "folder 'a' has a non-zero size";
  QTest::newRow("read-only folder") << Offer{{{EntryKind::Folder, "a", 0, 0, {false, true}}}}
                                    << "folder 'a' has file attributes";
  QTest::newRow("executable folder") << Offer{{{EntryKind::Folder, "a", 0, 0, {true, false}}}}
                                     << "folder 'a' has file attributes";
  QTest::newRow("total overflows") << Offer{{file("a", kMax), file("b", 1)}} << "total size overflows";
  QTest::newRow("total overflows later") << Offer{{file("a", kMax / 2), file("b", kMax / 2), file("c", 2)}}
                                         << "total size overflows 64 bits at 'c'";
}

void TestPathRules::rejects_bad_offers() {
  QFETCH(Offer, offer);
  QFETCH(QString, reason);
  const auto why = ferry::offer_rejection(offer);
  QVERIFY2(why.has_value(), "accepted");
  QVERIFY2(QString::fromStdString(*why).contains(reason), why->c_str());
}

void TestPathRules::accepts_good_offers_data() {
  QTest::addColumn<Offer>("offer");
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();

  QTest::newRow("one file") << Offer{{file("a.txt")}};
  QTest::newRow("folder and its files") << Offer{{folder("a"), file("a/b"), folder("a/c"), file("a/c/d")}};
  QTest::newRow("files without their folders") << Offer{{file("x/y/z"), file("x/w")}};
  QTest::newRow("empty folders") << Offer{{folder("a"), folder("a/b"), folder("c")}};
  QTest::newRow("prefix but not parent") << Offer{{file("ab"), file("a/b"), file("a.b/c")}};
  QTest::newRow("file next to folder of similar name") << Offer{{file("a b"), file("a/b"), file("a-b"), file("a.txt")}};
  QTest::newRow("unicode case differs") << Offer{{file("Ä.txt"), file("ä.txt")}};
  QTest::newRow("total exactly max") << Offer{{file("a", kMax - 1), file("b", 1)}};
  QTest::newRow("zero-byte files") << Offer{{file("a", 0), file("b", 0)}};
  QTest::newRow("files with attributes") << Offer{{{EntryKind::File, "run.sh", 1, 0, {true, true}}}};
  QTest::newRow("names mapped alike") << Offer{{file("a:b"), file("a?b"), file("a_b")}};
}

void TestPathRules::accepts_good_offers() {
  QFETCH(Offer, offer);
  const auto why = ferry::offer_rejection(offer);
  QVERIFY2(!why.has_value(), why ? why->c_str() : "");
}

void TestPathRules::accepts_a_million_entries_quickly() {
  const Offer offer = million_entry_offer();
  QCOMPARE(offer.entries.size(), std::size_t{1'000'000});
  QElapsedTimer timer;
  timer.start();
  const auto why = ferry::offer_rejection(offer);
  const qint64 elapsed = timer.elapsed();
  QVERIFY2(!why.has_value(), why ? why->c_str() : "");
  qInfo("1,000,000 entries checked in %lld ms", static_cast<long long>(elapsed));
  QVERIFY2(elapsed < 3000 * ferry::test::time_scale(), "offer_rejection too slow");
}

void TestPathRules::finds_a_late_duplicate_among_a_million() {
  Offer offer = million_entry_offer();
  offer.entries.back() = file("FOLDER 7/file_5.BIN");
  const auto why = ferry::offer_rejection(offer);
  QVERIFY(why.has_value());
  QVERIFY2(QString::fromStdString(*why).contains("same as 'folder 7/File_5.bin'"), why->c_str());

  offer.entries.back() = file("folder 999/File_997.bin/inside");
  const auto parent = ferry::offer_rejection(offer);
  QVERIFY(parent.has_value());
  QVERIFY2(QString::fromStdString(*parent).contains("'folder 999/File_997.bin' is a file"), parent->c_str());
}

// Parents are hashed incrementally: 16,000 paths of 2,048 components each (the
// 64 MiB an offer frame can hold) must not cost quadratic time per path, which
// would take minutes; the loose bound keeps a loaded machine from failing it.
// Both budgets stretch with FERRY_TEST_TIME_SCALE (sanitizer builds).
void TestPathRules::deep_paths_stay_fast() {
  const std::string base = deep_path(2045);
  Offer offer;
  for (int i = 0; i < 16'000; ++i) offer.entries.push_back(file(base + "/" + std::to_string(i)));
  QElapsedTimer timer;
  timer.start();
  const auto why = ferry::offer_rejection(offer);
  const qint64 elapsed = timer.elapsed();
  QVERIFY2(!why.has_value(), why ? why->c_str() : "");
  qInfo("16,000 deep paths checked in %lld ms", static_cast<long long>(elapsed));
  QVERIFY2(elapsed < 10'000 * ferry::test::time_scale(), "offer_rejection too slow on deep paths");
}

QTEST_APPLESS_MAIN(TestPathRules)
#include "test_path_rules.moc"
