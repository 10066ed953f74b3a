// SPDX-License-Identifier: Apache-2.0
#pragma once
// Context menus from the keyboard: Shift+F10 (and the Menu key) open a
// list's context menu at its current row, as a right click would.
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QTreeWidget>

namespace ferry::gui {

inline bool is_context_menu_key(const QKeyEvent* event) {
  return event->key() == Qt::Key_Menu || (event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier);
}

// The context menu event a right click on the current row would bring.
inline QContextMenuEvent keyboard_menu_event(const QTreeWidget& list) {
  const QTreeWidgetItem* item = list.currentItem();
  const QRect row = item ? list.visualItemRect(item) : QRect();
  const QPoint at = item ? row.bottomLeft() + QPoint(16, 0) : QPoint(16, 16);
  return QContextMenuEvent(QContextMenuEvent::Keyboard, at, list.viewport()->mapToGlobal(at));
}

}  // namespace ferry::gui
