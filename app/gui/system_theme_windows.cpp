// SPDX-License-Identifier: Apache-2.0
#include "system_theme_windows.hpp"

#include <QSettings>

namespace ferry::gui {

WindowsSystemTheme::WindowsSystemTheme(QString key, std::chrono::milliseconds poll)
    : key_(std::move(key)), scheme_(read()) {
  poll_.setInterval(poll);
  connect(&poll_, &QTimer::timeout, this, &WindowsSystemTheme::check);
  poll_.start();
}

// No value (Windows before 10 1809, or never set): light, Windows' default.
ColorScheme WindowsSystemTheme::read() const {
  const QSettings personalize(key_, QSettings::NativeFormat);
  const QVariant light = personalize.value(QStringLiteral("AppsUseLightTheme"));
  return light.isValid() && light.toInt() == 0 ? ColorScheme::Dark : ColorScheme::Light;
}

void WindowsSystemTheme::check() {
  const ColorScheme now = read();
  if (now == scheme_) return;
  scheme_ = now;
  emit changed(scheme_);
}

std::unique_ptr<SystemTheme> make_system_theme() { return std::make_unique<WindowsSystemTheme>(); }

}  // namespace ferry::gui
