// SPDX-License-Identifier: Apache-2.0
#pragma once
// What every ferry-cli command that talks to peers needs: this device's name,
// identity and pinned peers, from the configuration folder.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ferry/core/identity.hpp"
#include "ferry/core/trust.hpp"

namespace ferry::cli {

struct Device {
  std::filesystem::path config_dir;
  std::string name;
  std::shared_ptr<const Identity> identity;
  std::vector<KnownPeer> known_peers;
};

// `config_dir`: --config-dir, else $FERRY_CONFIG_DIR, else the user's folder.
// Creates the identity at first use. Throws std::runtime_error naming the file.
Device load_device(const std::optional<std::filesystem::path>& config_dir);

void save_known_peers_or_throw(const Device& device);

// "NAME  CODE  FINGERPRINT" for people.
std::string describe_identity(const Device& device);

}  // namespace ferry::cli
