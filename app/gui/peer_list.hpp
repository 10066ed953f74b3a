// SPDX-License-Identifier: Apache-2.0
#pragma once
// The peers this Ferry can send to, one row each (name, address, OS,
// verification code, status): first those added by address, then those
// discovery found, which stay listed as offline when they go away. Several
// rows may be selected (Ctrl/Shift-click, Shift+arrows, Ctrl+A). Files and
// folders dropped onto a row are sent to that peer, or onto a selected row to
// every selected peer; Enter or a double click opens the file dialog for
// them. Its context menu (right click, Shift+F10, the Menu key) holds the
// window's actions for the selected peers: send files, a folder or a text.
#include <string_view>

#include <QStringList>
#include <QTreeWidget>

#include "app_settings.hpp"
#include "ferry/core/discovery.hpp"

namespace ferry::gui {

class PeerList : public QTreeWidget {
  Q_OBJECT

 public:
  enum Column { NameColumn, AddressColumn, SystemColumn, CodeColumn, StatusColumn, ColumnCount };

  explicit PeerList(QWidget* parent = nullptr);

  void set_peers(const QList<PeerAddress>& peers);  // those added by address
  // A peer discovery found, or found changed: its row is added or updated.
  void show_discovered(const DiscoveredPeer& peer);
  void show_offline(const DiscoveredPeer& peer);
  // The row of `peer` (a discovered one by its device id), or -1.
  int row_of(const PeerAddress& peer) const;
  PeerAddress peer_at(int row) const;
  // The current peer's row (the one the keyboard is on), or -1.
  int current_row() const;
  // The selected peers' rows in list order; the current row when none is.
  QList<int> selected_rows() const;
  // False for a discovered peer that went offline.
  bool is_online(int row) const;
  // What this Ferry last did with the peer at `row`, its status until
  // discovery says more of it.
  enum class SendState { None, Sending, Sent, Failed };
  void set_send_state(int row, SendState state);
  // What the list says while it is empty.
  static QString empty_text();
  // Who answered at a peer added by address: its name, verification code and
  // OS ("linux", "windows" or "other"), as its hello told them.
  void show_identity(int row, const QString& device_name, const QString& code, std::string_view os);

 signals:
  void files_dropped(const QList<int>& rows, const QStringList& paths);
  void activated_row(int row);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void paintEvent(QPaintEvent* event) override;  // words for the empty list
  void contextMenuEvent(QContextMenuEvent* event) override;
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  struct Discovered {
    DiscoveredPeer peer;
    bool online = true;
  };

  void retranslate();
  QTreeWidgetItem* add_row();
  void show_row(int row, const Discovered& discovered);
  QString status_text(int row) const;
  void fit_columns();

  QList<PeerAddress> peers_;
  QList<Discovered> discovered_;
};

// Local paths among dropped URLs (other schemes are ignored).
QStringList local_paths(const QList<QUrl>& urls);

}  // namespace ferry::gui
