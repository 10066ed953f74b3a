// SPDX-License-Identifier: Apache-2.0
// Modification times far from today (before 1970, with a fraction of a
// second, at the ends of the wire's range) never fail a file or a session:
// each file gets its time, or the nearest its filesystem holds.
#include <fcntl.h>
#include <sys/stat.h>

#include <QProcess>
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <limits>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kGiga = 1'000'000'000;
// XXH3-128 of "hello".
const protocol::Digest kHelloDigest = {0xb5, 0xe9, 0xc1, 0xad, 0x07, 0x1b, 0x3e, 0x7f,
                                       0xc7, 0x79, 0xcf, 0xaa, 0x5e, 0x52, 0x38, 0x18};

struct Stamp {
  std::int64_t seconds = 0;
  std::int64_t nanos = 0;
  bool operator==(const Stamp&) const = default;
};

Stamp mtime_of(const fs::path& path) {
  struct statx stx {};
  if (::statx(AT_FDCWD, path.c_str(), AT_SYMLINK_NOFOLLOW, STATX_MTIME, &stx) != 0) return {0, -1};
  return {stx.stx_mtime.tv_sec, stx.stx_mtime.tv_nsec};
}

char* toString(const Stamp& stamp) {
  return QTest::toString(QStringLiteral("%1 s %2 ns").arg(stamp.seconds).arg(stamp.nanos));
}

bool set_mtime(const fs::path& path, Stamp stamp) {
  const timespec times[2] = {{0, UTIME_OMIT}, {stamp.seconds, stamp.nanos}};
  return ::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0;
}

QString arg(const fs::path& path) { return QString::fromStdString(path.string()); }

}  // namespace

class TestOldTimestamps : public QObject {
  Q_OBJECT
 private slots:
  void offered_times_never_fail_a_file();
  void two_ferry_clis_carry_a_time_before_1970();
};

// Issue 19: mtime -1 ns failed the file (futimens: Invalid argument) and the
// session was cancelled.
void TestOldTimestamps::offered_times_never_fail_a_file() {
  const fs::path target = fresh_dir("old-times");
  Receiver receiver(target);
  struct Case {
    std::string name;
    std::int64_t mtime_ns;
  };
  const std::vector<Case> cases = {
      {"minus-one-ns.txt", -1},
      {"minus-one-and-a-half-s.txt", -3 * kGiga / 2},
      {"int64-min.txt", std::numeric_limits<std::int64_t>::min()},
      {"int64-max.txt", std::numeric_limits<std::int64_t>::max()},
  };
  std::vector<protocol::OfferEntry> entries;
  for (const auto& c : cases) entries.push_back({protocol::EntryKind::File, c.name, 5, c.mtime_ns});
  auto peer = RawPeer::connect(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion, "time traveller"}));
  QVERIFY(peer->expect<protocol::Hello>());
  QVERIFY(peer->send(protocol::Offer{entries}));
  QVERIFY(peer->expect<protocol::Accept>());
  std::vector<std::byte> wire;
  for (std::uint32_t i = 0; i < cases.size(); ++i) {
    protocol::encode(protocol::FileBegin{i}, wire);
    protocol::encode(protocol::DataHeader{5}, wire);
    for (char c : std::string_view("hello")) wire.push_back(static_cast<std::byte>(c));
    protocol::encode(protocol::FileEnd{i, kHelloDigest}, wire);
  }
  QVERIFY(peer->send_bytes(wire));
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto result = peer->expect<protocol::FileResult>();
    QVERIFY(result);
    QVERIFY2(result->status == protocol::FileStatus::Ok, result->message.c_str());
  }
  const auto summary = peer->expect<protocol::Summary>();
  QVERIFY(summary);
  QCOMPARE(summary->files_ok, std::uint32_t(cases.size()));
  QCOMPARE(summary->files_failed, 0u);
  peer->close();
  const auto done = wait_session_done(receiver.engine(), receiver.log(), std::chrono::seconds(10));
  QVERIFY(done);
  QVERIFY2(done->files_failed == 0 && done->error.find("futimens") == std::string::npos, done->error.c_str());

  // ext4 holds 1901 to 2446 with nanoseconds: all but int64 min exactly.
  QCOMPARE(mtime_of(target / cases[0].name), (Stamp{-1, kGiga - 1}));
  QCOMPARE(mtime_of(target / cases[1].name), (Stamp{-2, kGiga / 2}));
  const Stamp min = mtime_of(target / cases[2].name);
  const QByteArray min_text = QStringLiteral("%1 s %2 ns").arg(min.seconds).arg(min.nanos).toUtf8();
  QVERIFY2(min.seconds < -(std::int64_t(1) << 31) + 1 && min.seconds >= -9'223'372'037, min_text.constData());
  QCOMPARE(mtime_of(target / cases[3].name), (Stamp{9'223'372'036, 854'775'807}));
}

// `touch -d "1969-07-20 20:17:40.5 UTC"` on a file in a sent folder.
void TestOldTimestamps::two_ferry_clis_carry_a_time_before_1970() {
  const fs::path source = fresh_dir("old-times-src");
  const fs::path target = fresh_dir("old-times-dst");
  fs::create_directories(source / "moon");
  write_random_file(source / "moon" / "old.txt", 4096, 7);
  const Stamp landing{-14'182'940, kGiga / 2};
  QVERIFY(set_mtime(source / "moon" / "old.txt", landing));
  QProcess receiver;
  const int port = start_cli_receiver(receiver, target,
                                      {QStringLiteral("--once"), QStringLiteral("--no-announce"),
                                       QStringLiteral("--config-dir"), arg(fresh_dir("old-times-rcfg"))});
  QVERIFY(port != 0);
  QProcess sender;
  sender.start(QStringLiteral(FERRY_CLI_PATH),
               {QStringLiteral("send"), QStringLiteral("--config-dir"), arg(fresh_dir("old-times-scfg")),
                QStringLiteral("127.0.0.1:%1").arg(port), arg(source / "moon")});
  sender.closeWriteChannel();
  QVERIFY(sender.waitForFinished(60'000));
  QVERIFY2(sender.exitCode() == 0, sender.readAllStandardError().constData());
  QVERIFY(receiver.waitForFinished(60'000));
  QCOMPARE(receiver.exitCode(), 0);
  QVERIFY(same_contents(source / "moon" / "old.txt", target / "moon" / "old.txt"));
  QCOMPARE(mtime_of(target / "moon" / "old.txt"), landing);
}

QTEST_GUILESS_MAIN(TestOldTimestamps)
#include "test_old_timestamps.moc"
