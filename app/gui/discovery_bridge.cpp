// SPDX-License-Identifier: Apache-2.0
#include "discovery_bridge.hpp"

#include <type_traits>
#include <utility>

#include <spdlog/spdlog.h>

namespace ferry::gui {

DiscoveryBridge::DiscoveryBridge(const std::string& device_id, QObject* parent) : QObject(parent) {
  settings_.device_id = device_id;
}

DiscoveryBridge::~DiscoveryBridge() {
  discovery_.reset();  // joins the discovery thread while this object is whole
}

void DiscoveryBridge::set_device_name(const QString& name) {
  settings_.device_name = name.toStdString();
  update();
}

void DiscoveryBridge::set_receive_port(quint16 port) {
  settings_.receive_port = port;
  update();
}

void DiscoveryBridge::set_pinned(const std::vector<KnownPeer>& pinned) {
  settings_.pinned_device_ids.clear();
  for (const KnownPeer& peer : pinned) settings_.pinned_device_ids.push_back(peer.fingerprint);
  update();
}

void DiscoveryBridge::set_enabled(bool enabled) {
  enabled_ = enabled;
  update();
}

void DiscoveryBridge::update() {
  if (!enabled_ || settings_.receive_port == 0) return stop();
  if (discovery_) return discovery_->apply_settings(settings_);
  discovery_ = std::make_unique<Discovery>(settings_, [this] {
    // Discovery thread: wake the GUI thread once, however many events queue up.
    if (!drain_queued_.exchange(true)) QMetaObject::invokeMethod(this, &DiscoveryBridge::drain, Qt::QueuedConnection);
  });
}

void DiscoveryBridge::stop() {
  discovery_.reset();
  // Without discovery nothing tells whether they are still there.
  for (const DiscoveredPeer& peer : std::exchange(seen_, {})) emit peer_gone(peer);
}

void DiscoveryBridge::drain() {
  drain_queued_ = false;
  if (!discovery_) return;
  for (const DiscoveryEvent& event : discovery_->drain_events()) {
    std::visit(
        [this](const auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, PeerFound> || std::is_same_v<T, PeerUpdated>) {
            seen_.insert(QString::fromStdString(e.peer.device_id), e.peer);
            emit peer_seen(e.peer);
          } else if constexpr (std::is_same_v<T, PeerExpired>) {
            seen_.remove(QString::fromStdString(e.peer.device_id));
            emit peer_gone(e.peer);
          } else if constexpr (std::is_same_v<T, DiscoveryError>) {
            spdlog::error("{}", e.message);
          }
        },
        event);
  }
}

}  // namespace ferry::gui
