// SPDX-License-Identifier: Apache-2.0
#include "pinned_devices_editor.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "format.hpp"
#include "trust_format.hpp"

namespace ferry::gui {

namespace {

constexpr int kFingerprintRole = Qt::UserRole;

Qt::CheckState check_state(bool on) { return on ? Qt::Checked : Qt::Unchecked; }

}  // namespace

PinnedDevicesEditor::PinnedDevicesEditor(const std::vector<KnownPeer>& peers, QWidget* parent) : QWidget(parent) {
  list_ = new QTreeWidget;
  list_->setColumnCount(ColumnCount);
  list_->setRootIsDecorated(false);
  remove_ = new QPushButton;
  remove_->setEnabled(false);
  connect(list_, &QTreeWidget::currentItemChanged, this,
          [this](QTreeWidgetItem* current) { remove_->setEnabled(current != nullptr); });
  connect(remove_, &QPushButton::clicked, this, [this] { delete list_->currentItem(); });
  note_ = new QLabel;
  note_->setWordWrap(true);

  auto* footer = new QHBoxLayout;
  footer->addWidget(note_, 1);
  footer->addWidget(remove_, 0, Qt::AlignTop);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(list_);
  layout->addLayout(footer);
  set_peers(peers);
  retranslate();
}

void PinnedDevicesEditor::retranslate() {
  list_->setHeaderLabels(
      {tr("Device"), tr("Verification code"), tr("Accept without asking"), tr("Fast mode (unencrypted)")});
  list_->headerItem()->setToolTip(FastModeColumn, tr("Fast mode (unencrypted file bytes, zero-copy) — only on "
                                                     "trusted networks."));
  list_->setAccessibleName(tr("Pinned devices"));
  remove_->setText(tr("&Remove"));
  note_->setText(
      tr("Devices are pinned when you accept an offer with “Always accept from this "
         "device” (or with ferry-cli trust). “Accept without asking” applies unless the "
         "consent (General) is “Ask every time”. Fast mode sends file bytes unencrypted "
         "(zero-copy): use it only on trusted networks."));
}

void PinnedDevicesEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void PinnedDevicesEditor::set_peers(const std::vector<KnownPeer>& peers) {
  list_->clear();
  for (const KnownPeer& peer : peers) {
    auto* item = new QTreeWidgetItem(list_);
    item->setText(NameColumn, from_utf8(peer.name));
    item->setData(NameColumn, kFingerprintRole, from_utf8(peer.fingerprint));
    item->setToolTip(NameColumn, from_utf8(peer.fingerprint));
    item->setText(CodeColumn, code_of(peer.fingerprint));
    item->setFont(CodeColumn, code_font());
    item->setCheckState(AcceptColumn, check_state(peer.auto_accept));
    item->setCheckState(FastModeColumn, check_state(peer.fast_mode));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
  }
  for (int column = 0; column < ColumnCount; ++column) list_->resizeColumnToContents(column);
}

std::vector<KnownPeer> PinnedDevicesEditor::peers() const {
  std::vector<KnownPeer> peers;
  for (int row = 0; row < list_->topLevelItemCount(); ++row) {
    const QTreeWidgetItem* item = list_->topLevelItem(row);
    peers.push_back({item->data(NameColumn, kFingerprintRole).toString().toStdString(),
                     item->text(NameColumn).toStdString(), item->checkState(AcceptColumn) == Qt::Checked,
                     item->checkState(FastModeColumn) == Qt::Checked});
  }
  return peers;
}

}  // namespace ferry::gui
