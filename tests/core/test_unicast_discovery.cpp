// SPDX-License-Identifier: Apache-2.0
// Discovery where multicast does not carry: devices bound to loopback
// addresses (127.0.0.2, .3, .4: loopback cannot multicast, so only the
// unicast sweep of 127.0.0.0/24 can bring them together) find each other
// with real sockets, stay listed past the expiry time because they keep
// sending to each other by unicast, and a device that stops says goodbye the
// same way. A listener (receive port 0) finds the receivers too and is not
// listed by them.
#include <QElapsedTimer>
#include <QtTest>
#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ferry/core/discovery.hpp"
#include "time_scale.hpp"

using namespace ferry;
using namespace std::chrono_literals;

namespace {

std::string id_of(char digit) { return std::string(64, digit); }

DiscoverySettings device(const std::string& address, char id, std::uint16_t receive_port) {
  DiscoverySettings settings;
  settings.device_name = "device " + address;
  settings.device_id = id_of(id);
  settings.receive_port = receive_port;
  settings.interval = 1s;  // expiry after 4 s without a datagram
  settings.bind_address = address;
  return settings;
}

// A Discovery and every event it gave, polled within bounded waits.
class Device {
 public:
  explicit Device(const DiscoverySettings& settings) : discovery_(settings, [] {}) {}

  // Polls until `found` holds for the events so far, or `seconds` pass.
  template <class Predicate>
  bool wait_until(Predicate found, double seconds) {
    QElapsedTimer clock;
    clock.start();
    const auto budget = static_cast<qint64>(seconds * 1000 * ferry::test::time_scale());
    while (true) {
      for (auto& event : discovery_.drain_events()) events_.push_back(std::move(event));
      if (found(events_)) return true;
      if (clock.elapsed() > budget) return false;
      QTest::qWait(50);
    }
  }

  const std::vector<DiscoveryEvent>& events() const { return events_; }

 private:
  Discovery discovery_;
  std::vector<DiscoveryEvent> events_;
};

auto found(char id, const std::string& host) {
  return [id, host](const std::vector<DiscoveryEvent>& events) {
    for (const auto& event : events) {
      const auto* peer = std::get_if<PeerFound>(&event);
      if (peer && peer->peer.device_id == id_of(id) && peer->peer.hosts == std::vector<std::string>{host}) return true;
    }
    return false;
  };
}

auto expired(char id) {
  return [id](const std::vector<DiscoveryEvent>& events) {
    for (const auto& event : events) {
      const auto* gone = std::get_if<PeerExpired>(&event);
      if (gone && gone->peer.device_id == id_of(id)) return true;
    }
    return false;
  };
}

auto left(char id) {
  return [id](const std::vector<DiscoveryEvent>& events) {
    for (const auto& event : events) {
      const auto* gone = std::get_if<PeerExpired>(&event);
      if (gone && gone->peer.device_id == id_of(id) && gone->left) return true;
    }
    return false;
  };
}

auto errors(const std::vector<DiscoveryEvent>& events) {
  QStringList messages;
  for (const auto& event : events) {
    if (const auto* error = std::get_if<DiscoveryError>(&event))
      messages.append(QString::fromStdString(error->message));
  }
  return messages;
}

}  // namespace

class TestUnicastDiscovery : public QObject {
  Q_OBJECT

 private slots:
  void receivers_find_each_other_by_the_sweep_and_stay_listed() {
    auto a = std::make_unique<Device>(device("127.0.0.2", 'a', 53740));
    auto b = std::make_unique<Device>(device("127.0.0.3", 'b', 53750));
    // Three quiet seconds, then the sweep (a second or so for a /24).
    QVERIFY2(a->wait_until(found('b', "127.0.0.3"), 15), qPrintable(errors(a->events()).join('\n')));
    QVERIFY2(b->wait_until(found('a', "127.0.0.2"), 15), qPrintable(errors(b->events()).join('\n')));
    QVERIFY(errors(a->events()).isEmpty());
    // Without unicast datagrams between them each would forget the other 4 s
    // after the sweep; they keep each other listed.
    QVERIFY(!a->wait_until(expired('b'), 8));
    QVERIFY(!expired('a')(b->events()));
    // Stopping says goodbye by unicast too.
    b.reset();
    QVERIFY(a->wait_until(left('b'), 3));
  }

  void a_listener_finds_receivers_and_is_not_listed() {
    Device receiver(device("127.0.0.3", 'c', 53740));
    Device listener(device("127.0.0.4", 'd', 0));
    QVERIFY2(listener.wait_until(found('c', "127.0.0.3"), 15), qPrintable(errors(listener.events()).join('\n')));
    QVERIFY(!listener.wait_until(expired('c'), 6));
    const auto listed = [](const std::vector<DiscoveryEvent>& events) {
      return std::ranges::any_of(events, [](const DiscoveryEvent& event) {
        const auto* peer = std::get_if<PeerFound>(&event);
        return peer && peer->peer.device_id == id_of('d');
      });
    };
    QVERIFY(!receiver.wait_until(listed, 0.5));
  }
};

QTEST_GUILESS_MAIN(TestUnicastDiscovery)
#include "test_unicast_discovery.moc"
