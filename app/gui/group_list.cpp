// SPDX-License-Identifier: Apache-2.0
#include "group_list.hpp"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>

#include <algorithm>

#include "keyboard_menu.hpp"
#include "peer_list.hpp"

namespace ferry::gui {

GroupList::GroupList(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(ColumnCount);
  setRootIsDecorated(false);
  setUniformRowHeights(true);
  setAcceptDrops(true);
  setDropIndicatorShown(false);
  setDragDropMode(QAbstractItemView::DropOnly);
  setSelectionMode(QAbstractItemView::SingleSelection);
  header()->setStretchLastSection(true);
  retranslate();
  setMaximumHeight(120);
  setVisible(false);
  connect(this, &QTreeWidget::itemDoubleClicked, this,
          [this](QTreeWidgetItem* item) { emit activated_group(indexOfTopLevelItem(item)); });
}

void GroupList::retranslate() {
  setHeaderLabels({tr("Group"), tr("Members")});
  setAccessibleName(tr("Groups"));
  setAccessibleDescription(tr("Drop files or folders onto a group to send them to every member."));
  setToolTip(accessibleDescription());
}

void GroupList::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QTreeWidget::changeEvent(event);
}

void GroupList::set_groups(const QList<PeerGroup>& groups) {
  const int current = current_group();
  clear();
  for (const PeerGroup& group : groups) {
    auto* item = new QTreeWidgetItem(this);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled);
    QStringList names;
    for (const PeerAddress& member : group.members) names.append(member.name.isEmpty() ? member.host : member.name);
    item->setText(NameColumn, group.name);
    item->setText(MembersColumn, names.join(QStringLiteral(", ")));
  }
  resizeColumnToContents(NameColumn);
  if (topLevelItemCount() > 0) setCurrentItem(topLevelItem(std::clamp(current, 0, topLevelItemCount() - 1)));
  setVisible(!groups.isEmpty());
}

int GroupList::current_group() const {
  QTreeWidgetItem* item = currentItem();
  return item ? indexOfTopLevelItem(item) : -1;
}

void GroupList::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() && !local_paths(event->mimeData()->urls()).isEmpty())
    event->acceptProposedAction();
  else
    event->ignore();
}

void GroupList::dragMoveEvent(QDragMoveEvent* event) {
  QTreeWidgetItem* item = itemAt(event->position().toPoint());
  if (item && event->mimeData()->hasUrls()) {
    setCurrentItem(item);  // shows which group the drop goes to
    event->acceptProposedAction();
  } else {
    event->ignore();
  }
}

void GroupList::dropEvent(QDropEvent* event) {
  QTreeWidgetItem* item = itemAt(event->position().toPoint());
  const QStringList paths = local_paths(event->mimeData()->urls());
  if (!item || paths.isEmpty()) return event->ignore();
  event->acceptProposedAction();
  emit files_dropped(indexOfTopLevelItem(item), paths);
}

void GroupList::keyPressEvent(QKeyEvent* event) {
  if (is_context_menu_key(event)) {
    QContextMenuEvent menu = keyboard_menu_event(*this);
    return contextMenuEvent(&menu);
  }
  if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && current_group() >= 0) {
    emit activated_group(current_group());
    return;
  }
  QTreeWidget::keyPressEvent(event);
}

void GroupList::contextMenuEvent(QContextMenuEvent* event) {
  if (!actions().isEmpty() && current_group() >= 0) QMenu::exec(actions(), event->globalPos(), nullptr, this);
}

}  // namespace ferry::gui
