// SPDX-License-Identifier: Apache-2.0
// The direct-I/O pipeline on its own, with real files, real io_uring and a
// real loopback socket: the direct source sends exactly the file's bytes, in
// order, however the reads complete and however the caller cuts the sends,
// while its digest lane observes the same bytes in order before each send
// completes; the direct sink lands and observes them; both can be destroyed
// mid-file with reads, writes and digests in flight. The buffered sink's
// digest lane for large files too.
#include <QtTest>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "engine_harness.hpp"
#include "ferry/platform/file_sink.hpp"
#include "ferry/platform/file_source.hpp"
#include "loopback_stream.hpp"
#include "page_cache.hpp"

using namespace ferry;
using namespace ferry::platform;
namespace fs = std::filesystem;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using test::connect_pair;
using test::contents;
using test::run_until;

namespace {

constexpr std::uint32_t kBlock = 64 * 1024;

// What an observer saw, from whichever thread it ran on.
struct Observed {
  std::mutex mutex;
  std::vector<std::byte> bytes;
  ByteObserver observer() {
    return [this](std::span<const std::byte> piece) {
      std::lock_guard lock(mutex);
      bytes.insert(bytes.end(), piece.begin(), piece.end());
    };
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return bytes.size();
  }
};

// The scratch folder, or why direct I/O cannot be tested in it.
std::optional<std::string> direct_io_missing(asio::io_context& io, const fs::path& dir) {
  const fs::path probe = dir / "probe.bin";
  test::write_random_file(probe, 4096, 1);
  auto opened = open_source({io.get_executor(), io.get_executor()}, probe, Strategy::Direct, {}, [](auto) {});
  fs::remove(probe);
  if (!opened) return opened.error().describe();
  if (!opened->fallback_reason.empty()) return opened->fallback_reason;
  return std::nullopt;
}

}  // namespace

class TestDirectPipeline : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void source_sends_and_observes_every_size_data();
  void source_sends_and_observes_every_size();
  void source_keeps_order_with_many_reads_in_flight();
  void source_cancelled_with_reads_in_flight();
  void sink_lands_and_observes_every_size_data();
  void sink_lands_and_observes_every_size();
  void sink_destroyed_with_writes_in_flight();

 private:
  fs::path dir_;
  // One for every test: the engine thread keeps idle rings for its one
  // io_context, so a ring must never outlive the context it was made for.
  asio::io_context io_;
};

void TestDirectPipeline::initTestCase() {
  dir_ = test::fresh_dir("direct-pipeline");
  if (auto missing = direct_io_missing(io_, dir_)) QSKIP(("no direct I/O in the scratch folder: " + *missing).c_str());
}

void TestDirectPipeline::source_sends_and_observes_every_size_data() {
  QTest::addColumn<std::uint64_t>("size");
  QTest::addColumn<std::uint32_t>("frame");  // bytes per async_send
  for (const std::uint64_t size : {1ull, 511ull, 512ull, 4095ull, 4096ull, 4097ull, kBlock - 1ull, kBlock + 0ull,
                                   kBlock + 1ull, 5ull * kBlock + 4097})
    QTest::addRow("%llu bytes", static_cast<unsigned long long>(size)) << size << std::uint32_t{kBlock};
  // Sends cut across blocks, as DATA frames of another size would.
  QTest::addRow("frames of 10000") << std::uint64_t{7 * kBlock + 13} << std::uint32_t{10000};
  QTest::addRow("frames of 3 blocks") << std::uint64_t{7 * kBlock + 13} << std::uint32_t{3 * kBlock};
}

void TestDirectPipeline::source_sends_and_observes_every_size() {
  QFETCH(std::uint64_t, size);
  QFETCH(std::uint32_t, frame);
  const fs::path file = dir_ / "source.bin";
  test::write_random_file(file, size, static_cast<std::uint32_t>(size));
  test::evict_from_page_cache(file);
  asio::io_context& io = io_;
  auto [stream, receiver] = connect_pair(io);
  Observed observed;
  auto opened =
      open_source({io.get_executor(), io.get_executor()}, file, Strategy::Direct, {kBlock, 4}, observed.observer());
  QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().describe().c_str());
  QCOMPARE(opened->source->strategy(), Strategy::Direct);

  std::vector<std::byte> received(size);
  bool read_done = false;
  asio::async_read(receiver, asio::buffer(received), [&](boost::system::error_code ec, std::size_t) {
    QVERIFY(!ec);
    read_done = true;
  });
  std::uint64_t sent = 0;
  bool failed = false;
  bool observed_before_completion = true;
  std::function<void()> send_next = [&] {
    if (sent == size) return;
    const auto length = std::min<std::uint64_t>(frame, size - sent);
    opened->source->async_send(*stream, length, [&, length](std::optional<IoError> error) {
      if (error) {
        failed = true;
        return;
      }
      sent += length;
      // Every byte an async_send sent was observed before it completed.
      if (observed.size() < sent) observed_before_completion = false;
      send_next();
    });
  };
  send_next();
  QVERIFY(run_until(io, [&] { return failed || (sent == size && read_done); }));
  QVERIFY(!failed);
  QVERIFY(observed_before_completion);
  // Direct reads leave the source out of the page cache.
  QCOMPARE(test::resident_fraction(file), 0.0);
  const auto expected = contents(file);
  QVERIFY(received == expected);
  QCOMPARE(observed.size(), static_cast<std::size_t>(size));
  QVERIFY(observed.bytes == expected);
}

// 4 KiB blocks, 32 reads in flight: completions come back in whatever order
// the kernel finishes them; the bytes must still go out in file order.
void TestDirectPipeline::source_keeps_order_with_many_reads_in_flight() {
  const std::uint64_t size = 8ull * 1024 * 1024 + 123;
  const fs::path file = dir_ / "many.bin";
  test::write_random_file(file, size, 7);
  test::evict_from_page_cache(file);
  asio::io_context& io = io_;
  auto [stream, receiver] = connect_pair(io);
  Observed observed;
  auto opened =
      open_source({io.get_executor(), io.get_executor()}, file, Strategy::Direct, {4096, 32}, observed.observer());
  QVERIFY(opened.ok());
  std::vector<std::byte> received(size);
  bool read_done = false;
  asio::async_read(receiver, asio::buffer(received), [&](boost::system::error_code ec, std::size_t) {
    QVERIFY(!ec);
    read_done = true;
  });
  std::optional<std::optional<IoError>> result;
  opened->source->async_send(*stream, size, [&](std::optional<IoError> error) { result = error; });
  QVERIFY(run_until(io, [&] { return result && read_done; }));
  QVERIFY(!*result);
  const auto expected = contents(file);
  QVERIFY(received == expected);
  QVERIFY(observed.bytes == expected);
}

// The peer stops reading mid-file and the connection is closed: the pending
// send ends with an error, and destroying the source waits for its reads and
// digest instead of leaving them writing into freed memory.
void TestDirectPipeline::source_cancelled_with_reads_in_flight() {
  const std::uint64_t size = 64ull * 1024 * 1024;
  const fs::path file = dir_ / "cancel.bin";
  test::write_random_file(file, size, 9);
  test::evict_from_page_cache(file);
  asio::io_context& io = io_;
  auto [stream, receiver] = connect_pair(io);
  auto observed = std::make_unique<Observed>();
  auto opened = open_source({io.get_executor(), io.get_executor()}, file, Strategy::Direct, {1024 * 1024, 8},
                            observed->observer());
  QVERIFY(opened.ok());
  std::optional<std::optional<IoError>> result;
  opened->source->async_send(*stream, size, [&](std::optional<IoError> error) { result = error; });
  // Let the socket buffers fill while nobody reads the other end.
  QVERIFY(run_until(io, [&] { return observed->size() >= 4ull * 1024 * 1024; }));
  QVERIFY(!result);
  stream->socket().close();
  QVERIFY(run_until(io, [&] { return result.has_value(); }));
  QVERIFY(result->has_value());
  opened->source.reset();  // waits for reads in flight and a digest in progress
  const std::size_t seen = observed->size();
  QVERIFY(seen < size);
  // Nothing observes after the source is gone.
  io.restart();
  io.run_for(std::chrono::milliseconds(100));
  QCOMPARE(observed->size(), seen);
}

void TestDirectPipeline::sink_lands_and_observes_every_size_data() {
  QTest::addColumn<std::uint64_t>("size");
  QTest::addColumn<Strategy>("strategy");
  for (const std::uint64_t size : {0ull, 1ull, 511ull, 512ull, 4095ull, 4096ull, 4097ull, kBlock - 1ull, kBlock + 0ull,
                                   kBlock + 1ull, 9ull * kBlock + 4097})
    QTest::addRow("direct, %llu bytes", static_cast<unsigned long long>(size)) << size << Strategy::Direct;
  // The buffered sink digests a file larger than its 1 MiB buffer on a lane.
  constexpr std::uint64_t kMiB = 1024 * 1024;
  const std::initializer_list<std::uint64_t> buffered_sizes{1, kMiB - 1, kMiB, kMiB + 1, 5 * kMiB + 7};
  for (const std::uint64_t size : buffered_sizes)
    QTest::addRow("buffered, %llu bytes", static_cast<unsigned long long>(size)) << size << Strategy::Buffered;
}

void TestDirectPipeline::sink_lands_and_observes_every_size() {
  QFETCH(std::uint64_t, size);
  QFETCH(Strategy, strategy);
  const fs::path source = dir_ / "sink-source.bin";
  test::write_random_file(source, size, static_cast<std::uint32_t>(size) + 3);
  const auto expected = contents(source);
  const fs::path part = dir_ / "sink.part";
  asio::io_context& io = io_;
  Observed observed;
  auto opened = open_sink(io.get_executor(), part, size, strategy, {kBlock, 3}, observed.observer());
  QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().describe().c_str());
  QCOMPARE(opened->sink->strategy(), strategy);
  FileSink& sink = *opened->sink;

  std::uint64_t filled = 0;
  std::optional<std::optional<IoError>> finished;
  std::function<void()> fill_next = [&] {
    if (filled == size) {
      sink.async_finish(1'600'000'000'000'000'000, [&](std::optional<IoError> error) { finished = error; });
      return;
    }
    sink.async_acquire([&](std::optional<IoError> error, std::span<std::byte> buffer) {
      if (error) {
        finished = error;
        return;
      }
      const auto piece = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size - filled));
      std::memcpy(buffer.data(), expected.data() + filled, piece);
      filled += piece;
      sink.commit(piece);
      fill_next();
    });
  };
  fill_next();
  QVERIFY(run_until(io, [&] { return finished.has_value(); }));
  QVERIFY2(!*finished, finished->has_value() ? (*finished)->describe().c_str() : "");
  QCOMPARE(fs::file_size(part), size);
  if (size > 0 && strategy == Strategy::Direct)
    QCOMPARE(test::resident_fraction(part), 0.0);  // direct writes: no page cache
  QVERIFY(contents(part) == expected);
  QVERIFY(observed.bytes == expected);
}

// A receiver that gives up mid-file destroys its sink with writes and digests
// in flight: that waits for them, and the part file stays for the caller.
void TestDirectPipeline::sink_destroyed_with_writes_in_flight() {
  const std::uint64_t size = 64ull * 1024 * 1024;
  const fs::path part = dir_ / "cut.part";
  asio::io_context& io = io_;
  auto observed = std::make_unique<Observed>();
  auto opened = open_sink(io.get_executor(), part, size, Strategy::Direct, {1024 * 1024, 8}, observed->observer());
  QVERIFY(opened.ok());
  FileSink& sink = *opened->sink;
  int committed = 0;
  bool gone = false;
  std::function<void()> fill_next = [&] {
    sink.async_acquire([&](std::optional<IoError> error, std::span<std::byte> buffer) {
      if (gone) return;  // handed out just before the sink went
      QVERIFY(!error);
      std::memset(buffer.data(), committed, buffer.size());
      sink.commit(buffer.size());
      if (++committed < 20) fill_next();
    });
  };
  fill_next();
  QVERIFY(run_until(io, [&] { return committed >= 12; }));
  opened->sink.reset();  // writes and digests still in flight
  gone = true;
  const std::size_t seen = observed->size();
  QVERIFY(seen <= static_cast<std::size_t>(committed) * 1024 * 1024);
  io.restart();
  io.run_for(std::chrono::milliseconds(100));
  QCOMPARE(observed->size(), seen);
  QVERIFY(fs::exists(part));
}

QTEST_GUILESS_MAIN(TestDirectPipeline)
#include "test_direct_pipeline.moc"
