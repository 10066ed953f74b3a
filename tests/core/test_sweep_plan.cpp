// SPDX-License-Identifier: Apache-2.0
// The unicast sweep's plan with the clock in the test's hands: the hosts of
// the /24 around an interface address without its network, broadcast and own
// address; at most 256 datagrams per interface in any minute, in batches;
// interfaces paced apart; and the contacts that unicast keeps listed.
#include <QtTest>
#include <algorithm>
#include <set>

#include "discovery/sweep_plan.hpp"
#include "discovery/unicast_contacts.hpp"

using namespace ferry;
using namespace ferry::discovery;
using Clock = SweepPlanner::Clock;
using platform::Ipv4Address;
using namespace std::chrono_literals;

namespace {

std::size_t drain(SweepPlanner& planner, Clock::time_point now, std::vector<Ipv4Address>* taken = nullptr) {
  std::size_t count = 0;
  for (auto batch = planner.take(now); !batch.empty(); batch = planner.take(now)) {
    count += batch.size();
    if (taken) taken->insert(taken->end(), batch.begin(), batch.end());
  }
  return count;
}

protocol::Announcement announcement(protocol::AnnouncementKind kind, std::chrono::milliseconds interval) {
  protocol::Announcement result;
  result.kind = kind;
  result.interval = interval;
  return result;
}

}  // namespace

class TestSweepPlan : public QObject {
  Q_OBJECT

 private slots:
  void targets_are_the_slash24_but_network_broadcast_and_own() {
    const auto targets = sweep_targets({192, 168, 1, 7});
    QCOMPARE(targets.size(), std::size_t{253});
    const std::set<Ipv4Address> unique(targets.begin(), targets.end());
    QCOMPARE(unique.size(), targets.size());
    QVERIFY(!unique.contains({192, 168, 1, 0}));
    QVERIFY(!unique.contains({192, 168, 1, 255}));
    QVERIFY(!unique.contains({192, 168, 1, 7}));
    QVERIFY(unique.contains({192, 168, 1, 1}));
    QVERIFY(unique.contains({192, 168, 1, 254}));
    QVERIFY(std::ranges::all_of(targets, [](const Ipv4Address& a) { return a[0] == 192 && a[1] == 168 && a[2] == 1; }));
  }

  void same_slash24_compares_the_first_three_bytes() {
    QVERIFY(same_slash24({10, 0, 3, 200}, {10, 0, 3, 1}));
    QVERIFY(!same_slash24({10, 0, 4, 1}, {10, 0, 3, 1}));
    QVERIFY(!same_slash24({11, 0, 3, 1}, {10, 0, 3, 1}));
  }

  void pacer_allows_256_per_sliding_minute() {
    SweepPacer pacer;
    const auto start = Clock::now();
    QCOMPARE(pacer.allowance(start), std::size_t{256});
    pacer.sent(200, start);
    pacer.sent(56, start + 10s);
    QCOMPARE(pacer.allowance(start + 30s), std::size_t{0});
    QVERIFY(pacer.next_allowed(start + 30s) == start + 60s);
    QCOMPARE(pacer.allowance(start + 60s), std::size_t{200});
    QCOMPARE(pacer.allowance(start + 70s), std::size_t{256});
  }

  void a_sweep_goes_out_in_batches_within_the_budget() {
    SweepPlanner planner;
    QVERIFY(!planner.active());
    QVERIFY(!planner.next_send(Clock::now()));
    planner.start({{"eth0", {192, 168, 1, 7}}});
    QVERIFY(planner.active());
    const auto start = Clock::now();
    std::vector<Ipv4Address> taken;
    auto batch = planner.take(start);
    QCOMPARE(batch.size(), kSweepBatch);
    taken = batch;
    QCOMPARE(drain(planner, start + 1s, &taken), std::size_t{253} - kSweepBatch);
    QVERIFY(!planner.active());
    std::ranges::sort(taken);
    QVERIFY(taken == sweep_targets({192, 168, 1, 7}));
  }

  void a_second_sweep_within_the_minute_waits_for_the_budget() {
    SweepPlanner planner;
    const auto start = Clock::now();
    planner.start({{"eth0", {192, 168, 1, 7}}});
    QCOMPARE(drain(planner, start), std::size_t{253});
    planner.start({{"eth0", {192, 168, 1, 7}}});
    QCOMPARE(drain(planner, start + 1s), std::size_t{3});  // 256 in the minute
    QVERIFY(planner.active());
    QVERIFY(planner.next_send(start + 1s) == start + 60s);
    QCOMPARE(drain(planner, start + 59s), std::size_t{0});
    QCOMPARE(drain(planner, start + 60s), std::size_t{250});
    QVERIFY(!planner.active());
  }

  void two_addresses_of_one_interface_share_its_budget() {
    SweepPlanner planner;
    const auto start = Clock::now();
    planner.start({{"eth0", {192, 168, 1, 7}}, {"eth0", {10, 0, 0, 2}}});
    QCOMPARE(drain(planner, start), std::size_t{256});
    QCOMPARE(drain(planner, start + 60s), std::size_t{250});
    QVERIFY(!planner.active());
  }

  void interfaces_are_paced_apart() {
    SweepPlanner planner;
    const auto start = Clock::now();
    planner.start({{"eth0", {192, 168, 1, 7}}, {"wlan0", {192, 168, 2, 9}}});
    QCOMPARE(planner.take(start).size(), 2 * kSweepBatch);
    QCOMPARE(drain(planner, start), std::size_t{2 * 253} - 2 * kSweepBatch);
  }

  void a_sweep_under_way_is_not_queued_twice() {
    SweepPlanner planner;
    const auto start = Clock::now();
    planner.start({{"eth0", {192, 168, 1, 7}}});
    QCOMPARE(planner.take(start).size(), kSweepBatch);
    planner.start({{"eth0", {192, 168, 1, 7}}});
    // The rest, and again those sent already, each once: 253 within the budget.
    QCOMPARE(drain(planner, start), std::size_t{256} - kSweepBatch);
    QCOMPARE(drain(planner, start + 60s), std::size_t{253} - (256 - kSweepBatch));
    QVERIFY(!planner.active());
  }

  void contacts_last_as_a_peer_would_and_leave_forgets() {
    UnicastContacts contacts;
    const auto start = Clock::now();
    const Contact a{{192, 168, 1, 2}, 40000};
    const Contact b{{192, 168, 1, 3}, 40001};
    QVERIFY(contacts.heard(a, announcement(protocol::AnnouncementKind::Announce, 1s), start));
    QVERIFY(!contacts.heard(a, announcement(protocol::AnnouncementKind::Announce, 1s), start));
    QVERIFY(contacts.heard(b, announcement(protocol::AnnouncementKind::Probe, 5s), start));
    QCOMPARE(contacts.current(start + 3900ms).size(), std::size_t{2});
    QVERIFY(contacts.current(start + 4s) == std::vector<Contact>{b});  // three intervals and a second
    contacts.heard(b, announcement(protocol::AnnouncementKind::Leave, 5s), start + 5s);
    QVERIFY(contacts.current(start + 5s).empty());
  }

  void contacts_are_bounded_and_the_oldest_makes_room() {
    UnicastContacts contacts;
    const auto start = Clock::now();
    for (std::size_t n = 0; n < kMaxContacts; ++n) {
      const Contact contact{{10, 0, static_cast<std::uint8_t>(n / 200), static_cast<std::uint8_t>(n % 200)}, 1};
      contacts.heard(contact, announcement(protocol::AnnouncementKind::Announce, 60s),
                     start + std::chrono::milliseconds(n));
    }
    const Contact newcomer{{10, 0, 9, 9}, 2};
    QVERIFY(contacts.heard(newcomer, announcement(protocol::AnnouncementKind::Announce, 60s), start + 1s));
    const auto current = contacts.current(start + 1s);
    QCOMPARE(current.size(), kMaxContacts);
    QVERIFY(std::ranges::find(current, newcomer) != current.end());
    QVERIFY(std::ranges::find(current, Contact{{10, 0, 0, 0}, 1}) == current.end());  // heard first
    QVERIFY(std::ranges::find(current, Contact{{10, 0, 0, 1}, 1}) != current.end());
  }
};

QTEST_APPLESS_MAIN(TestSweepPlan)
#include "test_sweep_plan.moc"
