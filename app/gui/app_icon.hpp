// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QIcon>

namespace ferry::gui {

// Ferry's icon at every size built from resources/ferry.svg (16 … 256 px), so
// it is sharp on HiDPI screens without the SVG image plugin.
QIcon app_icon();

}  // namespace ferry::gui
