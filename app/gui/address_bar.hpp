// SPDX-License-Identifier: Apache-2.0
#pragma once
// Under the peer list: a field to type a peer's address into (Enter adds it,
// as File → Add Peer… does; a text that names no address stays, with the
// reason beside it) and, while the list is empty, the "Can't see your
// device?" link.
#include <QWidget>

#include "app_settings.hpp"

class QAbstractItemModel;
class QLabel;
class QLineEdit;

namespace ferry::gui {

class AddressBar : public QWidget {
  Q_OBJECT

 public:
  explicit AddressBar(QWidget* parent = nullptr);
  // Shows the help link while `peers` has no rows.
  void follow(QAbstractItemModel* peers);
  QLineEdit* address_edit() const { return address_; }
  QLabel* help_link() const { return help_; }

 signals:
  void peer_entered(const PeerAddress& peer);
  void help_requested();

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();
  void submit();

  QLineEdit* address_ = nullptr;
  QLabel* problem_ = nullptr;
  QLabel* help_ = nullptr;
};

}  // namespace ferry::gui
