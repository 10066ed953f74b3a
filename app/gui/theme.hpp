// SPDX-License-Identifier: Apache-2.0
#pragma once
// How Ferry looks: light or dark, chosen by the user or following the system.
// Dark is drawn with the Fusion style (the Windows style cannot draw dark);
// light with the style Qt picked at start (native on Windows). Both schemes
// get a complete palette of Ferry's own, so every text has its contrast.
#include <QColor>
#include <QPalette>
#include <QString>

namespace ferry::gui {

enum class ColorScheme { Light, Dark };
enum class Appearance { System, Light, Dark };  // the user's choice in Settings

QPalette light_palette();
QPalette dark_palette();
QPalette palette_for(ColorScheme scheme);

// The scheme to show for `appearance` while the system prefers `system`.
ColorScheme resolve(Appearance appearance, ColorScheme system);

// Sets the application's style and palette for `scheme`; every widget,
// open dialogs too, repaints with them. Needs a QApplication.
void apply_color_scheme(ColorScheme scheme);

// A warning box's colours (the offer dialog's impostor warning), derived
// from `palette`: a red frame around a tinted background, readable text.
struct WarningColors {
  QColor background;
  QColor border;
  QColor text;
};
WarningColors warning_colors(const QPalette& palette);

// Whether `palette` is a dark one (its window darker than its text).
bool is_dark(const QPalette& palette);

}  // namespace ferry::gui
