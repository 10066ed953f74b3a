// SPDX-License-Identifier: Apache-2.0
#include "app_icon.hpp"

namespace ferry::gui {

QIcon app_icon() {
  QIcon icon;
  for (int size : {16, 24, 32, 48, 64, 128, 256})
    icon.addFile(QStringLiteral(":/ferry/icons/ferry-%1.png").arg(size), QSize(size, size));
  return icon;
}

}  // namespace ferry::gui
