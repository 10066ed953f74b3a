// SPDX-License-Identifier: Apache-2.0
#pragma once
// This device as its peers know it, and the devices it trusts: both kept in
// the configuration folder that ferry-cli shares (`ferry-cli identity`,
// `ferry-cli trust`). The identity is made at first start; the pinned peers
// are read at start and whenever the file changes, and written whole
// whenever the user pins or unpins one.
#include <filesystem>
#include <memory>
#include <vector>

#include <QString>

#include "ferry/core/identity.hpp"
#include "ferry/core/trust.hpp"

namespace ferry::gui {

struct ThisDevice {
  std::filesystem::path config_dir;
  std::shared_ptr<const Identity> identity;
  std::vector<KnownPeer> pinned_peers;
};

// Loads both from `config_dir`, creating the identity (its certificate named
// `name`) when there is none yet.
Result<ThisDevice> load_this_device(const std::filesystem::path& config_dir, const QString& name);

}  // namespace ferry::gui
