// SPDX-License-Identifier: Apache-2.0
#include "warning_frame.hpp"

#include <QApplication>
#include <QEvent>

#include "theme.hpp"

namespace ferry::gui {

WarningFrame::WarningFrame(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("warningFrame"));
  restyle();
  QApplication::instance()->installEventFilter(this);  // the application gets ApplicationPaletteChange
}

bool WarningFrame::eventFilter(QObject* watched, QEvent* event) {
  if (watched == QApplication::instance() && event->type() == QEvent::ApplicationPaletteChange) restyle();
  return QFrame::eventFilter(watched, event);
}

void WarningFrame::restyle() {
  const WarningColors colors = warning_colors(QApplication::palette());
  setStyleSheet(QStringLiteral("#warningFrame { background: %1; border: 2px solid %2; border-radius: 4px; } "
                               "QLabel { color: %3; }")
                    .arg(colors.background.name(), colors.border.name(), colors.text.name()));
}

}  // namespace ferry::gui
