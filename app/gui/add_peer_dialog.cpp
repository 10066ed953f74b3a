// SPDX-License-Identifier: Apache-2.0
#include "add_peer_dialog.hpp"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ferry/core/endpoint.hpp"
#include "format.hpp"

namespace ferry::gui {

std::variant<PeerAddress, QString> parse_peer_address(const QString& name, const QString& address) {
  QString text = address.trimmed();
  const bool bare_ipv6 = text.count(QLatin1Char(':')) > 1 && !text.startsWith(QLatin1Char('['));
  const bool has_port =
      text.startsWith(QLatin1Char('[')) ? text.contains(QStringLiteral("]:")) : text.contains(QLatin1Char(':'));
  if (bare_ipv6) text = QLatin1Char('[') + text + QLatin1Char(']');
  if (bare_ipv6 || !has_port) text += QLatin1Char(':') + QString::number(kDefaultReceivePort);
  auto parsed = parse_endpoint(text.toStdString());
  if (const auto* error = std::get_if<std::string>(&parsed)) return from_utf8(*error);
  const Endpoint& endpoint = std::get<Endpoint>(parsed);
  return PeerAddress{name.trimmed(), from_utf8(endpoint.host), endpoint.port};
}

AddPeerDialog::AddPeerDialog(QWidget* parent) : QDialog(parent) {
  name_ = new QLineEdit;
  address_ = new QLineEdit;
  problem_ = new QLabel;
  problem_->setWordWrap(true);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(address_, &QLineEdit::textChanged, this, &AddPeerDialog::validate);

  auto* form = new QFormLayout;
  name_label_ = new QLabel;
  name_label_->setBuddy(name_);
  form->addRow(name_label_, name_);
  address_label_ = new QLabel;
  address_label_->setBuddy(address_);
  form->addRow(address_label_, address_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(problem_);
  layout->addWidget(buttons_);
  setMinimumWidth(380);
  retranslate();
  validate();
}

void AddPeerDialog::retranslate() {
  setWindowTitle(tr("Add Peer"));
  name_label_->setText(tr("&Name:"));
  name_->setPlaceholderText(tr("e.g. Office laptop"));
  address_label_->setText(tr("&Address:"));
  address_->setPlaceholderText(tr("e.g. 192.168.1.7 or 192.168.1.7:%1").arg(kDefaultReceivePort));
}

void AddPeerDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

PeerAddress AddPeerDialog::peer() const {
  auto parsed = parse_peer_address(name_->text(), address_->text());
  if (auto* peer = std::get_if<PeerAddress>(&parsed)) return *peer;
  return {};
}

void AddPeerDialog::validate() {
  const bool empty = address_->text().trimmed().isEmpty();
  auto parsed = parse_peer_address(name_->text(), address_->text());
  const auto* error = std::get_if<QString>(&parsed);
  problem_->setText(empty || !error ? QString() : *error);
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(!empty && !error);
}

}  // namespace ferry::gui
