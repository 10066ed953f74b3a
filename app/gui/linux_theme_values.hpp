// SPDX-License-Identifier: Apache-2.0
#pragma once
// What Linux desktops say about light and dark, read into a ColorScheme:
// nullopt where a source states no preference (then the next one is asked).
#include <QByteArray>
#include <QString>
#include <QVariant>

#include <optional>

#include "theme.hpp"

namespace ferry::gui {

// The freedesktop portal's org.freedesktop.appearance color-scheme, as
// Settings.Read answers it (a uint32 in one or two D-Bus variants): 1 prefers
// dark, 2 light, 0 states no preference.
std::optional<ColorScheme> scheme_from_portal(const QVariant& reply);

// `gsettings get org.gnome.desktop.interface color-scheme`:
// 'prefer-dark', 'prefer-light' or 'default' (no preference).
std::optional<ColorScheme> scheme_from_gsettings_color_scheme(const QByteArray& output);

// A GTK theme name, bare or as gsettings prints it ('Adwaita-dark'): one
// ending in -dark is dark; any other states nothing (light themes have no mark).
std::optional<ColorScheme> scheme_from_gtk_theme(const QString& name);

// GTK 3's settings.ini: gtk-application-prefer-dark-theme (1 or true), else
// the gtk-theme-name. nullopt for a missing file.
std::optional<ColorScheme> scheme_from_gtk_settings(const QString& ini_path);

}  // namespace ferry::gui
