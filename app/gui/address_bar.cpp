// SPDX-License-Identifier: Apache-2.0
#include "address_bar.hpp"

#include <QAbstractItemModel>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

#include "add_peer_dialog.hpp"

namespace ferry::gui {

AddressBar::AddressBar(QWidget* parent) : QWidget(parent) {
  address_ = new QLineEdit;
  address_->setClearButtonEnabled(true);
  problem_ = new QLabel;
  help_ = new QLabel;
  help_->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
  help_->setFocusPolicy(Qt::TabFocus);
  connect(help_, &QLabel::linkActivated, this, &AddressBar::help_requested);
  connect(address_, &QLineEdit::returnPressed, this, &AddressBar::submit);
  connect(address_, &QLineEdit::textEdited, problem_, &QLabel::clear);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(address_, 1);
  layout->addWidget(problem_);
  layout->addWidget(help_);
  retranslate();
}

void AddressBar::retranslate() {
  address_->setPlaceholderText(tr("Add a peer by address, e.g. 192.168.1.7, then press Enter"));
  address_->setAccessibleName(tr("Add a peer by address"));
  problem_->setAccessibleName(tr("Address problem"));
  help_->setText(QStringLiteral("<a href=\"help\">%1</a>").arg(tr("Can't see your device?").toHtmlEscaped()));
  help_->setAccessibleName(tr("Can't see your device?"));
}

void AddressBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void AddressBar::follow(QAbstractItemModel* peers) {
  const auto update = [this, peers] { help_->setVisible(peers->rowCount() == 0); };
  connect(peers, &QAbstractItemModel::rowsInserted, this, update);
  connect(peers, &QAbstractItemModel::rowsRemoved, this, update);
  connect(peers, &QAbstractItemModel::modelReset, this, update);
  update();
}

void AddressBar::submit() {
  if (address_->text().trimmed().isEmpty()) return;
  auto parsed = parse_peer_address(QString(), address_->text());
  if (const auto* error = std::get_if<QString>(&parsed)) {
    problem_->setText(*error);  // the text stays for correcting
    return;
  }
  problem_->clear();
  address_->clear();
  emit peer_entered(std::get<PeerAddress>(parsed));
}

}  // namespace ferry::gui
