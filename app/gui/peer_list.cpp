// SPDX-License-Identifier: Apache-2.0
#include "peer_list.hpp"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QUrl>

#include <algorithm>

#include "ferry/core/endpoint.hpp"
#include "format.hpp"
#include "keyboard_menu.hpp"
#include "trust_format.hpp"

namespace ferry::gui {
namespace {

constexpr int kSendStateRole = Qt::UserRole;

QString system_label(std::string_view os) {
  if (os == "linux") return QStringLiteral("Linux");
  if (os == "windows") return QStringLiteral("Windows");
  return QStringLiteral("–");
}

}  // namespace

PeerList::PeerList(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(ColumnCount);
  setRootIsDecorated(false);
  setUniformRowHeights(true);
  setAcceptDrops(true);
  setDropIndicatorShown(false);
  setDragDropMode(QAbstractItemView::DropOnly);
  setSelectionMode(QAbstractItemView::ExtendedSelection);
  header()->setStretchLastSection(true);
  retranslate();
  // A row selected without the keyboard or the pointer (assistive technology
  // selects through AT-SPI) becomes the current peer, the selection kept.
  connect(this, &QTreeWidget::itemSelectionChanged, this, [this] {
    const QList<QTreeWidgetItem*> selected = selectedItems();
    if (!selected.isEmpty() && !selected.contains(currentItem()))
      setCurrentItem(selected.first(), 0, QItemSelectionModel::NoUpdate);
  });
  connect(this, &QTreeWidget::itemDoubleClicked, this,
          [this](QTreeWidgetItem* item) { emit activated_row(indexOfTopLevelItem(item)); });
}

void PeerList::retranslate() {
  setHeaderLabels({tr("Name"), tr("Address"), tr("OS"), tr("Verification code"), tr("Status")});
  setAccessibleName(tr("Peers"));
  setAccessibleDescription(empty_text());
  setToolTip(
      tr("Drop files or folders onto a peer to send them. Ctrl+click or Shift+click selects several peers; "
         "a drop on one of them sends to all."));
  for (int row = 0; row < peers_.size(); ++row) topLevelItem(row)->setText(StatusColumn, status_text(row));
  for (int i = 0; i < discovered_.size(); ++i) show_row(static_cast<int>(peers_.size()) + i, discovered_[i]);
}

void PeerList::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QTreeWidget::changeEvent(event);
}

void PeerList::set_peers(const QList<PeerAddress>& peers) {
  const int current = current_row();
  const QList<int> selected = selectedItems().isEmpty() ? QList<int>{} : selected_rows();
  peers_ = peers;
  clear();
  for (const PeerAddress& peer : peers) {
    QTreeWidgetItem* item = add_row();
    item->setText(NameColumn, peer.name.isEmpty() ? peer.host : peer.name);
    item->setText(AddressColumn, QString::fromStdString(format_endpoint({peer.host.toStdString(), peer.port})));
    // Added by address: nothing says who it is until it answers.
    item->setText(SystemColumn, QStringLiteral("–"));
    item->setText(CodeColumn, QStringLiteral("–"));
    item->setText(StatusColumn, status_text(indexOfTopLevelItem(item)));
  }
  for (int i = 0; i < discovered_.size(); ++i) {
    add_row();
    show_row(static_cast<int>(peers_.size()) + i, discovered_[i]);
  }
  fit_columns();
  if (current >= 0 && current < topLevelItemCount())
    setCurrentItem(topLevelItem(current));
  else if (topLevelItemCount() > 0)
    setCurrentItem(topLevelItem(0));
  for (const int row : selected)
    if (QTreeWidgetItem* item = topLevelItem(row)) item->setSelected(true);
}

void PeerList::show_discovered(const DiscoveredPeer& peer) {
  const auto known =
      std::ranges::find(discovered_, peer.device_id, [](const Discovered& d) { return d.peer.device_id; });
  const int index = static_cast<int>(known - discovered_.begin());
  if (known == discovered_.end()) {
    discovered_.append({peer, true});
    add_row();
    if (!currentItem()) setCurrentItem(topLevelItem(0));
  } else {
    *known = {peer, true};
  }
  set_send_state(static_cast<int>(peers_.size()) + index, SendState::None);  // discovery says more now
  show_row(static_cast<int>(peers_.size()) + index, discovered_[index]);
}

void PeerList::show_offline(const DiscoveredPeer& peer) {
  const auto known =
      std::ranges::find(discovered_, peer.device_id, [](const Discovered& d) { return d.peer.device_id; });
  if (known == discovered_.end()) return;
  known->online = false;
  const int row = static_cast<int>(peers_.size() + (known - discovered_.begin()));
  set_send_state(row, SendState::None);
  show_row(row, *known);
}

QTreeWidgetItem* PeerList::add_row() {
  auto* item = new QTreeWidgetItem(this);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled);
  return item;
}

void PeerList::show_row(int row, const Discovered& discovered) {
  QTreeWidgetItem* item = topLevelItem(row);
  const DiscoveredPeer& peer = discovered.peer;
  QStringList endpoints;
  for (const std::string& host : peer.hosts) endpoints.append(from_utf8(format_endpoint({host, peer.port})));
  item->setText(NameColumn, from_utf8(peer.device_name));
  item->setText(AddressColumn, endpoints.value(0));
  item->setToolTip(AddressColumn, endpoints.join(QLatin1Char('\n')));
  item->setText(SystemColumn, system_label(peer.os));
  item->setText(CodeColumn, code_of(peer.device_id));
  item->setToolTip(CodeColumn, tr("Device id %1").arg(from_utf8(peer.device_id)));
  item->setText(StatusColumn, status_text(row));
  item->setDisabled(!discovered.online);
  fit_columns();
}

void PeerList::fit_columns() {
  for (int column = 0; column < ColumnCount - 1; ++column) resizeColumnToContents(column);
}

int PeerList::row_of(const PeerAddress& peer) const {
  if (peer.device_id.isEmpty()) return static_cast<int>(peers_.indexOf(peer));
  const auto found = std::ranges::find(discovered_, peer.device_id.toStdString(),
                                       [](const Discovered& d) { return d.peer.device_id; });
  if (found == discovered_.end()) return -1;
  return static_cast<int>(peers_.size() + (found - discovered_.begin()));
}

PeerAddress PeerList::peer_at(int row) const {
  if (row < peers_.size()) return peers_.value(row);
  const int index = row - static_cast<int>(peers_.size());
  if (index >= discovered_.size()) return {};
  const DiscoveredPeer& peer = discovered_[index].peer;
  return {from_utf8(peer.device_name), from_utf8(peer.hosts.front()), peer.port, from_utf8(peer.device_id)};
}

int PeerList::current_row() const {
  QTreeWidgetItem* item = currentItem();
  return item ? indexOfTopLevelItem(item) : -1;
}

QList<int> PeerList::selected_rows() const {
  QList<int> rows;
  for (QTreeWidgetItem* item : selectedItems()) rows.append(indexOfTopLevelItem(item));
  std::ranges::sort(rows);
  if (rows.isEmpty() && current_row() >= 0) rows.append(current_row());
  return rows;
}

bool PeerList::is_online(int row) const {
  const QTreeWidgetItem* item = topLevelItem(row);
  return item && !item->isDisabled();
}

void PeerList::set_send_state(int row, SendState state) {
  QTreeWidgetItem* item = topLevelItem(row);
  if (!item) return;
  item->setData(StatusColumn, kSendStateRole, static_cast<int>(state));
  item->setText(StatusColumn, status_text(row));
}

QString PeerList::status_text(int row) const {
  switch (static_cast<SendState>(topLevelItem(row)->data(StatusColumn, kSendStateRole).toInt())) {
    case SendState::Sending:
      return tr("Sending…");
    case SendState::Sent:
      return tr("Sent");
    case SendState::Failed:
      return tr("Last send failed");
    case SendState::None:
      break;
  }
  if (row < peers_.size()) return tr("Added by address");
  return discovered_[row - peers_.size()].online ? tr("On the network") : tr("Offline");
}

void PeerList::show_identity(int row, const QString& device_name, const QString& code, std::string_view os) {
  QTreeWidgetItem* item = topLevelItem(row);
  if (!item || row >= peers_.size()) return;  // discovered peers say who they are already
  if (peers_[row].name.isEmpty() && !device_name.isEmpty()) item->setText(NameColumn, device_name);
  item->setToolTip(NameColumn, device_name);
  item->setText(CodeColumn, code);
  item->setText(SystemColumn, system_label(os));
  fit_columns();
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
    // Shows which peers the drop goes to: a selected row keeps the selection.
    // Explicit: the default follows the keyboard's modifiers (Ctrl would add it).
    if (!item->isSelected()) setCurrentItem(item, 0, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
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
  emit files_dropped(item->isSelected() ? selected_rows() : QList<int>{indexOfTopLevelItem(item)}, paths);
}

void PeerList::keyPressEvent(QKeyEvent* event) {
  if (is_context_menu_key(event)) {
    QContextMenuEvent menu = keyboard_menu_event(*this);
    return contextMenuEvent(&menu);
  }
  if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && current_row() >= 0) {
    emit activated_row(current_row());
    return;
  }
  QTreeWidget::keyPressEvent(event);
}

// The actions the window gave this list (send, remove), at the pointer or the current row.
void PeerList::contextMenuEvent(QContextMenuEvent* event) {
  if (!actions().isEmpty()) QMenu::exec(actions(), event->globalPos(), nullptr, this);
}

void PeerList::paintEvent(QPaintEvent* event) {
  QTreeWidget::paintEvent(event);
  if (topLevelItemCount() > 0) return;
  QPainter painter(viewport());
  painter.setPen(palette().color(QPalette::PlaceholderText));
  painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, empty_text());
}

QString PeerList::empty_text() {
  return tr(
      "Devices running Ferry on this network appear here. Drop files on one to send them.\n"
      "Or type its address into the field below and press Enter.");
}

QStringList local_paths(const QList<QUrl>& urls) {
  QStringList paths;
  for (const QUrl& url : urls)
    if (url.isLocalFile()) paths.append(url.toLocalFile());
  return paths;
}

}  // namespace ferry::gui
