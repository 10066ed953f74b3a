// SPDX-License-Identifier: Apache-2.0
// The process-wide limit of two TransmitFile calls in flight: a third sender
// waits, in order, until a call completes; a sender that went away while
// waiting passes its slot on instead of starting.
#include <QTest>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <vector>

#include "transmit_file_slots.hpp"

using ferry::platform::windows_impl::TransmitFileSlots;

class TestTransmitFileSlots : public QObject {
  Q_OBJECT

 private slots:
  void third_caller_waits_for_a_release();
  void caller_gone_while_waiting_passes_the_slot_on();
};

void TestTransmitFileSlots::third_caller_waits_for_a_release() {
  boost::asio::io_context context;
  auto& limiter = TransmitFileSlots::instance();
  const auto owner = std::make_shared<int>(0);
  std::vector<int> started;
  for (int caller = 0; caller < 4; ++caller)
    limiter.acquire(context.get_executor(), owner, [&started, caller] { started.push_back(caller); });
  context.poll();
  QCOMPARE(started, (std::vector<int>{0, 1}));
  limiter.release();
  context.restart();
  context.poll();
  QCOMPARE(started, (std::vector<int>{0, 1, 2}));
  limiter.release();
  context.restart();
  context.poll();
  QCOMPARE(started, (std::vector<int>{0, 1, 2, 3}));
  for (int i = 0; i < TransmitFileSlots::kSlots; ++i) limiter.release();
}

void TestTransmitFileSlots::caller_gone_while_waiting_passes_the_slot_on() {
  boost::asio::io_context context;
  auto& limiter = TransmitFileSlots::instance();
  const auto owner = std::make_shared<int>(0);
  auto gone = std::make_shared<int>(0);
  std::vector<int> started;
  limiter.acquire(context.get_executor(), owner, [&] { started.push_back(0); });
  limiter.acquire(context.get_executor(), owner, [&] { started.push_back(1); });
  limiter.acquire(context.get_executor(), gone, [&] { started.push_back(2); });
  limiter.acquire(context.get_executor(), owner, [&] { started.push_back(3); });
  gone.reset();
  context.poll();
  limiter.release();
  context.restart();
  context.poll();
  QCOMPARE(started, (std::vector<int>{0, 1, 3}));
  for (int i = 0; i < TransmitFileSlots::kSlots; ++i) limiter.release();
}

QTEST_GUILESS_MAIN(TestTransmitFileSlots)
#include "test_transmit_file_slots.moc"
