// SPDX-License-Identifier: Apache-2.0
// The event-loop lag monitor that ferry-bench reads: its histogram's
// figures, and a real io_context whose one blocking handler must show up as
// one late turn about as long as the block.
#include <QtTest>

#include <cstdlib>
#include <fstream>
#include <thread>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "engine/loop_lag_monitor.hpp"

using namespace ferry;
using namespace std::chrono_literals;

class TestLoopLag : public QObject {
  Q_OBJECT

 private slots:
  void histogram_reports_max_and_99th_percentile() {
    LagHistogram histogram;
    QCOMPARE(histogram.summary().turns, std::uint64_t{0});
    for (int i = 0; i < 990; ++i) histogram.add(5us);
    for (int i = 0; i < 10; ++i) histogram.add(std::chrono::microseconds(3000 + i));
    const LoopLag lag = histogram.summary();
    QCOMPARE(lag.turns, std::uint64_t{1000});
    QCOMPARE(lag.max_ms, 3.009);
    QCOMPARE(lag.p99_ms, 0.010);  // 990 of 1000 turns were within the first 10 µs step

    histogram.add(250ms);  // beyond the histogram's range: counted, and exact as the maximum
    QCOMPARE(histogram.summary().max_ms, 250.0);
  }

  void negative_lateness_counts_as_on_time() {
    LagHistogram histogram;
    histogram.add(-40us);
    QCOMPARE(histogram.summary().max_ms, 0.0);
  }

  void a_blocking_handler_is_one_late_turn() {
    QTemporaryDir dir;
    const QString report = dir.filePath("lag.txt");
    qputenv("FERRY_LOOP_LAG", report.toLocal8Bit());
    {
      boost::asio::io_context context;
      LoopLagMonitor monitor(context);
      boost::asio::steady_timer block(context, 30ms);
      block.async_wait([](boost::system::error_code) { std::this_thread::sleep_for(60ms); });
      // Long enough for a few hundred turns, so that the 99th percentile
      // leaves the one long turn out also where timers are coarse (Wine).
      boost::asio::steady_timer end(context, 1s);
      end.async_wait([&](boost::system::error_code) { monitor.stop(); });
      context.run_for(5s);  // returns when stop() left the loop without work
    }
    qunsetenv("FERRY_LOOP_LAG");

    std::ifstream in(report.toStdString());
    double max_ms = 0, p99_ms = 0;
    unsigned long turns = 0;
    std::string line;
    QVERIFY(std::getline(in, line));
    QCOMPARE(std::sscanf(line.c_str(), "max_ms=%lf p99_ms=%lf turns=%lu", &max_ms, &p99_ms, &turns), 3);
    QVERIFY2(max_ms >= 55.0, line.c_str());
    // The timer re-arms from when it ran: one block is one long turn, the rest stay short
    // enough that 99% of turns sit well below the block (a loaded machine adds some).
    QVERIFY2(p99_ms < 55.0, line.c_str());
    QVERIFY2(turns >= 200, line.c_str());
  }

  void off_without_the_variable() {
    qunsetenv("FERRY_LOOP_LAG");
    boost::asio::io_context context;
    LoopLagMonitor monitor(context);
    QCOMPARE(context.run_for(20ms), std::size_t{0});  // no timer was armed
    monitor.stop();
  }
};

QTEST_GUILESS_MAIN(TestLoopLag)
#include "test_loop_lag.moc"
