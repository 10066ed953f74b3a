// SPDX-License-Identifier: Apache-2.0
// FILETIME conversions of platform/windows for every modification time the
// wire can carry: before 1601-relative overflow, before 1970 with a fraction,
// the ends of the signed range; then real files under Wine (SetFileTime and
// GetFileInformationByHandle) keep what was stored.
#include <windows.h>

#include <QTest>
#include <QTemporaryDir>
#include <cstdint>
#include <limits>

#include "file_probe.hpp"
#include "file_time.hpp"

using namespace ferry::platform::windows_impl;

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

}  // namespace

class TestFileTime : public QObject {
  Q_OBJECT

 private slots:
  void wire_times_become_ticks_data();
  void wire_times_become_ticks();
  void ticks_outside_the_wire_saturate();
  void real_file_keeps_times_before_1970_data();
  void real_file_keeps_times_before_1970();
};

void TestFileTime::wire_times_become_ticks_data() {
  QTest::addColumn<qint64>("unix_ns");
  QTest::addColumn<quint64>("ticks");
  QTest::newRow("epoch") << qint64(0) << quint64(kUnixEpochTicks);
  QTest::newRow("minus one ns rounds down") << qint64(-1) << quint64(kUnixEpochTicks - 1);
  QTest::newRow("minus 1.5 s") << qint64(-1'500'000'000) << quint64(kUnixEpochTicks - 15'000'000);
  QTest::newRow("plus 199 ns") << qint64(199) << quint64(kUnixEpochTicks + 1);
  // 1677-09-21 and 2262-04-11: inside FILETIME's range, no wrap.
  QTest::newRow("int64 min") << qint64(kMin) << quint64(kUnixEpochTicks - 92'233'720'368'547'759);
  QTest::newRow("int64 max") << qint64(kMax) << quint64(kUnixEpochTicks + 92'233'720'368'547'758);
}

void TestFileTime::wire_times_become_ticks() {
  QFETCH(qint64, unix_ns);
  QFETCH(quint64, ticks);
  QCOMPARE(quint64(filetime_ticks(unix_ns)), ticks);
  // Back to the wire: exact to the 100 ns tick at or before.
  const std::int64_t back = unix_ns_from_ticks(ticks);
  QVERIFY(back <= unix_ns && unix_ns - back < 100);
}

void TestFileTime::ticks_outside_the_wire_saturate() {
  QCOMPARE(unix_ns_from_ticks(0), kMin);                         // 1601
  QCOMPARE(unix_ns_from_ticks(0x7FFF'FFFF'FFFF'FFFFull), kMax);  // 30828
  QCOMPARE(unix_ns_from_ticks(0xFFFF'FFFF'FFFF'FFFFull), kMax);  // reserved
  QCOMPARE(unix_ns_from_ticks(kUnixEpochTicks), std::int64_t(0));
}

void TestFileTime::real_file_keeps_times_before_1970_data() {
  QTest::addColumn<qint64>("unix_ns");
  QTest::newRow("minus one ns") << qint64(-1);
  QTest::newRow("1969-07-20 20:17:40.5") << qint64(-14'182'939'500'000'000);
  // Not int64 min (1677): Wine keeps times in the host's file system, which
  // clamps to 1901 (ext4); the conversion itself is checked above.
  QTest::newRow("int64 max") << qint64(kMax);
}

void TestFileTime::real_file_keeps_times_before_1970() {
  QFETCH(qint64, unix_ns);
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::wstring path = dir.filePath(QStringLiteral("old.txt")).toStdWString();
  HANDLE file = ::CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS,
                              FILE_ATTRIBUTE_NORMAL, nullptr);
  QVERIFY(file != INVALID_HANDLE_VALUE);
  store_mtime(file, unix_ns, "old.txt");
  const auto facts = probe_file(file, "old.txt");
  ::CloseHandle(file);
  QVERIFY(facts.ok());
  QCOMPARE(facts->mtime_ns, unix_ns_from_ticks(filetime_ticks(unix_ns)));
}

QTEST_GUILESS_MAIN(TestFileTime)
#include "test_file_time.moc"
