// SPDX-License-Identifier: Apache-2.0
#include "identity_commands.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "console_output.hpp"
#include "device_setup.hpp"
#include "logging.hpp"

namespace ferry::cli {

int run_identity(const IdentityOptions& options) {
  set_up_logging(false);
  const Device device = load_device(options.config_dir);
  print_line(describe_identity(device));
  return 0;
}

int run_trust(const TrustOptions& options) {
  set_up_logging(false);
  Device device = load_device(options.config_dir);
  if (options.fingerprint.empty()) {
    if (device.known_peers.empty())
      print_notice(
          "no pinned peers. Pin one with 'ferry-cli trust FINGERPRINT --name NAME'; "
          "'ferry-cli identity' on the other device prints its fingerprint.");
    for (const auto& peer : device.known_peers)
      print_line(fmt::format("{}  {}  {}{}{}", printable(peer.name), verification_code(peer.fingerprint),
                             peer.fingerprint, peer.auto_accept ? "  auto-accept" : "",
                             peer.fast_mode ? "  fast-mode" : ""));
    return 0;
  }
  if (options.remove) {
    std::erase_if(device.known_peers, [&](const KnownPeer& p) { return p.fingerprint == options.fingerprint; });
  } else {
    pin_peer(device.known_peers, {options.fingerprint, options.name, options.auto_accept, options.fast_mode});
  }
  save_known_peers_or_throw(device);
  print_line(fmt::format("{} {} ({})", options.remove ? "Unpinned" : "Pinned", verification_code(options.fingerprint),
                         options.fingerprint));
  return 0;
}

}  // namespace ferry::cli
