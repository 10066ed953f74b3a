// SPDX-License-Identifier: Apache-2.0
#pragma once
// The system's light or dark preference and its changes. One implementation
// per system (system_theme_linux.cpp, system_theme_windows.cpp; CMake picks
// the file): Qt 6.4 does not tell (QStyleHints::colorScheme came in 6.5).
#include <QObject>

#include <memory>

#include "theme.hpp"

namespace ferry::gui {

class SystemTheme : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  virtual ColorScheme scheme() const = 0;

 signals:
  void changed(ferry::gui::ColorScheme scheme);
};

// This system's preference, as the user set it for the desktop.
std::unique_ptr<SystemTheme> make_system_theme();

}  // namespace ferry::gui
