// SPDX-License-Identifier: Apache-2.0
#pragma once
// "Add peer…": a name and an address ("host", "host:port", "[::1]:port");
// the port defaults to Ferry's. OK stays disabled until the address parses.
#include <QDialog>

#include <variant>

#include "app_settings.hpp"

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ferry::gui {

class AddPeerDialog : public QDialog {
  Q_OBJECT

 public:
  explicit AddPeerDialog(QWidget* parent = nullptr);
  PeerAddress peer() const;
  QLineEdit* address_edit() const { return address_; }
  QLineEdit* name_edit() const { return name_; }

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();
  void validate();

  QLabel* name_label_ = nullptr;
  QLabel* address_label_ = nullptr;
  QLineEdit* name_ = nullptr;
  QLineEdit* address_ = nullptr;
  QLabel* problem_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
};

// The peer an address names ("host" alone takes Ferry's default port), or
// why it names none.
std::variant<PeerAddress, QString> parse_peer_address(const QString& name, const QString& address);

}  // namespace ferry::gui
