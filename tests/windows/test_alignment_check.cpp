// SPDX-License-Identifier: Apache-2.0
// The unbuffered-I/O alignment self-checks of platform/windows. Wine ignores
// FILE_FLAG_NO_BUFFERING and accepts misaligned reads and writes, so these
// checks are all that catches a mistake before real Windows would: each one
// must fire, name the invariant that broke, and stay quiet when all hold.
#include <QTest>

#include <cstddef>
#include <cstdint>
#include <string>

#include "alignment_check.hpp"

using ferry::platform::windows_impl::check_unbuffered_io;

namespace {

constexpr std::size_t kSector = 4096;
alignas(kSector) std::byte g_buffer[2 * kSector];

}  // namespace

class TestAlignmentCheck : public QObject {
  Q_OBJECT

 private slots:
  void aligned_io_passes_data();
  void aligned_io_passes();
  void misaligned_io_is_named_data();
  void misaligned_io_is_named();
};

void TestAlignmentCheck::aligned_io_passes_data() {
  QTest::addColumn<quint64>("offset");
  QTest::addColumn<quint64>("length");
  QTest::addColumn<quint64>("sector");
  QTest::newRow("first sector") << quint64(0) << quint64(kSector) << quint64(kSector);
  QTest::newRow("past 4 GiB") << quint64((4ull << 30) + kSector) << quint64(2 * kSector) << quint64(kSector);
  QTest::newRow("512-byte sectors") << quint64(1536) << quint64(512) << quint64(512);
  QTest::newRow("nothing") << quint64(0) << quint64(0) << quint64(kSector);
}

void TestAlignmentCheck::aligned_io_passes() {
  QFETCH(quint64, offset);
  QFETCH(quint64, length);
  QFETCH(quint64, sector);
  const auto error = check_unbuffered_io(offset, static_cast<std::size_t>(length), g_buffer,
                                         static_cast<std::size_t>(sector), "ReadFile", "f.bin");
  QVERIFY2(!error, error ? error->describe().c_str() : "");
}

void TestAlignmentCheck::misaligned_io_is_named_data() {
  QTest::addColumn<quint64>("offset");
  QTest::addColumn<quint64>("length");
  QTest::addColumn<int>("buffer_shift");
  QTest::addColumn<QString>("expected");
  QTest::newRow("offset") << quint64(kSector + 1) << quint64(kSector) << 0
                          << "WriteFile (unaligned offset 4097, sector 4096)(f.bin): ";
  QTest::newRow("offset past 4 GiB") << quint64((4ull << 30) + 512) << quint64(kSector) << 0
                                     << "WriteFile (unaligned offset 4294967808, sector 4096)(f.bin): ";
  QTest::newRow("length") << quint64(kSector) << quint64(kSector - 1) << 0
                          << "WriteFile (unaligned length 4095, sector 4096)(f.bin): ";
  QTest::newRow("buffer address") << quint64(0) << quint64(kSector) << 512 << "WriteFile (unaligned buffer address ";
}

void TestAlignmentCheck::misaligned_io_is_named() {
  QFETCH(quint64, offset);
  QFETCH(quint64, length);
  QFETCH(int, buffer_shift);
  QFETCH(QString, expected);
  const auto error = check_unbuffered_io(offset, static_cast<std::size_t>(length), g_buffer + buffer_shift, kSector,
                                         "WriteFile", "f.bin");
  QVERIFY(error.has_value());
  const QString text = QString::fromStdString(error->describe());
  QVERIFY2(text.startsWith(expected), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestAlignmentCheck)
#include "test_alignment_check.moc"
