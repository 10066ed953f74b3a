// SPDX-License-Identifier: Apache-2.0
#pragma once
// The devices this one trusts (pinned by identity), one row each: name,
// verification code, "Accept without asking" and "Fast mode" to tick, and
// Remove to forget the selected one. Edits stay here until peers() is read.
#include <QWidget>

#include <vector>

#include "ferry/core/trust.hpp"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace ferry::gui {

class PinnedDevicesEditor : public QWidget {
  Q_OBJECT

 public:
  enum Column { NameColumn, CodeColumn, AcceptColumn, FastModeColumn, ColumnCount };

  explicit PinnedDevicesEditor(const std::vector<KnownPeer>& peers, QWidget* parent = nullptr);

  void set_peers(const std::vector<KnownPeer>& peers);
  std::vector<KnownPeer> peers() const;
  QTreeWidget* list() const { return list_; }
  QPushButton* remove_button() const { return remove_; }

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();

  QTreeWidget* list_ = nullptr;
  QPushButton* remove_ = nullptr;
  QLabel* note_ = nullptr;
};

}  // namespace ferry::gui
