// SPDX-License-Identifier: Apache-2.0
#pragma once
// Keeps the application's look as the user chose it in Settings: light,
// dark, or the system's preference, followed while Ferry runs.
#include <QObject>

#include <memory>
#include <optional>

#include "system_theme.hpp"
#include "theme.hpp"

namespace ferry::gui {

class ThemeController : public QObject {
  Q_OBJECT

 public:
  explicit ThemeController(std::unique_ptr<SystemTheme> system, QObject* parent = nullptr);

  // Applies `appearance` at once (style and palette of the whole application).
  void set_appearance(Appearance appearance);
  Appearance appearance() const { return appearance_; }
  ColorScheme scheme() const { return scheme_; }

 private:
  void apply();

  std::unique_ptr<SystemTheme> system_;
  Appearance appearance_ = Appearance::System;
  std::optional<ColorScheme> applied_;
  ColorScheme scheme_ = ColorScheme::Light;
};

}  // namespace ferry::gui
