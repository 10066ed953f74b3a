// SPDX-License-Identifier: Apache-2.0
#pragma once
// DiscoveryBridge: peer discovery's adapter to Qt, like EngineBridge for the
// engine. It owns the Discovery while discovery is on and the receive port is
// known; the notify hook (discovery thread) only queues one drain() onto the
// GUI thread, which turns each event into a typed signal. Errors go to the
// log. No Asio type appears here.
#include <QMap>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "ferry/core/discovery.hpp"
#include "ferry/core/trust.hpp"

Q_DECLARE_METATYPE(ferry::DiscoveredPeer)

namespace ferry::gui {

class DiscoveryBridge : public QObject {
  Q_OBJECT

 public:
  // `device_id`: this device's fingerprint (ThisDevice).
  explicit DiscoveryBridge(const std::string& device_id, QObject* parent = nullptr);
  ~DiscoveryBridge() override;  // says goodbye when it announced

  // Each applies at once: announcing starts once the port (the engine's real
  // one, from EngineBridge::listening) is known, while enabled.
  void set_device_name(const QString& name);
  void set_receive_port(quint16 port);
  void set_enabled(bool enabled);
  // Pinned devices are listed whenever heard, however many others announce.
  void set_pinned(const std::vector<KnownPeer>& pinned);

 signals:
  void peer_seen(const ferry::DiscoveredPeer& peer);  // found, or changed
  // Said goodbye, fell silent, or discovery stopped.
  void peer_gone(const ferry::DiscoveredPeer& peer);

 private:
  void update();
  void stop();
  void drain();

  DiscoverySettings settings_;
  QMap<QString, DiscoveredPeer> seen_;  // by device id, while discovery runs
  bool enabled_ = true;
  std::atomic<bool> drain_queued_{false};
  std::unique_ptr<Discovery> discovery_;  // last: its thread calls into the members above
};

}  // namespace ferry::gui
