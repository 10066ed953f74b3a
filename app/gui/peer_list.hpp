#pragma once
// The peers this Ferry can send to, one row each (name, address, OS,
// verification code, status). Files and folders dropped onto a row are sent
// to that peer; Enter or a double click opens the file dialog for it.
#include <QStringList>
#include <QTreeWidget>

#include "app_settings.hpp"

namespace ferry::gui {

class PeerList : public QTreeWidget {
  Q_OBJECT

 public:
  enum Column { NameColumn, AddressColumn, SystemColumn, CodeColumn, StatusColumn, ColumnCount };

  explicit PeerList(QWidget* parent = nullptr);

  void set_peers(const QList<PeerAddress>& peers);
  // The row of `peer`, or -1.
  int row_of(const PeerAddress& peer) const;
  PeerAddress peer_at(int row) const;
  // The selected peer's row, or -1.
  int current_row() const;
  void set_status(int row, const QString& status);

 signals:
  void files_dropped(int row, const QStringList& paths);
  void activated_row(int row);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  QList<PeerAddress> peers_;
};

// Local paths among dropped URLs (other schemes are ignored).
QStringList local_paths(const QList<QUrl>& urls);

}  // namespace ferry::gui
