// SPDX-License-Identifier: Apache-2.0
#include "this_device.hpp"

namespace ferry::gui {

Result<ThisDevice> load_this_device(const std::filesystem::path& config_dir, const QString& name) {
  auto identity = load_or_create_identity(config_dir, name.toStdString());
  if (!identity) return identity.error();
  auto pinned = load_known_peers(config_dir);
  if (!pinned) return pinned.error();
  return ThisDevice{config_dir, std::make_shared<const Identity>(std::move(identity.value())),
                    std::move(pinned.value())};
}

}  // namespace ferry::gui
