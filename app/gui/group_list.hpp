// SPDX-License-Identifier: Apache-2.0
#pragma once
// The groups of peers the user named, one row each (name, members). Files and
// folders dropped onto a group are sent to every member; Enter or a double
// click opens the file dialog for it; the context menu (right click,
// Shift+F10) holds the window's group actions (send, rename, remove). Hidden
// while there is no group.
#include <QStringList>
#include <QTreeWidget>

#include "app_settings.hpp"

namespace ferry::gui {

class GroupList : public QTreeWidget {
  Q_OBJECT

 public:
  enum Column { NameColumn, MembersColumn, ColumnCount };

  explicit GroupList(QWidget* parent = nullptr);

  void set_groups(const QList<PeerGroup>& groups);
  // The current group's index, or -1.
  int current_group() const;

 signals:
  void files_dropped(int group, const QStringList& paths);
  void activated_group(int group);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();
};

}  // namespace ferry::gui
