// SPDX-License-Identifier: Apache-2.0
// A file written to while its bytes go out: the sender aborts it after them
// (FILE_ABORT instead of FILE_END), so the receiver never keeps a file that
// may be torn however well its digest matches what was sent. A receiver by
// hand holds the sender inside the file's DATA frames while the file changes;
// the file is larger than what a source reads at open, so the sender checks
// it once its bytes are out, on a worker.
#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

class TestSourceWrittenWhileSent : public QObject {
  Q_OBJECT

 private slots:
  void the_file_is_aborted_after_its_bytes();
};

void TestSourceWrittenWhileSent::the_file_is_aborted_after_its_bytes() {
  const fs::path source = fresh_dir("written-while-sent-src");
  // Far more than the loopback socket buffers hold (a few MiB each way), so
  // the sender is still sending when the file changes.
  constexpr std::uint64_t kSize = 64 * 1024 * 1024;
  write_random_file(source / "growing.log", kSize, 7);
  RawListener listener;
  Sender sender;
  sender.send(listener.port(), {source / "growing.log"});
  auto receiving = listener.accept();
  QVERIFY(receiving);
  QVERIFY(receiving->expect<protocol::Hello>());
  QVERIFY(receiving->expect<protocol::Offer>());
  QVERIFY(receiving->send(protocol::Hello{protocol::kVersion, "raw desk", false, OperatingSystem::Linux}));
  QVERIFY(receiving->send(protocol::Accept{}));
  QVERIFY(receiving->expect<protocol::FileBegin>());
  const auto first = receiving->expect<protocol::DataHeader>();
  QVERIFY(first);
  QVERIFY(receiving->skip_payload(first->length));
  // The writer touches the file while most of it has yet to go.
  fs::last_write_time(source / "growing.log", fs::last_write_time(source / "growing.log") + std::chrono::seconds(5));
  std::uint64_t received = first->length;
  std::optional<protocol::FileAbort> abort;
  while (!abort) {
    auto frame = receiving->read();
    QCOMPARE(frame.status, RawPeer::Status::Frame);
    if (const auto* data = std::get_if<protocol::DataHeader>(&frame.message)) {
      QVERIFY(receiving->skip_payload(data->length));
      received += data->length;
      continue;
    }
    QVERIFY2(!std::holds_alternative<protocol::FileEnd>(frame.message), "a changed file was vouched for");
    QVERIFY(std::holds_alternative<protocol::FileAbort>(frame.message));
    abort = std::get<protocol::FileAbort>(frame.message);
  }
  QCOMPARE(received, kSize);
  QCOMPARE(abort->index, 0u);
  QVERIFY(receiving->send(protocol::FileResult{0, protocol::FileStatus::SourceFailed, abort->reason}));
  QVERIFY(receiving->send(protocol::Summary{0, 1, received}));

  const auto done = wait_session_done(sender.engine(), sender.log(), std::chrono::seconds(30));
  QVERIFY(done);
  QVERIFY(!done->ok);
  const auto files = sender.log().all<FileDone>();
  QCOMPARE(files.size(), std::size_t{1});
  QCOMPARE(files.front().cause, FailureCause::SourceChanged);
  QVERIFY2(files.front().error.find("changed while") != std::string::npos, files.front().error.c_str());
}

QTEST_GUILESS_MAIN(TestSourceWrittenWhileSent)
#include "test_source_written_while_sent.moc"
