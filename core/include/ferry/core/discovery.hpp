// SPDX-License-Identifier: Apache-2.0
#pragma once
// Discovery: finds Ferry devices on the local links by UDP multicast and
// tells them about this one (docs/discovery.md). Where multicast finds nobody
// for a few seconds, it sweeps the IPv4 /24 around each interface address by
// unicast, at most 256 datagrams per interface a minute. Like TransferEngine, a handle
// over a thread of its own: calls post onto that thread and return at once;
// peers arrive as events. Nothing here throws and no Asio type leaks out.
//
// Events: queued on the discovery thread, which calls the notify hook when the
// queue turns non-empty; the consumer then calls drain_events() from any
// thread. The hook must only wake the consumer.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace ferry {

inline constexpr std::chrono::milliseconds kDefaultAnnounceInterval = std::chrono::seconds(5);

struct DiscoverySettings {
  std::string device_name;  // clipped to 255 bytes of valid UTF-8
  std::string device_id;    // 64 hex digits: SHA-256 fingerprint of the device certificate
  // The TCP port this device receives on. 0: listen only; the device then
  // asks the others to announce themselves and is never listed by them.
  std::uint16_t receive_port = 0;
  std::chrono::milliseconds interval = kDefaultAnnounceInterval;  // clamped to 100 ms .. 1 h
  // Where the receiver listens: announce only where it can be reached.
  // "::" all interfaces, IPv4 and IPv6; "0.0.0.0" all, IPv4 only; a
  // specific address: the interface that carries it, its family only. A
  // loopback address (127.0.0.0/8) binds discovery there and sweeps the /24
  // around it by unicast: how tests run several devices on one computer.
  std::string bind_address = "::";
  // Devices the user pinned (fingerprints, 64 hex digits): listed whenever
  // heard, however many others announce themselves.
  std::vector<std::string> pinned_device_ids;
};

struct DiscoveredPeer {
  std::string device_id;  // 64 lowercase hex digits
  std::string device_name;
  std::string os;  // "linux", "windows" or "other"
  std::uint16_t protocol_version = 0;
  std::uint16_t port = 0;  // TCP receive port
  // The addresses it was heard from, as parse_endpoint takes hosts: IPv4
  // first ("192.168.1.7"), then IPv6 with the scope of link-local ones
  // ("fe80::1%eth0"; on Windows "fe80::1%12"). Never empty.
  std::vector<std::string> hosts;
  bool operator==(const DiscoveredPeer&) const = default;
};

struct PeerFound {
  DiscoveredPeer peer;
};

// Its name, port, version or addresses changed.
struct PeerUpdated {
  DiscoveredPeer peer;
};

// Silent for three of its announce intervals (at most a minute each) plus a
// second, or it said goodbye, or dropped for a newcomer from a full table.
struct PeerExpired {
  DiscoveredPeer peer;  // as last known
  bool left = false;    // it said goodbye
};

// E.g. the discovery port cannot be opened. Discovery goes on where it can.
struct DiscoveryError {
  std::string message;
};

using DiscoveryEvent = std::variant<PeerFound, PeerUpdated, PeerExpired, DiscoveryError>;

class Discovery {
 public:
  using NotifyHook = std::function<void()>;

  // Starts listening and announcing at once.
  Discovery(DiscoverySettings settings, NotifyHook notify);
  ~Discovery();  // says goodbye when it announced, then joins its thread
  Discovery(const Discovery&) = delete;
  Discovery& operator=(const Discovery&) = delete;

  // A new name, port or interval, announced at once. The device id and bind
  // address stay those given to the constructor. Port 0 says goodbye.
  void apply_settings(DiscoverySettings settings);

  std::vector<DiscoveryEvent> drain_events();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ferry
