// SPDX-License-Identifier: Apache-2.0
// What each side learns of a failure: the other device hears a sentence and
// a cause, never this side's local paths; this side's user gets the detail.
// Hand-built peers read exactly what crosses the wire. Also: a receive folder
// deleted while listening is created again for the next session.
#include <sys/mount.h>
#include <unistd.h>

#include <QtTest>
#include <filesystem>

#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr auto kEngineWait = std::chrono::seconds(30);

// Every text a peer may put in a frame this side read.
std::vector<std::string> texts_of(const std::vector<protocol::Message>& frames) {
  std::vector<std::string> texts;
  for (const auto& frame : frames) {
    if (const auto* cancel = std::get_if<protocol::Cancel>(&frame)) texts.push_back(cancel->reason);
    if (const auto* result = std::get_if<protocol::FileResult>(&frame)) texts.push_back(result->message);
    if (const auto* decline = std::get_if<protocol::Decline>(&frame)) texts.push_back(decline->message);
    if (const auto* abort = std::get_if<protocol::FileAbort>(&frame)) texts.push_back(abort->reason);
  }
  return texts;
}

// No absolute path, POSIX or Windows, and not `local` in any form.
bool names_no_local_path(const std::string& text, const fs::path& local) {
  return text.find('/') == std::string::npos && text.find('\\') == std::string::npos &&
         text.find(local.filename().string()) == std::string::npos;
}

// A read-only tmpfs on `path` for the lifetime of this object.
struct ReadOnlyDisk {
  fs::path path;
  bool mounted = ::mount("ferry-test", path.c_str(), "tmpfs", MS_RDONLY, "size=1m") == 0;
  ~ReadOnlyDisk() {
    if (mounted) ::umount2(path.c_str(), MNT_DETACH);
  }
};

}  // namespace

class TestFailureReports : public QObject {
  Q_OBJECT
 private slots:
  void read_only_receive_folder_stays_on_the_receiver();
  void unreadable_source_stays_on_the_sender();
  void deleted_receive_folder_is_created_again();
};

// The receive folder cannot be written: the sender hears that, as a cause it
// can word, without the receiver's path; the receiver's user gets the path.
void TestFailureReports::read_only_receive_folder_stays_on_the_receiver() {
  if (::geteuid() != 0) QSKIP("mounting a read-only tmpfs needs root");
  const fs::path target = fresh_dir("reports-readonly-dst");
  const ReadOnlyDisk disk{target};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");
  Receiver receiver(target);
  auto peer = RawPeer::connect(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion, "raw sender"}));
  QVERIFY(peer->send(protocol::Offer{{file_entry("photo.jpg", 1000)}}));
  QVERIFY(peer->expect<protocol::Hello>());
  QVERIFY(peer->expect<protocol::Accept>());
  // A small file is written whole once its bytes are in: the folder fails it then.
  const std::vector<std::byte> content(1000, std::byte{7});
  QVERIFY(peer->send(protocol::FileBegin{0}));
  QVERIFY(peer->send(protocol::DataHeader{static_cast<std::uint32_t>(content.size())}));
  QVERIFY(peer->send_bytes(content));
  QVERIFY(peer->send(protocol::FileEnd{0, {}}));
  const auto frames = peer->wait_closed();
  QVERIFY(frames);
  const auto texts = texts_of(*frames);
  QVERIFY(!texts.empty());
  for (const auto& text : texts) QVERIFY2(names_no_local_path(text, target), text.c_str());
  bool said_why = false;
  for (const auto& text : texts) said_why = said_why || text.find("receive folder") != std::string::npos;
  QVERIFY(said_why);

  const auto done = wait_session_done(receiver.engine(), receiver.log(), kEngineWait);
  QVERIFY(done);
  QCOMPARE(done->cause, FailureCause::ReceiveFolderUnwritable);
  // The detail names the file as the transfer does, and the system's error.
  QCOMPARE(done->detail.subject, std::string("photo.jpg"));
  QVERIFY2(done->detail.code == std::errc::read_only_file_system || done->detail.code == std::errc::permission_denied,
           done->error.c_str());
  const auto files = receiver.log().all<FileDone>();
  QCOMPARE(files.size(), std::size_t{1});
  QCOMPARE(files.front().cause, FailureCause::ReceiveFolderUnwritable);
}

// A file vanished between the offer and its turn: the receiver hears it could
// not be read, not where it was on the sender's disk.
void TestFailureReports::unreadable_source_stays_on_the_sender() {
  const fs::path source = fresh_dir("reports-unreadable-src");
  write_random_file(source / "gone.bin", 1000, 1);
  RawListener listener;
  Sender sender;
  sender.send(listener.port(), {source / "gone.bin"});
  auto peer = await_offer(listener);
  QVERIFY(peer);
  fs::remove(source / "gone.bin");
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion, "raw receiver"}));
  QVERIFY(peer->send(protocol::Accept{}));
  // FILE_ABORT comes inside the file's span (protocol 5.7 step 17).
  QVERIFY(peer->expect<protocol::FileBegin>());
  const auto abort = peer->expect<protocol::FileAbort>();
  QVERIFY(abort);
  QVERIFY2(names_no_local_path(abort->reason, source), abort->reason.c_str());
  QVERIFY(peer->send(
      protocol::FileResult{0, protocol::FileStatus::SourceFailed, "sender could not read it: " + abort->reason}));
  QVERIFY(peer->send(protocol::Summary{0, 1, 0}));
  const auto done = wait_session_done(sender.engine(), sender.log(), kEngineWait);
  QVERIFY(done && !done->ok);
  const auto files = sender.log().all<FileDone>();
  QCOMPARE(files.size(), std::size_t{1});
  QCOMPARE(files.front().cause, FailureCause::SourceUnreadable);
  QCOMPARE(files.front().detail.subject, std::string("gone.bin"));
  QVERIFY2(files.front().detail.code == std::errc::no_such_file_or_directory, files.front().error.c_str());
  QCOMPARE(done->cause, FailureCause::SourceUnreadable);
}

void TestFailureReports::deleted_receive_folder_is_created_again() {
  const fs::path source = fresh_dir("reports-deleted-src");
  const fs::path target = fresh_dir("reports-deleted-dst") / "Ferry";
  write_random_file(source / "a.bin", 3000, 2);
  Receiver receiver(target);
  fs::remove_all(target);
  const Outcome outcome = send_and_wait(receiver, {source / "a.bin"}, {}, kEngineWait);
  QVERIFY(outcome.sender && outcome.receiver);
  QVERIFY2(outcome.receiver->ok, outcome.receiver->error.c_str());
  QVERIFY(same_contents(source / "a.bin", target / "a.bin"));
}

QTEST_GUILESS_MAIN(TestFailureReports)
#include "test_failure_reports.moc"
