// SPDX-License-Identifier: Apache-2.0
#include "theme_controller.hpp"

namespace ferry::gui {

ThemeController::ThemeController(std::unique_ptr<SystemTheme> system, QObject* parent)
    : QObject(parent), system_(std::move(system)) {
  connect(system_.get(), &SystemTheme::changed, this, &ThemeController::apply);
}

void ThemeController::set_appearance(Appearance appearance) {
  appearance_ = appearance;
  apply();
}

void ThemeController::apply() {
  scheme_ = resolve(appearance_, system_->scheme());
  if (applied_ == scheme_) return;
  apply_color_scheme(scheme_);
  applied_ = scheme_;
}

}  // namespace ferry::gui
