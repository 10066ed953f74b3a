// SPDX-License-Identifier: Apache-2.0
// The Linux zero-copy source and its page warmer, with real files, a real
// loopback socket and real sendfile: a file from a cold cache arrives exactly,
// however the sends are cut; sendfile never sends past what the warmer has
// brought into the page cache (its jobs are stepped by hand here, so the test
// sees each window go in before its bytes go out); a source destroyed while a
// window is queued drops that window's result; a file shorter than asked
// for fails its send rather than waiting for warmth past its end.
#include <QtTest>

#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "engine_harness.hpp"
#include "ferry/platform/file_source.hpp"
#include "loopback_stream.hpp"
#include "page_cache.hpp"

using namespace ferry;
using namespace ferry::platform;
namespace fs = std::filesystem;
namespace asio = boost::asio;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
// The warmer's window (platform/linux/page_warmer.hpp).
constexpr std::uint64_t kWindow = 4 * kMiB;

// Sends `size` bytes of `source` in pieces of `piece` while the receiver reads
// them into `received`; the caller runs the io_context.
class Sending {
 public:
  Sending(FileSource& source, test::SocketStream& stream, asio::ip::tcp::socket& receiver, std::uint64_t size,
          std::uint64_t piece)
      : source_(source), stream_(stream), receiver_(receiver), size_(size), piece_(piece), received_(size) {
    read_next();
    send_next();
  }

  bool done() const { return failed() || (sent_ == size_ && arrived_ == size_); }
  bool failed() const { return send_failed_ || read_failed_; }
  std::uint64_t sent() const { return sent_; }
  std::uint64_t arrived() const { return arrived_; }
  const std::vector<std::byte>& received() const { return received_; }

 private:
  void read_next() {
    if (arrived_ == size_) return;
    receiver_.async_read_some(asio::buffer(received_.data() + arrived_, size_ - arrived_),
                              [this](boost::system::error_code ec, std::size_t n) {
                                if (ec) {
                                  read_failed_ = true;
                                  return;
                                }
                                arrived_ += n;
                                read_next();
                              });
  }

  void send_next() {
    if (sent_ == size_) return;
    const std::uint64_t length = std::min(piece_, size_ - sent_);
    source_.async_send(stream_, length, [this, length](std::optional<IoError> error) {
      if (error) {
        send_failed_ = true;
        return;
      }
      sent_ += length;
      send_next();
    });
  }

  FileSource& source_;
  test::SocketStream& stream_;
  asio::ip::tcp::socket& receiver_;
  std::uint64_t size_;
  std::uint64_t piece_;
  std::uint64_t sent_ = 0;
  std::uint64_t arrived_ = 0;
  bool send_failed_ = false;
  bool read_failed_ = false;
  std::vector<std::byte> received_;
};

}  // namespace

class TestZeroCopyWarming : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void cold_file_arrives_exactly_data();
  void cold_file_arrives_exactly();
  void sendfile_waits_for_each_window();
  void destroyed_while_a_window_is_queued();
  void a_file_that_shrank_fails_instead_of_waiting();

 private:
  fs::path cold_file(const std::string& name, std::uint64_t size);
  Result<OpenedSource> open_zero_copy(const fs::path& file, const asio::any_io_executor& blocking,
                                      std::uint64_t start = 0);

  fs::path dir_;
  asio::io_context io_;
};

void TestZeroCopyWarming::initTestCase() { dir_ = test::fresh_dir("zero-copy-warming"); }

fs::path TestZeroCopyWarming::cold_file(const std::string& name, std::uint64_t size) {
  const fs::path file = dir_ / name;
  test::write_random_file(file, size, static_cast<std::uint32_t>(size % 1000 + 1));
  test::evict_from_page_cache(file);
  return file;
}

Result<OpenedSource> TestZeroCopyWarming::open_zero_copy(const fs::path& file, const asio::any_io_executor& blocking,
                                                         std::uint64_t start) {
  return open_source(
      {io_.get_executor(), blocking}, file, Strategy::ZeroCopy, {}, [](auto) {}, start);
}

void TestZeroCopyWarming::cold_file_arrives_exactly_data() {
  QTest::addColumn<std::uint64_t>("size");
  QTest::addColumn<std::uint64_t>("start");
  QTest::addColumn<std::uint64_t>("piece");  // bytes per async_send
  // Just above what is read whole at open, and around the window's edges.
  for (const std::uint64_t size :
       std::initializer_list<std::uint64_t>{256 * 1024 + 1, kWindow - 1, kWindow, kWindow + 1, 3 * kWindow + 4097})
    QTest::addRow("%llu bytes", static_cast<unsigned long long>(size)) << size << std::uint64_t{0} << kMiB;
  QTest::addRow("cut across windows") << 5 * kWindow + 13 << std::uint64_t{0} << 3 * kMiB + 7;
  QTest::addRow("one send for all") << 5 * kWindow + 13 << std::uint64_t{0} << 5 * kWindow + 13;
  // A resumed file starts in the middle of a window.
  QTest::addRow("resumed") << 3 * kWindow + 99 << kWindow + 8192 << kMiB;
}

void TestZeroCopyWarming::cold_file_arrives_exactly() {
  QFETCH(std::uint64_t, size);
  QFETCH(std::uint64_t, start);
  QFETCH(std::uint64_t, piece);
  const fs::path file = cold_file("cold.bin", size);
  asio::thread_pool blocking(2);
  auto [stream, receiver] = test::connect_pair(io_);
  auto opened = open_zero_copy(file, blocking.get_executor(), start);
  QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().describe().c_str());
  QCOMPARE(opened->source->strategy(), Strategy::ZeroCopy);

  Sending sending(*opened->source, *stream, receiver, size - start, piece);
  QVERIFY(test::run_until(io_, [&] { return sending.done(); }));
  QVERIFY(!sending.failed());
  const auto expected = test::contents(file);
  QVERIFY(std::equal(sending.received().begin(), sending.received().end(),
                     expected.begin() + static_cast<std::ptrdiff_t>(start)));
  opened->source.reset();
  blocking.join();
}

// The blocking pool is an io_context nobody runs: each warm job runs only when
// the test says, so what sendfile may send is visible between the jobs.
void TestZeroCopyWarming::sendfile_waits_for_each_window() {
  const std::uint64_t size = 4 * kWindow;
  const fs::path file = cold_file("stepped.bin", size);
  asio::io_context disk;
  auto [stream, receiver] = test::connect_pair(io_);
  auto opened = open_zero_copy(file, disk.get_executor());
  QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().describe().c_str());
  // Opening (on a worker, in the engine) brought the first window in.
  QCOMPARE(test::resident_fraction(file, 0, kWindow), 1.0);

  Sending sending(*opened->source, *stream, receiver, size, size);
  for (std::uint64_t warm = kWindow; warm < size; warm += kWindow) {
    // All that is warm goes out, and then nothing more, however long the engine runs.
    QVERIFY(test::run_until(io_, [&] { return sending.failed() || sending.arrived() >= warm; }));
    io_.restart();
    io_.run_for(std::chrono::milliseconds(200));
    QVERIFY(!sending.failed());
    QCOMPARE(sending.arrived(), warm);
    QCOMPARE(sending.sent(), std::uint64_t{0});  // one send of the whole file, not complete
    QCOMPARE(test::resident_fraction(file, 0, warm), 1.0);
    // The next window, and only that, waits on the blocking pool.
    disk.restart();
    QCOMPARE(disk.run_one(), std::size_t{1});
    QCOMPARE(disk.poll(), std::size_t{0});
  }
  QVERIFY(test::run_until(io_, [&] { return sending.done(); }));
  QVERIFY(!sending.failed());
  QVERIFY(sending.received() == test::contents(file));
  QCOMPARE(sending.sent(), size);
}

// Destroyed with a window queued on the blocking pool: the job runs later,
// on its own descriptor, and its result, posted to the engine, finds no
// warmer and is dropped; nothing more is sent.
void TestZeroCopyWarming::destroyed_while_a_window_is_queued() {
  const std::uint64_t size = 3 * kWindow;
  const fs::path file = cold_file("queued.bin", size);
  asio::io_context disk;
  auto [stream, receiver] = test::connect_pair(io_);
  auto opened = open_zero_copy(file, disk.get_executor());
  QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().describe().c_str());
  std::optional<Sending> sending(std::in_place, *opened->source, *stream, receiver, size, size);
  QVERIFY(test::run_until(io_, [&] { return sending->failed() || sending->arrived() >= kWindow; }));
  opened->source.reset();
  receiver.cancel();  // the receiving read ends (aborted) before what it reads into goes
  io_.restart();
  io_.poll();
  sending.reset();
  disk.restart();
  QCOMPARE(disk.run(), std::size_t{1});
  QCOMPARE(test::resident_fraction(file, kWindow, kWindow), 1.0);  // the job did its window
  io_.restart();
  io_.run_for(std::chrono::milliseconds(100));
  QCOMPARE(static_cast<std::uint64_t>(receiver.available()), std::uint64_t{0});
}

// The file is half the size it was offered with when it is opened (it
// shrank meanwhile), and the engine asks for the offered size: the send
// reaches the file's end and fails there, as before the warmer, instead of
// waiting for a window past the end that will never be warmed.
void TestZeroCopyWarming::a_file_that_shrank_fails_instead_of_waiting() {
  const std::uint64_t offered = 3 * kWindow;
  const fs::path file = cold_file("shrinking.bin", offered);
  fs::resize_file(file, offered / 2);
  asio::thread_pool blocking(2);
  auto [stream, receiver] = test::connect_pair(io_);
  auto opened = open_zero_copy(file, blocking.get_executor());
  QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().describe().c_str());
  Sending sending(*opened->source, *stream, receiver, offered, offered);
  QVERIFY2(test::run_until(
               io_, [&] { return sending.failed(); }, std::chrono::seconds(20)),
           "the send of a file that shrank neither failed nor ended");
  QCOMPARE(sending.sent(), std::uint64_t{0});
  opened->source.reset();
  receiver.cancel();
  io_.restart();
  io_.poll();
  blocking.join();
}

QTEST_GUILESS_MAIN(TestZeroCopyWarming)
#include "test_zero_copy_warming.moc"
