// SPDX-License-Identifier: Apache-2.0
// What a choice of an offer's entries needs of the disk: the files taken,
// less what is already here of them; folders need nothing, and what is held
// of a file not taken frees nothing.
#include <QtTest>

#include "ferry/core/offer_space.hpp"

using namespace ferry;

class TestOfferSpace : public QObject {
  Q_OBJECT

 private slots:
  void needs_the_files_taken_less_what_is_held();
};

void TestOfferSpace::needs_the_files_taken_less_what_is_held() {
  const std::vector<OfferEntry> entries{{EntryKind::Folder, "trip", 0, 0},
                                        {EntryKind::File, "trip/a.jpg", 1000, 0},
                                        {EntryKind::File, "trip/b.txt", 30, 0},
                                        {EntryKind::File, "other.txt", 4, 0}};
  QCOMPARE(bytes_needed(entries, {}), std::uint64_t{1034});
  QCOMPARE(bytes_needed(entries, {{1, 600}}), std::uint64_t{434});
  QCOMPARE(bytes_needed(entries, {{1, 1000}, {3, 4}}), std::uint64_t{30});
  QCOMPARE(bytes_needed(entries, {}, {true, false, true, true}), std::uint64_t{34});
  QCOMPARE(bytes_needed(entries, {{1, 600}}, {true, false, true, true}), std::uint64_t{34});
  QCOMPARE(bytes_needed(entries, {{1, 600}}, {false, true, false, false}), std::uint64_t{400});
  QCOMPARE(bytes_needed(entries, {{2, 30}}, {false, false, true, false}), std::uint64_t{0});
  QCOMPARE(bytes_needed({}, {}), std::uint64_t{0});
}

QTEST_GUILESS_MAIN(TestOfferSpace)
#include "test_offer_space.moc"
