// SPDX-License-Identifier: Apache-2.0
#include "peers_command.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "console_output.hpp"
#include "device_setup.hpp"
#include "discovery_output.hpp"
#include "engine_wakeup.hpp"
#include "logging.hpp"
#include "overloaded.hpp"
#include "stop_signal.hpp"

namespace ferry::cli {
namespace {

using Clock = std::chrono::steady_clock;

// A listener probes more often than receivers announce, so a lost datagram
// costs a second, not the whole listening time.
constexpr std::chrono::seconds kProbeInterval{1};

// The peers heard so far, by device id.
class PeerListing {
 public:
  explicit PeerListing(bool json) : json_(json) {}

  void show(const DiscoveryEvent& event) {
    if (json_) print_line(to_json(event));
    std::visit(Overloaded{
                   [this](const PeerFound& found) { peers_[found.peer.device_id] = found.peer; },
                   [this](const PeerUpdated& updated) { peers_[updated.peer.device_id] = updated.peer; },
                   [this](const PeerExpired& expired) { peers_.erase(expired.peer.device_id); },
                   [this](const DiscoveryError& error) {
                     if (!json_) print_error(error.message);
                   },
               },
               event);
  }

  // The peers still there, by name.
  void finish() const {
    std::vector<DiscoveredPeer> peers;
    for (const auto& [id, peer] : peers_) peers.push_back(peer);
    std::ranges::sort(peers, {}, [](const DiscoveredPeer& peer) { return std::tie(peer.device_name, peer.device_id); });
    for (const DiscoveredPeer& peer : peers) print_line(json_ ? peer_json(peer) : format_peer(peer));
    // On stderr, so that --json's stdout stays JSON lines only.
    if (peers.empty())
      print_notice(
          "no Ferry receivers found on this network. A receiver shows up while 'ferry-cli receive' "
          "or the Ferry app runs on it; or send to its address directly.");
    if (peers.empty())
      print_notice(
          "hint: Can't see your device? Check firewalls (TCP 53740, UDP 53741), Wi-Fi client isolation, VPNs "
          "and subnets: see the app's Help menu or 'Can't see your device?' in docs/discovery.md.");
  }

 private:
  bool json_;
  std::map<std::string, DiscoveredPeer> peers_;
};

}  // namespace

int run_peers(const PeersOptions& options) {
  set_up_logging(options.verbose);
  install_stop_handlers();
  // Its own identity, so that a receiver running on this computer is not listed.
  const Device device = load_device(options.config_dir);
  DiscoverySettings settings;
  settings.device_name = device.name;
  settings.device_id = device.identity->fingerprint;
  settings.receive_port = 0;  // listen only
  settings.interval = kProbeInterval;
  for (const KnownPeer& peer : device.known_peers) settings.pinned_device_ids.push_back(peer.fingerprint);
  EngineWakeup wakeup;
  PeerListing listing(options.json);
  {
    Discovery discovery(settings, [&wakeup] { wakeup.notify(); });
    const auto deadline = Clock::now() + options.timeout;
    while (stop_requests() == 0 && Clock::now() < deadline) {
      wakeup.wait(
          std::min(kEventLoopTick, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())));
      for (const DiscoveryEvent& event : discovery.drain_events()) listing.show(event);
    }
  }
  listing.finish();
  return 0;
}

}  // namespace ferry::cli
