// SPDX-License-Identifier: Apache-2.0
// Issue 19: a receiver's memory is bounded across sessions. A real ferry-cli
// receive faces hand-built peers over loopback: 48 connections from 3
// addresses that announce a 64 MiB OFFER and send 9 bytes of it, then four
// peers at once with offers of a million entries each. Its resident memory,
// read from /proc, peaks under 300 MiB, the offers past the cap are declined
// as Busy, and it is back under 40 MiB once every session has ended.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QProcess>
#include <QtTest>
#include <fstream>
#include <thread>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

// A field of /proc/PID/status in bytes ("VmRSS", "VmHWM"), 0 when unreadable.
std::uint64_t status_bytes(qint64 pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  std::uint64_t kib = 0;
  while (status >> key) {
    if (key == field + ":" && status >> kib) return kib * 1024;
    status.ignore(1 << 16, '\n');
  }
  return 0;
}

// A TLS connection to 127.0.0.1:port from the loopback address `from`.
std::optional<RawPeer> connect_from(const char* from, std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, from, &local.sin_addr);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(port);
  remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<const sockaddr*>(&remote), sizeof remote) != 0) {
    if (fd >= 0) ::close(fd);
    return std::nullopt;
  }
  return RawPeer::handshake(fd, true);
}

std::optional<RawPeer> greeted_from(const char* from, std::uint16_t port) {
  auto peer = connect_from(from, port);
  if (!peer || !peer->send(protocol::Hello{protocol::kVersion, "memory eater"}) || !peer->expect<protocol::Hello>())
    return std::nullopt;
  return peer;
}

// An OFFER of a million one-byte files, encoded.
std::vector<std::byte> million_entry_offer() {
  protocol::Offer offer;
  offer.entries.reserve(protocol::kMaxOfferEntries);
  for (std::uint32_t i = 0; i < protocol::kMaxOfferEntries; ++i)
    offer.entries.push_back({protocol::EntryKind::File, "f" + std::to_string(i), 1, 0});
  std::vector<std::byte> bytes;
  protocol::encode(offer, bytes);
  return bytes;
}

}  // namespace

class TestOfferMemory : public QObject {
  Q_OBJECT
 private slots:
  void memory_stays_bounded_and_is_returned();
};

void TestOfferMemory::memory_stays_bounded_and_is_returned() {
  QProcess receiver;
  const int port = start_cli_receiver(receiver, fresh_dir("offer-memory"),
                                      {QStringLiteral("--no-announce"), QStringLiteral("--config-dir"),
                                       QString::fromStdString(fresh_dir("offer-memory-cfg").string())});
  QVERIFY(port != 0);
  const qint64 pid = receiver.processId();

  // 9 bytes of a 64 MiB offer: its header and four bytes of payload.
  std::vector<std::byte> announced;
  announced.push_back(std::byte(protocol::FrameType::Offer));
  for (int shift = 24; shift >= 0; shift -= 8)
    announced.push_back(std::byte((protocol::kMaxOfferPayload >> shift) & 0xFF));
  announced.resize(9, std::byte{0});
  std::vector<RawPeer> silent;
  for (const char* from : {"127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
    for (int i = 0; i < 16; ++i) {
      auto peer = greeted_from(from, std::uint16_t(port));
      QVERIFY(peer);
      QVERIFY(peer->send_bytes(announced));
      silent.push_back(std::move(*peer));
    }
  }
  QTest::qWait(500);
  const std::uint64_t after_silent = status_bytes(pid, "VmRSS");
  QVERIFY2(after_silent < 100 * kMiB, qPrintable(QString::number(after_silent / kMiB)));

  // Four offers of a million entries at once, each from its own address.
  const std::vector<std::byte> offer = million_entry_offer();
  std::vector<std::optional<RawPeer>> eaters;
  for (const char* from : {"127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8"})
    eaters.push_back(greeted_from(from, std::uint16_t(port)));
  for (const auto& eater : eaters) QVERIFY(eater);
  std::vector<std::thread> senders;
  // A receiver that declines mid-offer stops reading: that write fails, the DECLINE is still there to read.
  for (auto& eater : eaters) senders.emplace_back([&] { (void)eater->send_bytes(offer); });
  for (auto& t : senders) t.join();
  int accepted = 0, busy = 0;
  for (auto& eater : eaters) {
    const auto answer = eater->read(std::chrono::seconds(60));
    QCOMPARE(int(answer.status), int(RawPeer::Status::Frame));
    if (std::holds_alternative<protocol::Accept>(answer.message)) {
      ++accepted;
    } else if (const auto* decline = std::get_if<protocol::Decline>(&answer.message)) {
      QCOMPARE(int(decline->reason), int(protocol::DeclineReason::Busy));
      QVERIFY2(decline->message.find("too many large offers") != std::string::npos, decline->message.c_str());
      ++busy;
    }
  }
  const std::uint64_t peak = status_bytes(pid, "VmHWM");
  qInfo("silent: %llu MiB, peak: %llu MiB, accepted %d, busy %d", (unsigned long long)(after_silent / kMiB),
        (unsigned long long)(peak / kMiB), accepted, busy);
  QCOMPARE(accepted + busy, 4);
  QVERIFY(accepted >= 1);
  QVERIFY(busy >= 1);  // four need more than the cap of 192 MiB
  QVERIFY2(peak <= 300 * kMiB, qPrintable(QStringLiteral("peak RSS %1 MiB").arg(peak / kMiB)));

  // Every session ends; the memory goes back.
  silent.clear();
  eaters.clear();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::uint64_t idle = status_bytes(pid, "VmRSS");
  while (idle > 40 * kMiB && std::chrono::steady_clock::now() < deadline) {
    QTest::qWait(200);
    idle = status_bytes(pid, "VmRSS");
  }
  qInfo("idle: %llu MiB", (unsigned long long)(idle / kMiB));
  QVERIFY2(idle <= 40 * kMiB, qPrintable(QStringLiteral("idle RSS %1 MiB").arg(idle / kMiB)));
  receiver.kill();
  receiver.waitForFinished();
}

QTEST_GUILESS_MAIN(TestOfferMemory)
#include "test_offer_memory.moc"
