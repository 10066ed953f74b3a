// SPDX-License-Identifier: Apache-2.0
// The receiver's memory of which sender delivered which file (issue 19,
// defect 6), written to and read back from real files: a file counts only
// for its own sender, in its own receive folder, while its size and time
// (to 2 s) are what was recorded; without a state folder nothing counts.
#include <QtTest>
#include <filesystem>

#include "engine/delivery_ledger.hpp"
#include "engine_harness.hpp"

using namespace ferry;
namespace fs = std::filesystem;

namespace {
const std::string kAlice(64, 'a');
const std::string kBob(64, 'b');
const fs::path kFolder = fs::path("received");
constexpr std::int64_t kTime = 1'700'000'000'123'456'789;
}  // namespace

class TestDeliveryLedger : public QObject {
  Q_OBJECT
 private slots:
  void a_file_counts_only_for_its_sender_and_folder() {
    const fs::path state = ferry::test::fresh_dir("ledger-state");
    DeliveryLedger(state).record(kAlice, kFolder, {{"trip/a.jpg", 1000, kTime}});
    const DeliveryLedger ledger(state);  // read back from the disk
    QVERIFY(ledger.load(kAlice, kFolder).contains({"trip/a.jpg", 1000, kTime}));
    QVERIFY(!ledger.load(kBob, kFolder).contains({"trip/a.jpg", 1000, kTime}));
    QVERIFY(!ledger.load(kAlice, fs::path("elsewhere")).contains({"trip/a.jpg", 1000, kTime}));
    QVERIFY(!ledger.load(kAlice, kFolder).contains({"trip/b.jpg", 1000, kTime}));
  }

  void a_changed_file_no_longer_counts() {
    const fs::path state = ferry::test::fresh_dir("ledger-changed");
    DeliveryLedger ledger(state);
    ledger.record(kAlice, kFolder, {{"a", 1000, kTime}});
    const Deliveries delivered = ledger.load(kAlice, kFolder);
    QVERIFY(!delivered.contains({"a", 1001, kTime}));
    QVERIFY(!delivered.contains({"a", 1000, kTime + 3'000'000'000}));
    // What a filesystem keeps of the time may be a little less (100 ns on NTFS).
    QVERIFY(delivered.contains({"a", 1000, kTime - 89}));
  }

  void later_records_add_to_earlier_ones() {
    const fs::path state = ferry::test::fresh_dir("ledger-append");
    DeliveryLedger ledger(state);
    ledger.record(kAlice, kFolder, {{"a", 1, kTime}, {"b", 2, kTime}});
    ledger.record(kAlice, kFolder, {{"c", 3, -1'500'000'000}});
    const Deliveries delivered = ledger.load(kAlice, kFolder);
    QVERIFY(delivered.contains({"a", 1, kTime}));
    QVERIFY(delivered.contains({"b", 2, kTime}));
    QVERIFY(delivered.contains({"c", 3, -1'500'000'000}));
    QVERIFY(!delivered.contains({"c", 3, 500'000'000}));  // the 2 s step before 1970, not after
  }

  void without_a_state_folder_nothing_counts() {
    DeliveryLedger ledger{fs::path()};
    ledger.record(kAlice, kFolder, {{"a", 1, kTime}});
    QVERIFY(!ledger.load(kAlice, kFolder).contains({"a", 1, kTime}));
  }
};

QTEST_GUILESS_MAIN(TestDeliveryLedger)
#include "test_delivery_ledger.moc"
