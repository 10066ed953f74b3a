// SPDX-License-Identifier: Apache-2.0
#include "offer_dialog.hpp"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStorageInfo>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include "format.hpp"
#include "offer_tree_model.hpp"
#include "trust_format.hpp"
#include "warning_frame.hpp"

namespace ferry::gui {

namespace {

// Small offers open with their folders' first level shown; a large one
// opens folded, so the view never lays out more than it must.
constexpr int kUnfoldedEntries = 1000;

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

QString shown_folder(const std::filesystem::path& folder) {
  return QDir::toNativeSeparators(QString::fromStdU16String(folder.u16string()));
}

}  // namespace

OfferDialog::OfferDialog(const OfferReceived& offer, std::chrono::seconds timeout, QWidget* parent,
                         EngineSettings settings)
    : QDialog(parent),
      id_(offer.id),
      offer_(offer),
      seconds_left_(static_cast<int>(timeout.count())),
      settings_(std::move(settings)) {
  const QString sender = sender_name();
  const bool text_only = offer.entries->empty();
  setAttribute(Qt::WA_DeleteOnClose);

  auto* code = new QLabel(from_utf8(offer.identity.verification_code));
  code->setFont(code_font(1.6));
  code->setTextInteractionFlags(Qt::TextSelectableByMouse);
  mode_ = new QLabel;
  trust_ = wrapped_label(QString());
  form_ = new QFormLayout;
  const auto add_row = [this](QWidget* field) {
    auto* label = new QLabel;  // named by retranslate()
    label->setBuddy(field);
    form_->addRow(label, field);
  };
  add_row(plain_label(sender));
  add_row(plain_label(from_utf8(format_endpoint(offer.peer))));
  add_row(code);
  add_row(trust_);
  add_row(mode_);
  if (!offer.renamed.empty()) {
    renamed_ = wrapped_label(QString());
    add_row(renamed_);
  }

  always_ = new QCheckBox;
  timeout_label_ = new QLabel;
  auto* buttons = new QDialogButtonBox;
  accept_ = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  decline_ = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
  const bool changed = offer.identity.trust == PeerTrust::Changed;
  accept_->setAutoDefault(!changed);  // Enter never accepts a possible impostor, even with Accept focused
  connect(accept_, &QPushButton::clicked, this, [this] { answer(true); });
  connect(decline_, &QPushButton::clicked, this, [this] { answer(false); });

  auto* layout = new QVBoxLayout(this);
  if (changed) layout->addWidget(impostor_warning_box());
  layout->addLayout(form_);
  if (!offer.text.empty()) layout->addWidget(text_box(from_utf8(offer.text)), text_only ? 1 : 0);
  if (!text_only) layout->addWidget(tree_box(offer), 1);
  layout->addWidget(always_);
  layout->addWidget(timeout_label_);
  layout->addWidget(buttons);
  setMinimumSize(520, 520);
  // Before the focus goes to Accept: it also disables Accept when what is
  // ticked does not fit, and a disabled button must not hold the focus.
  retranslate();
  // Once the buttons are in the dialog, so it keeps this one as its default.
  QPushButton* default_button = changed ? decline_ : accept_;
  default_button->setDefault(true);
  default_button->setFocus();

  countdown_.setInterval(std::chrono::seconds(1));
  connect(&countdown_, &QTimer::timeout, this, &OfferDialog::tick);
  countdown_.start();
}

QString OfferDialog::sender_name() const {
  return from_utf8(offer_.device_name.empty() ? format_endpoint(offer_.peer) : offer_.device_name);
}

void OfferDialog::retranslate() {
  const QString sender = sender_name();
  setWindowTitle(offer_.entries->empty() ? tr("Incoming text from %1").arg(sender)
                                         : tr("Incoming files from %1").arg(sender));
  const QStringList rows = {tr("From:"),   tr("Address:"),  tr("Verification code:"),
                            tr("Device:"), tr("Transfer:"), tr("Names:")};
  for (int row = 0; row < form_->rowCount(); ++row)
    static_cast<QLabel*>(form_->itemAt(row, QFormLayout::LabelRole)->widget())->setText(rows[row]);
  trust_->setText(trust_sentence(offer_.identity));
  mode_->setText(mode_summary(offer_.mode));
  mode_->setToolTip(mode_explanation(offer_.mode));
  if (renamed_)
    renamed_->setText(
        tr("%n name(s) cannot be stored on this system as offered: "
           "saved under a safe name (see the list)",
           "", static_cast<int>(offer_.renamed.size())));
  if (warning_)
    warning_->setText(tr("<b>Warning:</b> this device uses the name “%1” of a device you pinned, but has a different "
                         "identity: it may be an impostor. Accept only if you know why its identity changed (Ferry "
                         "reinstalled there, say) and its code is the one its Ferry shows.")
                          .arg(from_utf8(offer_.device_name).toHtmlEscaped()));
  always_->setText(tr("Al&ways accept from this device"));
  always_->setToolTip(
      tr("Pins this device's identity: its offers are accepted without asking from now on "
         "(Settings → Pinned devices)."));
  accept_->setText(tr("&Accept"));
  decline_->setText(tr("&Decline"));
  if (text_) {
    text_->setAccessibleName(tr("Message from the sender"));
    copy_->setText(tr("&Copy"));
    copy_->setToolTip(tr("Copies the message to the clipboard"));
    message_title_->setText(tr("&Message:"));
  }
  if (tree_) {
    tree_->setAccessibleName(tr("Offered files"));
    files_title_->setText(tr("&Files to receive:"));
    model_->retranslate();
    save_to_->setText(tr("&Save to…"));
    save_to_->setToolTip(tr("Saves this transfer into another folder"));
    show_selection();
    show_folder();
  }
  show_time_left();
}

void OfferDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

// The sender's message, read-only and plain (never rich text), with Copy.
QWidget* OfferDialog::text_box(const QString& text) {
  text_ = new QPlainTextEdit(text);
  text_->setReadOnly(true);
  text_->setTabChangesFocus(true);
  copy_ = new QPushButton;
  copy_->setAutoDefault(false);
  connect(copy_, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(text_->toPlainText()); });
  auto* box = new QWidget;
  auto* column = new QVBoxLayout(box);
  column->setContentsMargins(0, 0, 0, 0);
  message_title_ = new QLabel;
  message_title_->setBuddy(text_);
  auto* row = new QHBoxLayout;
  row->addWidget(message_title_, 1);
  row->addWidget(copy_);
  column->addLayout(row);
  column->addWidget(text_);
  return box;
}

// What is offered, to tick, with the totals of what is ticked and where it goes.
QWidget* OfferDialog::tree_box(const OfferReceived& offer) {
  model_ = new OfferTreeModel(offer.entries, offer.renamed, this);
  tree_ = new QTreeView;
  tree_->setUniformRowHeights(true);
  tree_->setModel(model_);
  tree_->header()->setStretchLastSection(false);
  tree_->header()->setSectionResizeMode(OfferTreeModel::NameColumn, QHeaderView::Stretch);
  tree_->header()->setSectionResizeMode(OfferTreeModel::SizeColumn, QHeaderView::ResizeToContents);
  tree_->header()->setSectionResizeMode(OfferTreeModel::FilesColumn, QHeaderView::ResizeToContents);
  if (offer.entries->size() <= static_cast<std::size_t>(kUnfoldedEntries)) tree_->expandToDepth(0);
  tree_->setCurrentIndex(model_->index(0, OfferTreeModel::NameColumn));
  connect(model_, &OfferTreeModel::selection_changed, this, &OfferDialog::show_selection);

  files_title_ = new QLabel;
  files_title_->setBuddy(tree_);
  selection_ = new QLabel;
  space_ = wrapped_label(QString());
  auto* box = new QWidget;
  auto* column = new QVBoxLayout(box);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(files_title_);
  column->addWidget(tree_, 1);
  column->addWidget(selection_);
  column->addWidget(space_);
  column->addWidget(folder_row());
  return box;
}

QWidget* OfferDialog::folder_row() {
  folder_label_ = new QLabel;
  folder_label_->setTextFormat(Qt::PlainText);
  folder_label_->setWordWrap(true);
  save_to_ = new QPushButton;
  save_to_->setAutoDefault(false);
  connect(save_to_, &QPushButton::clicked, this, &OfferDialog::ask_folder);
  refusal_ = wrapped_label(QString());
  refusal_->setTextFormat(Qt::PlainText);
  refusal_->hide();
  auto* box = new QWidget;
  auto* grid = new QVBoxLayout(box);
  grid->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  row->addWidget(folder_label_, 1);
  row->addWidget(save_to_);
  grid->addLayout(row);
  grid->addWidget(refusal_);
  return box;
}

void OfferDialog::show_selection() {
  selection_->setText(tr("Receive %1 of %Ln file(s), %2", "", static_cast<int>(model_->files()))
                          .arg(QLocale().toString(model_->files_taken()), human_bytes(model_->bytes_taken())));
  const bool fits = show_space();
  accept_->setEnabled(!model_->nothing_taken() && fits);
}

// Whether what is ticked fits in the folder's free space, as far as known:
// the engine declines an answer whose part does not (NoSpace).
bool OfferDialog::show_space() {
  // The copies held are known of the receive folder only: in a folder chosen
  // the engine looks for them once accepted, so the need here errs on the safe side.
  const bool chosen = !folder_.empty() && folder_ != settings_.receive_dir;
  const std::optional<std::uint64_t> free = chosen ? chosen_free_ : offer_.free_bytes;
  space_->setVisible(free.has_value());
  if (!free) return true;
  // Without held bytes the ticked sizes are the need: no walk of a large offer per click.
  const std::uint64_t needed = chosen || offer_.held.empty()
                                   ? model_->bytes_taken()
                                   : bytes_needed(*offer_.entries, offer_.held, model_->take());
  const bool fits = needed <= *free;
  space_->setText(fits ? tr("%1 free on this disk").arg(human_bytes(*free))
                       : tr("Needs %1 more than the %2 free on this disk: untick some files, or save to another disk.")
                             .arg(human_bytes(needed - *free), human_bytes(*free)));
  return fits;
}

void OfferDialog::show_folder() {
  const std::filesystem::path& folder = folder_.empty() ? settings_.receive_dir : folder_;
  folder_label_->setText(folder.empty() ? tr("Folder: the receive folder")
                                        : tr("Folder: %1").arg(shown_folder(folder)));
}

// Window-modal and not blocking: should the offer time out or be withdrawn
// meanwhile, the folder dialog goes with it.
void OfferDialog::ask_folder() {
  const std::filesystem::path& start = folder_.empty() ? settings_.receive_dir : folder_;
  auto* dialog = new QFileDialog(this, tr("Save This Transfer To"), QString::fromStdU16String(start.u16string()));
  dialog->setFileMode(QFileDialog::Directory);
  dialog->setOption(QFileDialog::ShowDirsOnly);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QFileDialog::fileSelected, this, &OfferDialog::choose_folder);
  dialog->open();
}

// The engine refuses a folder its writes are not allowed into: better said
// here, before the transfer is accepted, than as a failed transfer after.
bool OfferDialog::choose_folder(const QString& folder) {
  const std::filesystem::path path(QDir::cleanPath(folder).toStdU16String());
  QString why;
  if (!QFileInfo(folder).isDir()) {
    why = tr("%1 is not a folder: this transfer still goes to the folder above.").arg(QDir::toNativeSeparators(folder));
  } else if (!may_save_to(settings_, path)) {
    why = tr("Ferry cannot save into %1: it writes only into the receive folder (%2) and the folders inside it. "
             "Choose a folder there, or change the receive folder in Settings.")
              .arg(QDir::toNativeSeparators(folder), shown_folder(settings_.receive_dir));
  }
  refusal_->setText(why);
  refusal_->setVisible(!why.isEmpty());
  if (!why.isEmpty()) return false;
  folder_ = path;
  show_folder();
  // Another disk, maybe.
  const QStorageInfo disk(folder);
  chosen_free_ = disk.isValid() && disk.isReady() ? std::optional<std::uint64_t>(disk.bytesAvailable()) : std::nullopt;
  if (model_) show_selection();
  return true;
}

QWidget* OfferDialog::impostor_warning_box() {
  warning_ = wrapped_label(QString());
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
    OfferAnswer reply{accept, {}, {}};
    if (accept && model_) {
      reply.take = model_->take();
      reply.folder = folder_;
    }
    emit answered(id_, reply, accept && always_->isChecked());
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
