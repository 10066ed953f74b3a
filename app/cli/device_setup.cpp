// SPDX-License-Identifier: Apache-2.0
#include "device_setup.hpp"

#include <boost/asio/ip/host_name.hpp>
#include <fmt/core.h>
#include <stdexcept>

#include "console_output.hpp"

namespace ferry::cli {

Device load_device(const std::optional<std::filesystem::path>& config_dir) {
  Device device;
  device.config_dir = config_dir ? *config_dir : default_config_dir();
  boost::system::error_code ec;
  device.name = boost::asio::ip::host_name(ec);
  if (ec || device.name.empty()) device.name = "ferry";
  auto identity = load_or_create_identity(device.config_dir, device.name);
  if (!identity) throw std::runtime_error("device identity: " + identity.error().describe());
  device.identity = std::make_shared<const Identity>(std::move(identity.value()));
  auto known = load_known_peers(device.config_dir);
  if (!known) throw std::runtime_error("known peers: " + known.error().describe());
  device.known_peers = std::move(known.value());
  return device;
}

void save_known_peers_or_throw(const Device& device) {
  if (auto saved = save_known_peers(device.config_dir, device.known_peers); !saved)
    throw std::runtime_error("known peers: " + saved.error().describe());
}

std::string describe_identity(const Device& device) {
  return fmt::format("{}  {}  {}", printable(device.name), verification_code(device.identity->fingerprint),
                     device.identity->fingerprint);
}

}  // namespace ferry::cli
