#include "offer_dialog.hpp"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "format.hpp"

namespace ferry::gui {

namespace {
constexpr int kListedEntries = 1000;
}

OfferDialog::OfferDialog(const OfferReceived& offer, std::chrono::seconds timeout, QWidget* parent)
    : QDialog(parent), id_(offer.id), seconds_left_(static_cast<int>(timeout.count())) {
  const QString sender = offer.device_name.empty() ? from_utf8(offer.peer) : from_utf8(offer.device_name);
  setWindowTitle(tr("Incoming files from %1").arg(sender));
  setAttribute(Qt::WA_DeleteOnClose);

  std::uint32_t files = 0;
  auto* list = new QListWidget;
  list->setAccessibleName(tr("Offered files"));
  for (const protocol::OfferEntry& entry : offer.entries) {
    const bool file = entry.kind == protocol::EntryKind::File;
    files += file;
    if (list->count() == kListedEntries) continue;
    const QString text = file ? tr("%1  (%2)").arg(from_utf8(entry.path), human_bytes(entry.size))
                              : from_utf8(entry.path) + QLatin1Char('/');
    list->addItem(text);
  }
  if (static_cast<std::size_t>(list->count()) < offer.entries.size())
    list->addItem(tr("… and %1 more").arg(offer.entries.size() - static_cast<std::size_t>(list->count())));

  auto* form = new QFormLayout;
  form->addRow(tr("From:"), new QLabel(sender));
  form->addRow(tr("Address:"), new QLabel(from_utf8(offer.peer)));
  // Device identities and their verification codes come with the peers issue.
  form->addRow(tr("Verification code:"), new QLabel(tr("not available (unverified connection)")));
  form->addRow(tr("Files:"), new QLabel(QString::number(files)));
  form->addRow(tr("Total size:"), new QLabel(human_bytes(offer.total_bytes)));

  always_ = new QCheckBox(tr("&Always accept from this device"));
  timeout_label_ = new QLabel;
  auto* buttons = new QDialogButtonBox;
  accept_ = buttons->addButton(tr("&Accept"), QDialogButtonBox::AcceptRole);
  decline_ = buttons->addButton(tr("&Decline"), QDialogButtonBox::RejectRole);
  accept_->setDefault(true);
  connect(accept_, &QPushButton::clicked, this, [this] { answer(true); });
  connect(decline_, &QPushButton::clicked, this, [this] { answer(false); });

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(list, 1);
  layout->addWidget(always_);
  layout->addWidget(timeout_label_);
  layout->addWidget(buttons);
  setMinimumSize(420, 360);

  countdown_.setInterval(std::chrono::seconds(1));
  connect(&countdown_, &QTimer::timeout, this, &OfferDialog::tick);
  countdown_.start();
  show_time_left();
}

void OfferDialog::tick() {
  if (--seconds_left_ <= 0) return answer(false);
  show_time_left();
}

void OfferDialog::show_time_left() {
  timeout_label_->setText(tr("Declined automatically in %1.").arg(human_duration(seconds_left_)));
}

void OfferDialog::answer(bool accept) {
  if (answered_) return;
  answered_ = true;
  countdown_.stop();
  emit answered(id_, accept, accept && always_->isChecked());
  close();
}

void OfferDialog::reject() { answer(false); }  // Escape

void OfferDialog::closeEvent(QCloseEvent* event) {
  answer(false);  // closing the window declines; no-op after an answer
  QDialog::closeEvent(event);
}

}  // namespace ferry::gui
