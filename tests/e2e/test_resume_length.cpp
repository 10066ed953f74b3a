// SPDX-License-Identifier: Apache-2.0
// docs/protocol.md, section 5.3: a partial HAVE's `length` is what verifiably
// arrived, never the space a part file reserved. A hand-built sender sends 6
// MiB of a 10 MiB file and drops the connection; offered again, the real
// receiver says HAVE(partial, 4 MiB) with the digest of that block, and a
// restart at exactly `length` completes the file.
#include <xxhash.h>

#include <QtTest>
#include <fstream>
#include <random>

#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kSize = 10 * kMiB;
constexpr std::uint32_t kChunk = 256 * 1024;

protocol::Digest xxh128(std::span<const std::byte> bytes) {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size()));
  protocol::Digest digest;
  std::memcpy(digest.data(), canonical.digest, digest.size());
  return digest;
}

std::vector<std::byte> random_bytes(std::size_t size) {
  std::mt19937_64 random(19);
  std::vector<std::byte> bytes(size);
  for (auto& b : bytes) b = static_cast<std::byte>(random() | 1);  // no zero byte
  return bytes;
}

// DATA frames carrying content[from, to).
bool send_range(RawPeer& peer, std::span<const std::byte> content, std::uint64_t from, std::uint64_t to) {
  for (std::uint64_t at = from; at < to;) {
    const auto length = static_cast<std::uint32_t>(std::min<std::uint64_t>(kChunk, to - at));
    if (!peer.send(protocol::DataHeader{length}) || !peer.send_bytes(content.subspan(at, length))) return false;
    at += length;
  }
  return true;
}

std::optional<RawPeer> offered(std::uint16_t port, const protocol::OfferEntry& entry) {
  auto peer = RawPeer::connect(port);
  if (!peer || !peer->send(protocol::Hello{protocol::kVersion, "resumer"}) || !peer->expect<protocol::Hello>() ||
      !peer->send(protocol::Offer{{entry}}))
    return std::nullopt;
  return peer;
}

}  // namespace

class TestResumeLength : public QObject {
  Q_OBJECT
 private slots:
  void partial_have_length_is_what_arrived();
};

void TestResumeLength::partial_have_length_is_what_arrived() {
  const fs::path target = fresh_dir("resume-length");
  Receiver receiver(target);
  const std::vector<std::byte> content = random_bytes(kSize);
  const protocol::OfferEntry entry{protocol::EntryKind::File, "big.bin", kSize, 0};

  auto first = offered(receiver.port(), entry);
  QVERIFY(first);
  QVERIFY(first->expect<protocol::Accept>());
  QVERIFY(first->send(protocol::FileBegin{0, 0}));
  QVERIFY(send_range(*first, content, 0, 6 * kMiB));
  QTest::qWait(300);  // the receiver writes what arrived
  first->close();
  QVERIFY(wait_session_done(receiver.engine(), receiver.log(), std::chrono::seconds(10)));

  auto second = offered(receiver.port(), entry);
  QVERIFY(second);
  const auto have = second->expect<protocol::Have>();
  QVERIFY(have);
  QCOMPARE(int(have->kind), int(protocol::HaveKind::Partial));
  QCOMPARE(have->length, 4 * kMiB);  // block 2 is only half written: not verifiably arrived
  QCOMPARE(have->blocks.size(), std::size_t(1));
  QVERIFY(have->blocks[0] == xxh128(std::span(content).first(4 * kMiB)));
  QVERIFY(second->expect<protocol::Accept>());
  QVERIFY(second->send(protocol::FileBegin{0, have->length}));
  QVERIFY(send_range(*second, content, have->length, kSize));
  QVERIFY(second->send(protocol::FileEnd{0, xxh128(content)}));
  const auto result = second->expect<protocol::FileResult>();
  QVERIFY(result);
  QVERIFY2(result->status == protocol::FileStatus::Ok, result->message.c_str());
  QVERIFY(second->expect<protocol::Summary>());
  second->close();

  std::ifstream stored(target / "big.bin", std::ios::binary);
  std::vector<char> got((std::istreambuf_iterator<char>(stored)), std::istreambuf_iterator<char>());
  QCOMPARE(got.size(), std::size_t(kSize));
  QVERIFY(std::memcmp(got.data(), content.data(), kSize) == 0);
}

QTEST_GUILESS_MAIN(TestResumeLength)
#include "test_resume_length.moc"
