// SPDX-License-Identifier: Apache-2.0
// Discovery's peer table with the clock in the test's hands: peers found,
// updated and expired address by address; goodbyes; probes and newcomers
// answered, our own datagrams ignored; and bounds a flood cannot pass.
#include <QtTest>
#include <string>
#include <variant>

#include "discovery/peer_table.hpp"

using namespace ferry;
using namespace ferry::discovery;
using protocol::Announcement;
using protocol::AnnouncementKind;
using Clock = PeerTable::Clock;
using namespace std::chrono_literals;

namespace {

protocol::DeviceId id_of(int n) {
  protocol::DeviceId id{};
  id[0] = static_cast<std::uint8_t>(n >> 8);
  id[1] = static_cast<std::uint8_t>(n);
  return id;
}

Announcement announce(int device, std::string name = "peer", std::chrono::milliseconds interval = 1s) {
  return Announcement{
      AnnouncementKind::Announce, 2, 53740, interval, OperatingSystem::Linux, id_of(device), std::move(name)};
}

Announcement of_kind(AnnouncementKind kind, int device) {
  Announcement announcement = announce(device);
  announcement.kind = kind;
  announcement.port = 0;
  return announcement;
}

template <class T>
const T* as(const std::optional<DiscoveryEvent>& event) {
  return event ? std::get_if<T>(&*event) : nullptr;
}

}  // namespace

class TestPeerTable : public QObject {
  Q_OBJECT

 private slots:
  void finds_updates_and_expires_a_peer();
  void addresses_expire_one_by_one();
  void expiry_follows_the_peers_own_interval();
  void a_goodbye_forgets_at_once();
  void answers_newcomers_and_probes_but_not_itself();
  void a_flood_stays_bounded();
  void a_burst_of_made_up_devices_cannot_eclipse_a_real_one();
  void a_pinned_device_is_always_listed();
};

void TestPeerTable::finds_updates_and_expires_a_peer() {
  PeerTable table(id_of(0));
  const auto start = Clock::now();
  auto heard = table.hear(announce(1, "alpha"), "198.18.0.1", start);
  const auto* found = as<PeerFound>(heard.event);
  QVERIFY(found);
  QCOMPARE(found->peer.device_name, std::string("alpha"));
  QCOMPARE(found->peer.hosts, std::vector<std::string>{"198.18.0.1"});
  QCOMPARE(found->peer.device_id.size(), std::size_t{64});

  QVERIFY(!table.hear(announce(1, "alpha"), "198.18.0.1", start + 500ms).event);  // nothing new
  heard = table.hear(announce(1, "beta"), "198.18.0.1", start + 600ms);
  QVERIFY(as<PeerUpdated>(heard.event));
  QCOMPARE(as<PeerUpdated>(heard.event)->peer.device_name, std::string("beta"));

  // Three intervals plus a second after it was last heard.
  QCOMPARE(table.next_expiry(), std::optional(start + 600ms + 4s));
  QVERIFY(table.expire(start + 600ms + 4s - 1ms).empty());
  const auto events = table.expire(start + 600ms + 4s);
  QCOMPARE(events.size(), std::size_t{1});
  QVERIFY(std::holds_alternative<PeerExpired>(events.front()));
  QVERIFY(!std::get<PeerExpired>(events.front()).left);
  QVERIFY(!table.next_expiry());
}

void TestPeerTable::addresses_expire_one_by_one() {
  PeerTable table(id_of(0));
  const auto start = Clock::now();
  QVERIFY(as<PeerFound>(table.hear(announce(1), "fe80::1%eth0", start).event));
  const auto heard = table.hear(announce(1), "198.18.0.1", start + 2s);
  QCOMPARE(as<PeerUpdated>(heard.event)->peer.hosts,
           (std::vector<std::string>{"198.18.0.1", "fe80::1%eth0"}));  // IPv4 first
  const auto events = table.expire(start + 4s);
  QCOMPARE(events.size(), std::size_t{1});
  QCOMPARE(std::get<PeerUpdated>(events.front()).peer.hosts, std::vector<std::string>{"198.18.0.1"});
}

void TestPeerTable::expiry_follows_the_peers_own_interval() {
  PeerTable table(id_of(0));
  const auto start = Clock::now();
  table.hear(announce(1, "slow", 10s), "198.18.0.1", start);
  QCOMPARE(table.next_expiry(), std::optional(start + 31s));
}

void TestPeerTable::a_goodbye_forgets_at_once() {
  PeerTable table(id_of(0));
  const auto start = Clock::now();
  QVERIFY(!table.hear(of_kind(AnnouncementKind::Leave, 1), "198.18.0.1", start).event);  // unknown: nothing
  table.hear(announce(1), "198.18.0.1", start);
  const auto heard = table.hear(of_kind(AnnouncementKind::Leave, 1), "198.18.0.1", start + 1s);
  QVERIFY(as<PeerExpired>(heard.event));
  QVERIFY(as<PeerExpired>(heard.event)->left);
  QVERIFY(!table.next_expiry());
}

void TestPeerTable::answers_newcomers_and_probes_but_not_itself() {
  PeerTable table(id_of(0));
  const auto now = Clock::now();
  QVERIFY(table.hear(announce(1), "198.18.0.1", now).answer);
  QVERIFY(!table.hear(announce(1), "198.18.0.1", now).answer);
  const auto probe = table.hear(of_kind(AnnouncementKind::Probe, 2), "198.18.0.2", now);
  QVERIFY(probe.answer);
  QVERIFY(!probe.event);  // a probe is nobody to list
  const auto own = table.hear(announce(0), "198.18.0.9", now);
  QVERIFY(!own.answer);
  QVERIFY(!own.event);
}

void TestPeerTable::a_flood_stays_bounded() {
  PeerTable table(id_of(0));
  const auto now = Clock::now();
  int found = 0;
  for (int device = 1; device <= 1000; ++device)
    if (as<PeerFound>(table.hear(announce(device), "198.18.0.1", now).event)) ++found;
  QCOMPARE(found, static_cast<int>(kMaxPeers));

  PeerTable addresses(id_of(0));
  std::size_t hosts = 0;
  for (int n = 1; n <= 100; ++n) {
    const auto heard = addresses.hear(announce(1), "198.18.1." + std::to_string(n), now);
    if (const auto* updated = as<PeerUpdated>(heard.event)) hosts = updated->peer.hosts.size();
  }
  QCOMPARE(hosts, kMaxHostsPerPeer);
}

// Issue 19: 256 made-up devices announcing an interval of an hour used to
// fill the table for three hours, and a real receiver started afterwards
// was never listed.
void TestPeerTable::a_burst_of_made_up_devices_cannot_eclipse_a_real_one() {
  PeerTable table(id_of(0));
  const auto start = Clock::now();
  for (int device = 1; device <= static_cast<int>(kMaxPeers); ++device)
    QVERIFY(as<PeerFound>(table.hear(announce(device, "fake", 1h), "198.18.0.1", start).event));
  // The made-up ones were heard just now: no churn while they are fresh.
  const int real = 5000;
  QVERIFY(!table.hear(announce(real, "real", 5s), "198.18.0.2", start + 5s).event);
  // Once they have been silent a while, the real one takes the stalest place.
  const auto heard = table.hear(announce(real, "real", 5s), "198.18.0.2", start + kEvictableSilence);
  const auto* found = as<PeerFound>(heard.event);
  QVERIFY(found);
  QCOMPARE(found->peer.device_name, std::string("real"));
  QVERIFY(heard.evicted);
  QCOMPARE(heard.evicted->peer.device_name, std::string("fake"));
  // An interval of an hour holds a place for at most three minutes and a second.
  const auto deadline = start + kSilentIntervals * kMaxExpiryInterval + kExpiryMargin;
  QVERIFY(!table.hear(announce(real, "real", 5s), "198.18.0.2", deadline - 1s).event);
  const auto events = table.expire(deadline);
  QCOMPARE(events.size(), kMaxPeers - 1);
  for (const auto& event : events) QCOMPARE(std::get<PeerExpired>(event).peer.device_name, std::string("fake"));
}

void TestPeerTable::a_pinned_device_is_always_listed() {
  PeerTable table(id_of(0));
  const int pinned = 7000;
  table.set_pinned({id_of(pinned)});
  const auto now = Clock::now();
  for (int device = 1; device <= static_cast<int>(kMaxPeers); ++device)
    QVERIFY(as<PeerFound>(table.hear(announce(device, "fake"), "198.18.0.1", now).event));
  // Full of fresh peers, and still the pinned device is found, evicting nobody.
  const auto heard = table.hear(announce(pinned, "mine"), "198.18.0.3", now);
  QVERIFY(as<PeerFound>(heard.event));
  QVERIFY(!heard.evicted);
  // A newcomer never takes its place, however stale it is.
  const auto later = now + 2 * kEvictableSilence;
  for (int device = 1; device <= static_cast<int>(kMaxPeers); ++device)
    table.hear(announce(device, "fake"), "198.18.0.1", later);
  const auto newcomer = table.hear(announce(9000, "new"), "198.18.0.4", later + kEvictableSilence);
  QVERIFY(newcomer.evicted);
  QCOMPARE(newcomer.evicted->peer.device_name, std::string("fake"));
}

QTEST_APPLESS_MAIN(TestPeerTable)
#include "test_peer_table.moc"
