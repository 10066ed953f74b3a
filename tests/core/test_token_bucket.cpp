// SPDX-License-Identifier: Apache-2.0
// The upload limit's token bucket on a clock the test moves: the rate it
// lets through, how large a burst gets, a limit changed midway, writers
// sharing one bucket, and two limits together. A writer reserves what it
// may write, moves the clock by the wait it is told, and writes.
#include <QtTest>

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>

#include "engine/token_bucket.hpp"

using namespace ferry;
using namespace std::chrono_literals;
using TimePoint = std::chrono::steady_clock::time_point;

namespace {

struct ManualClock {
  TimePoint now{std::chrono::hours(1)};
  TokenBucket::Clock clock() {
    return [this] { return now; };
  }
};

// Writes up to `wanted` bytes at a time, as soon as allowed, for `duration`
// of the clock; returns the bytes written in that time.
std::uint64_t write_greedily(TokenBucket& bucket, ManualClock& time, std::chrono::nanoseconds duration,
                             std::uint64_t wanted = 1 << 20) {
  const TimePoint end = time.now + duration;
  std::uint64_t written = 0;
  for (int step = 0; step < 1'000'000; ++step) {
    const std::uint64_t bytes = std::min(bucket.max_write(), wanted);
    time.now += bucket.reserve(bytes);
    if (time.now > end) break;
    written += bytes;
  }
  return written;
}

QByteArray compared(std::uint64_t written, std::uint64_t expected) {
  return QStringLiteral("%1 bytes written, %2 expected").arg(written).arg(expected).toUtf8();
}

}  // namespace

class TestTokenBucket : public QObject {
  Q_OBJECT

 private slots:
  void unlimited_never_waits() {
    ManualClock time;
    TokenBucket bucket(0, time.clock());
    QCOMPARE(bucket.max_write(), std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(bucket.reserve(1ull << 40), 0ns);
    QCOMPARE(bucket.reserve(1ull << 40), 0ns);
  }

  void lets_the_rate_through_data() {
    QTest::addColumn<quint64>("rate");
    QTest::addColumn<quint64>("write");
    QTest::newRow("4 MiB/s, writes of 16 MiB") << quint64(4 << 20) << quint64(16 << 20);
    QTest::newRow("20 MiB/s, writes of 64 KiB") << quint64(20 << 20) << quint64(64 << 10);
    QTest::newRow("1 GiB/s, writes of 16 MiB") << quint64(1 << 30) << quint64(16 << 20);
    QTest::newRow("10 KB/s (the smallest burst)") << quint64(10'000) << quint64(1 << 20);
  }

  void lets_the_rate_through() {
    QFETCH(quint64, rate);
    QFETCH(quint64, write);
    ManualClock time;
    TokenBucket bucket(rate, time.clock());
    const std::uint64_t written = write_greedily(bucket, time, 10s, write);
    const std::uint64_t expected = rate * 10;
    QVERIFY2(written <= expected + bucket.max_write(), compared(written, expected));
    QVERIFY2(written + bucket.max_write() >= expected, compared(written, expected));
  }

  void a_burst_is_fifty_milliseconds_of_the_rate() {
    ManualClock time;
    constexpr std::uint64_t kRate = 8 << 20;
    TokenBucket bucket(kRate, time.clock());
    QCOMPARE(bucket.max_write(), kRate / 20);
    time.now += 1h;  // a long idle time saves no more than one burst
    QCOMPARE(bucket.reserve(kRate / 20), 0ns);
    const auto wait = bucket.reserve(kRate / 20);
    QVERIFY(wait > 49ms && wait <= 50ms);
    // Half a burst later, half a burst more.
    time.now += 75ms;
    QVERIFY(bucket.reserve(kRate / 40) <= 1ms);
  }

  void low_rates_write_a_few_kilobytes_at_a_time() {
    ManualClock time;
    TokenBucket slow(100, time.clock());
    QCOMPARE(slow.rate(), TokenBucket::kMinRate);
    QCOMPARE(slow.max_write(), TokenBucket::kMinBurst);
    QCOMPARE(slow.reserve(TokenBucket::kMinBurst), 0ns);
    QCOMPARE(slow.reserve(TokenBucket::kMinBurst), std::chrono::nanoseconds(4s));
  }

  void a_limit_changed_midway_holds_from_then_on_data() {
    QTest::addColumn<quint64>("before");
    QTest::addColumn<quint64>("after");
    QTest::newRow("lowered") << quint64(64 << 20) << quint64(1 << 20);
    QTest::newRow("raised") << quint64(1 << 20) << quint64(64 << 20);
    QTest::newRow("from unlimited") << quint64(0) << quint64(2 << 20);
  }

  void a_limit_changed_midway_holds_from_then_on() {
    QFETCH(quint64, before);
    QFETCH(quint64, after);
    ManualClock time;
    TokenBucket bucket(before, time.clock());
    write_greedily(bucket, time, 3s);
    bucket.set_rate(after);
    QCOMPARE(bucket.rate(), after);
    const std::uint64_t written = write_greedily(bucket, time, 4s);
    const std::uint64_t expected = after * 4;
    // Besides the burst a writer may start with, a burst the old rate saved or owed.
    QVERIFY2(written <= expected + 2 * bucket.max_write(), compared(written, expected));
    QVERIFY2(written + 2 * bucket.max_write() >= expected, compared(written, expected));
  }

  void a_lifted_limit_stops_waiting() {
    ManualClock time;
    TokenBucket bucket(1 << 20, time.clock());
    write_greedily(bucket, time, 1s);
    QVERIFY(bucket.reserve(bucket.max_write()) > 0ns);
    bucket.set_rate(0);
    QCOMPARE(bucket.max_write(), std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(bucket.reserve(1ull << 30), 0ns);
  }

  void writers_sharing_a_bucket_take_turns() {
    ManualClock time;
    constexpr std::uint64_t kRate = 2 << 20;
    TokenBucket shared(kRate, time.clock());
    // Each writer writes when its wait is over, then reserves its next write;
    // the one due first goes first.
    std::array<TimePoint, 3> due{time.now, time.now, time.now};
    std::array<std::uint64_t, 3> written{};
    const TimePoint end = time.now + 6s;
    for (int step = 0; step < 100'000; ++step) {
      const auto next = static_cast<std::size_t>(std::min_element(due.begin(), due.end()) - due.begin());
      time.now = due[next];
      const std::uint64_t bytes = shared.max_write();
      due[next] = time.now + shared.reserve(bytes);
      if (due[next] > end) break;
      written[next] += bytes;
    }
    const std::uint64_t total = written[0] + written[1] + written[2];
    QVERIFY2(total <= kRate * 6 + shared.max_write(), compared(total, kRate * 6));
    for (const std::uint64_t each : written)
      QVERIFY2(each + 2 * shared.max_write() >= kRate * 2, compared(each, kRate * 2));
  }

  void two_limits_the_lower_wins_at_each_moment() {
    ManualClock time;
    TokenBucket own(1 << 20, time.clock());
    TokenBucket shared(4 << 20, time.clock());
    bool within_both = true;
    const auto write_for = [&](std::chrono::seconds duration) {
      const TimePoint end = time.now + duration;
      std::uint64_t written = 0;
      for (int step = 0; step < 100'000; ++step) {
        const Grant grant = reserve_in_both(own, shared, 16 << 20);
        within_both = within_both && grant.bytes <= std::min(own.max_write(), shared.max_write());
        time.now += grant.wait;
        if (time.now > end) break;
        written += grant.bytes;
      }
      return written;
    };
    std::uint64_t written = write_for(5s);
    QVERIFY2(written <= 5 * (1 << 20) + own.max_write(), compared(written, 5 << 20));
    QVERIFY2(written + own.max_write() >= 5 * (1 << 20), compared(written, 5 << 20));
    // The shared limit lowered below the own one sets the pace from now on.
    shared.set_rate(256 << 10);
    written = write_for(4s);
    QVERIFY2(written <= (1 << 20) + 2 * shared.max_write(), compared(written, 1 << 20));
    QVERIFY2(written + 2 * shared.max_write() >= (1 << 20), compared(written, 1 << 20));
    QVERIFY(within_both);
  }
};

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "test_token_bucket.moc"
