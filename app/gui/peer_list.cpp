#include "peer_list.hpp"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMimeData>
#include <QUrl>

#include "ferry/core/endpoint.hpp"

namespace ferry::gui {

PeerList::PeerList(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(ColumnCount);
  setHeaderLabels({tr("Name"), tr("Address"), tr("OS"), tr("Verification code"), tr("Status")});
  setRootIsDecorated(false);
  setUniformRowHeights(true);
  setAcceptDrops(true);
  setDropIndicatorShown(false);
  setDragDropMode(QAbstractItemView::DropOnly);
  setSelectionMode(QAbstractItemView::SingleSelection);
  header()->setStretchLastSection(true);
  setAccessibleName(tr("Peers"));
  setToolTip(tr("Drop files or folders onto a peer to send them."));
  connect(this, &QTreeWidget::itemDoubleClicked, this,
          [this](QTreeWidgetItem* item) { emit activated_row(indexOfTopLevelItem(item)); });
}

void PeerList::set_peers(const QList<PeerAddress>& peers) {
  const int selected = current_row();
  peers_ = peers;
  clear();
  for (const PeerAddress& peer : peers) {
    auto* item = new QTreeWidgetItem(this);
    item->setText(NameColumn, peer.name.isEmpty() ? peer.host : peer.name);
    item->setText(AddressColumn, QString::fromStdString(format_endpoint({peer.host.toStdString(), peer.port})));
    // Discovery and device identity (OS, verification code) come with peer discovery.
    item->setText(SystemColumn, QStringLiteral("–"));
    item->setText(CodeColumn, QStringLiteral("–"));
    item->setText(StatusColumn, tr("Added by address"));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled);
  }
  for (int column = 0; column < ColumnCount - 1; ++column) resizeColumnToContents(column);
  if (selected >= 0 && selected < topLevelItemCount()) setCurrentItem(topLevelItem(selected));
  else if (topLevelItemCount() > 0) setCurrentItem(topLevelItem(0));
}

int PeerList::row_of(const PeerAddress& peer) const {
  return static_cast<int>(peers_.indexOf(peer));
}

PeerAddress PeerList::peer_at(int row) const { return peers_.value(row); }

int PeerList::current_row() const {
  QTreeWidgetItem* item = currentItem();
  return item ? indexOfTopLevelItem(item) : -1;
}

void PeerList::set_status(int row, const QString& status) {
  if (QTreeWidgetItem* item = topLevelItem(row)) item->setText(StatusColumn, status);
}

void PeerList::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() && !local_paths(event->mimeData()->urls()).isEmpty())
    event->acceptProposedAction();
  else
    event->ignore();
}

void PeerList::dragMoveEvent(QDragMoveEvent* event) {
  QTreeWidgetItem* item = itemAt(event->position().toPoint());
  if (item && event->mimeData()->hasUrls()) {
    setCurrentItem(item);  // shows which peer the drop goes to
    event->acceptProposedAction();
  } else {
    event->ignore();
  }
}

void PeerList::dropEvent(QDropEvent* event) {
  QTreeWidgetItem* item = itemAt(event->position().toPoint());
  const QStringList paths = local_paths(event->mimeData()->urls());
  if (!item || paths.isEmpty()) return event->ignore();
  event->acceptProposedAction();
  emit files_dropped(indexOfTopLevelItem(item), paths);
}

void PeerList::keyPressEvent(QKeyEvent* event) {
  if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && current_row() >= 0) {
    emit activated_row(current_row());
    return;
  }
  QTreeWidget::keyPressEvent(event);
}

QStringList local_paths(const QList<QUrl>& urls) {
  QStringList paths;
  for (const QUrl& url : urls)
    if (url.isLocalFile()) paths.append(url.toLocalFile());
  return paths;
}

}  // namespace ferry::gui
