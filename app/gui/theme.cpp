// SPDX-License-Identifier: Apache-2.0
#include "theme.hpp"

#include <QApplication>
#include <QStyle>
#include <QToolTip>

namespace ferry::gui {

namespace {

// The few colours a palette is made of; every role derives from them.
struct SchemeColors {
  QColor window, window_text, base, alternate_base, button, tooltip_base, tooltip_text, placeholder;
  QColor light, midlight, mid, dark, shadow;
  QColor highlight, highlighted_text, link, link_visited;
  QColor disabled_text, disabled_highlight, disabled_highlighted_text;
};

QPalette make_palette(const SchemeColors& c) {
  QPalette palette;
  for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
    const bool disabled = group == QPalette::Disabled;
    const QColor text = disabled ? c.disabled_text : c.window_text;
    palette.setColor(group, QPalette::Window, c.window);
    palette.setColor(group, QPalette::WindowText, text);
    palette.setColor(group, QPalette::Base, disabled ? c.window : c.base);
    palette.setColor(group, QPalette::AlternateBase, c.alternate_base);
    palette.setColor(group, QPalette::Text, text);
    palette.setColor(group, QPalette::PlaceholderText, disabled ? c.disabled_text : c.placeholder);
    palette.setColor(group, QPalette::Button, c.button);
    palette.setColor(group, QPalette::ButtonText, text);
    palette.setColor(group, QPalette::BrightText, c.highlighted_text);
    palette.setColor(group, QPalette::ToolTipBase, c.tooltip_base);
    palette.setColor(group, QPalette::ToolTipText, c.tooltip_text);
    palette.setColor(group, QPalette::Light, c.light);
    palette.setColor(group, QPalette::Midlight, c.midlight);
    palette.setColor(group, QPalette::Mid, c.mid);
    palette.setColor(group, QPalette::Dark, c.dark);
    palette.setColor(group, QPalette::Shadow, c.shadow);
    palette.setColor(group, QPalette::Highlight, disabled ? c.disabled_highlight : c.highlight);
    palette.setColor(group, QPalette::HighlightedText, disabled ? c.disabled_highlighted_text : c.highlighted_text);
    palette.setColor(group, QPalette::Link, c.link);
    palette.setColor(group, QPalette::LinkVisited, c.link_visited);
  }
  return palette;
}

}  // namespace

QPalette light_palette() {
  return make_palette({.window = QColor(0xef, 0xef, 0xef),
                       .window_text = QColor(0x1b, 0x1b, 0x1b),
                       .base = QColor(0xff, 0xff, 0xff),
                       .alternate_base = QColor(0xf5, 0xf5, 0xf5),
                       .button = QColor(0xef, 0xef, 0xef),
                       .tooltip_base = QColor(0xff, 0xff, 0xdc),
                       .tooltip_text = QColor(0x1b, 0x1b, 0x1b),
                       .placeholder = QColor(0x66, 0x66, 0x66),
                       .light = QColor(0xff, 0xff, 0xff),
                       .midlight = QColor(0xe3, 0xe3, 0xe3),
                       .mid = QColor(0xb8, 0xb8, 0xb8),
                       .dark = QColor(0x9f, 0x9f, 0x9f),
                       .shadow = QColor(0x76, 0x76, 0x76),
                       .highlight = QColor(0x2a, 0x6c, 0xb8),
                       .highlighted_text = QColor(0xff, 0xff, 0xff),
                       .link = QColor(0x1a, 0x5f, 0xb4),
                       .link_visited = QColor(0x7b, 0x3f, 0xa6),
                       .disabled_text = QColor(0x9a, 0x9a, 0x9a),
                       .disabled_highlight = QColor(0xb8, 0xb8, 0xb8),
                       .disabled_highlighted_text = QColor(0xf5, 0xf5, 0xf5)});
}

QPalette dark_palette() {
  return make_palette({.window = QColor(0x2d, 0x2d, 0x2d),
                       .window_text = QColor(0xe8, 0xe8, 0xe8),
                       .base = QColor(0x1e, 0x1e, 0x1e),
                       .alternate_base = QColor(0x26, 0x26, 0x26),
                       .button = QColor(0x38, 0x38, 0x38),
                       .tooltip_base = QColor(0x3a, 0x3a, 0x3a),
                       .tooltip_text = QColor(0xf0, 0xf0, 0xf0),
                       .placeholder = QColor(0xb4, 0xb4, 0xb4),  // also on Fusion's lighter tab pages
                       .light = QColor(0x4a, 0x4a, 0x4a),
                       .midlight = QColor(0x3e, 0x3e, 0x3e),
                       .mid = QColor(0x26, 0x26, 0x26),
                       .dark = QColor(0x1a, 0x1a, 0x1a),
                       .shadow = QColor(0x0a, 0x0a, 0x0a),
                       .highlight = QColor(0x2f, 0x65, 0xad),
                       .highlighted_text = QColor(0xff, 0xff, 0xff),
                       .link = QColor(0x7c, 0xb4, 0xff),
                       .link_visited = QColor(0xc4, 0x9c, 0xff),
                       .disabled_text = QColor(0x7a, 0x7a, 0x7a),
                       .disabled_highlight = QColor(0x40, 0x40, 0x40),
                       .disabled_highlighted_text = QColor(0x9a, 0x9a, 0x9a)});
}

QPalette palette_for(ColorScheme scheme) { return scheme == ColorScheme::Dark ? dark_palette() : light_palette(); }

ColorScheme resolve(Appearance appearance, ColorScheme system) {
  switch (appearance) {
    case Appearance::Light:
      return ColorScheme::Light;
    case Appearance::Dark:
      return ColorScheme::Dark;
    case Appearance::System:
      break;
  }
  return system;
}

void apply_color_scheme(ColorScheme scheme) {
  static const QString startup_style = QApplication::style()->name();
  const QString style = scheme == ColorScheme::Dark ? QStringLiteral("fusion") : startup_style;
  if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0) QApplication::setStyle(style);
  const QPalette palette = palette_for(scheme);
  // Also drops the palettes a platform theme gave single widget classes (Windows' menus, say).
  QApplication::setPalette(palette);
  QToolTip::setPalette(palette);
}

WarningColors warning_colors(const QPalette& palette) {
  if (is_dark(palette)) return {QColor(0x4a, 0x1c, 0x1c), QColor(0xe5, 0x53, 0x4b), QColor(0xff, 0xd9, 0xd6)};
  return {QColor(0xfd, 0xec, 0xea), QColor(0xc5, 0x22, 0x1f), QColor(0x5f, 0x0f, 0x0f)};
}

bool is_dark(const QPalette& palette) {
  return palette.color(QPalette::Window).lightnessF() < palette.color(QPalette::WindowText).lightnessF();
}

}  // namespace ferry::gui
