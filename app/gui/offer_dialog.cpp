// SPDX-License-Identifier: Apache-2.0
#include "offer_dialog.hpp"

#include <QLocale>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "format.hpp"
#include "trust_format.hpp"
#include "warning_frame.hpp"

namespace ferry::gui {

namespace {

constexpr int kListedEntries = 1000;

QString trust_sentence(const PeerIdentity& identity) {
  switch (identity.trust) {
    case PeerTrust::Known:
      return OfferDialog::tr("Pinned: you chose to trust this device before.");
    case PeerTrust::Changed:
      return trust_label(identity);
    case PeerTrust::New:
      break;
  }
  return OfferDialog::tr("New device — compare this code with the one the sender's Ferry shows.");
}

QLabel* wrapped_label(const QString& text) {
  auto* label = new QLabel(text);
  label->setWordWrap(true);
  return label;
}

// What the peer says of itself is shown as it is, never as rich text.
QLabel* plain_label(const QString& text) {
  auto* label = new QLabel(text);
  label->setTextFormat(Qt::PlainText);
  return label;
}

// A path as the peer offered it, its control characters (a name may hold a
// newline) shown as U+FFFD.
QString shown_path(const std::string& path) {
  QString text = from_utf8(path);
  for (QChar& c : text) {
    if (c.unicode() < 0x20 || c.unicode() == 0x7F) c = QChar::ReplacementCharacter;
  }
  return text;
}

// One line of the offer's list; `local` is where the entry goes when this
// system cannot store its name, else null.
QString entry_line(const OfferEntry& entry, const std::string* local) {
  const QString offered = shown_path(entry.path);
  if (entry.kind == EntryKind::Folder) {
    if (!local) return offered + QLatin1Char('/');
    return OfferDialog::tr("%1/, saved as %2/").arg(offered, from_utf8(*local));
  }
  if (!local) return OfferDialog::tr("%1  (%2)").arg(offered, human_bytes(entry.size));
  return OfferDialog::tr("%1  (%2), saved as %3").arg(offered, human_bytes(entry.size), from_utf8(*local));
}

}  // namespace

OfferDialog::OfferDialog(const OfferReceived& offer, std::chrono::seconds timeout, QWidget* parent)
    : QDialog(parent), id_(offer.id), seconds_left_(static_cast<int>(timeout.count())) {
  const QString sender =
      offer.device_name.empty() ? from_utf8(format_endpoint(offer.peer)) : from_utf8(offer.device_name);
  setWindowTitle(tr("Incoming files from %1").arg(sender));
  setAttribute(Qt::WA_DeleteOnClose);

  std::uint32_t files = 0;
  auto* list = new QListWidget;
  list->setAccessibleName(tr("Offered files"));
  auto renamed = offer.renamed.begin();  // in index order, like the entries
  for (std::uint32_t index = 0; index < offer.entries->size(); ++index) {
    const OfferEntry& entry = (*offer.entries)[index];
    files += entry.kind == EntryKind::File;
    if (list->count() == kListedEntries) continue;
    const bool is_renamed = renamed != offer.renamed.end() && renamed->index == index;
    list->addItem(entry_line(entry, is_renamed ? &renamed->local_path : nullptr));
    if (is_renamed) ++renamed;
  }
  if (static_cast<std::size_t>(list->count()) < offer.entries->size())
    list->addItem(tr("… and %n more", "entries of the offer",
                     static_cast<int>(offer.entries->size() - static_cast<std::size_t>(list->count()))));

  auto* code = new QLabel(from_utf8(offer.identity.verification_code));
  code->setFont(code_font(1.6));
  code->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* mode = new QLabel(mode_summary(offer.mode));
  mode->setToolTip(mode_explanation(offer.mode));
  auto* form = new QFormLayout;
  form->addRow(tr("From:"), plain_label(sender));
  form->addRow(tr("Address:"), plain_label(from_utf8(format_endpoint(offer.peer))));
  form->addRow(tr("Verification code:"), code);
  form->addRow(tr("Device:"), wrapped_label(trust_sentence(offer.identity)));
  form->addRow(tr("Transfer:"), mode);
  form->addRow(tr("Files:"), new QLabel(QLocale().toString(files)));
  form->addRow(tr("Total size:"), new QLabel(human_bytes(offer.total_bytes)));
  if (!offer.renamed.empty()) {
    form->addRow(tr("Names:"), wrapped_label(tr("%n name(s) cannot be stored on this system as offered: "
                                                "saved under a safe name (see the list)",
                                                "", static_cast<int>(offer.renamed.size()))));
  }

  always_ = new QCheckBox(tr("Al&ways accept from this device"));
  always_->setToolTip(
      tr("Pins this device's identity: its offers are accepted without asking from now on "
         "(Settings → Pinned devices)."));
  timeout_label_ = new QLabel;
  auto* buttons = new QDialogButtonBox;
  accept_ = buttons->addButton(tr("&Accept"), QDialogButtonBox::AcceptRole);
  decline_ = buttons->addButton(tr("&Decline"), QDialogButtonBox::RejectRole);
  const bool changed = offer.identity.trust == PeerTrust::Changed;
  accept_->setAutoDefault(!changed);  // Enter never accepts a possible impostor, even with Accept focused
  connect(accept_, &QPushButton::clicked, this, [this] { answer(true); });
  connect(decline_, &QPushButton::clicked, this, [this] { answer(false); });

  auto* layout = new QVBoxLayout(this);
  if (changed) layout->addWidget(impostor_warning_box(from_utf8(offer.device_name)));
  layout->addLayout(form);
  layout->addWidget(list, 1);
  layout->addWidget(always_);
  layout->addWidget(timeout_label_);
  layout->addWidget(buttons);
  setMinimumSize(420, 360);
  // Once the buttons are in the dialog, so it keeps this one as its default.
  QPushButton* default_button = changed ? decline_ : accept_;
  default_button->setDefault(true);
  default_button->setFocus();

  countdown_.setInterval(std::chrono::seconds(1));
  connect(&countdown_, &QTimer::timeout, this, &OfferDialog::tick);
  countdown_.start();
  show_time_left();
}

QWidget* OfferDialog::impostor_warning_box(const QString& name) {
  warning_ =
      wrapped_label(tr("<b>Warning:</b> this device uses the name “%1” of a device you pinned, but has a different "
                       "identity: it may be an impostor. Accept only if you know why its identity changed (Ferry "
                       "reinstalled there, say) and its code is the one its Ferry shows.")
                        .arg(name.toHtmlEscaped()));
  auto* icon = new QLabel;
  icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32));
  auto* box = new WarningFrame;
  auto* row = new QHBoxLayout(box);
  row->addWidget(icon, 0, Qt::AlignTop);
  row->addWidget(warning_, 1);
  return box;
}

void OfferDialog::tick() {
  if (--seconds_left_ > 0) return show_time_left();
  answered_ = true;
  countdown_.stop();
  emit timed_out(id_);
  QDialog::done(QDialog::Rejected);
}

void OfferDialog::show_time_left() {
  timeout_label_->setText(tr("Declined automatically in %1.").arg(human_duration(seconds_left_)));
}

// Answers once; every later call only closes. done() hides the dialog (and
// deletes it), where close() would come back through closeEvent() → reject().
void OfferDialog::answer(bool accept) {
  if (!answered_) {
    answered_ = true;
    countdown_.stop();
    emit answered(id_, accept, accept && always_->isChecked());
  }
  QDialog::done(accept ? QDialog::Accepted : QDialog::Rejected);
}

void OfferDialog::withdraw() {
  answered_ = true;
  countdown_.stop();
  QDialog::done(QDialog::Rejected);
}

// Escape, Alt+F4 and the title bar's close button all end here (QDialog's
// closeEvent() rejects a visible dialog): they decline.
void OfferDialog::reject() { answer(false); }

}  // namespace ferry::gui
