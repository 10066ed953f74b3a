// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Linux desktop's light or dark preference: the freedesktop portal's
// color-scheme when a portal answers (followed live through its
// SettingChanged signal), else GNOME's settings through gsettings
// (color-scheme, then a GTK theme named …-dark), else GTK 3's settings.ini,
// else light. The fallbacks are read once, at start.
#include <QDBusVariant>
#include <QString>

#include <optional>

#include "system_theme.hpp"

namespace ferry::gui {

struct LinuxThemeSources {
  bool portal = true;    // ask the portal on the session bus
  QString gsettings;     // the gsettings program; empty: not asked
  QString gtk_settings;  // GTK 3's settings.ini; empty: not read
};

// The user's: the portal when there is a session bus, gsettings when
// installed, $XDG_CONFIG_HOME/gtk-3.0/settings.ini.
LinuxThemeSources default_linux_theme_sources();

class LinuxSystemTheme : public SystemTheme {
  Q_OBJECT

 public:
  explicit LinuxSystemTheme(LinuxThemeSources sources = default_linux_theme_sources());
  ColorScheme scheme() const override { return scheme_; }

 private slots:
  void portal_setting_changed(const QString& group, const QString& key, const QDBusVariant& value);

 private:
  std::optional<ColorScheme> read_portal(bool& answered) const;
  ColorScheme read_fallbacks() const;
  std::optional<ColorScheme> read_gsettings(const QString& key) const;
  void update(ColorScheme scheme);

  LinuxThemeSources sources_;
  ColorScheme scheme_ = ColorScheme::Light;
};

}  // namespace ferry::gui
