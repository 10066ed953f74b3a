// SPDX-License-Identifier: Apache-2.0
#include "send_text_dialog.hpp"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cstdint>

#include "format.hpp"

namespace ferry::gui {

SendTextDialog::SendTextDialog(const QString& whom, QWidget* parent) : QDialog(parent), whom_(whom) {
  editor_ = new QPlainTextEdit(QGuiApplication::clipboard()->text(), this);
  editor_->setTabChangesFocus(true);  // Tab reaches Send; a pasted text keeps its tabs
  prompt_ = new QLabel(this);
  prompt_->setBuddy(editor_);
  prompt_->setWordWrap(true);
  size_ = new QLabel(this);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  send_ = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  send_->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(editor_, &QPlainTextEdit::textChanged, this, &SendTextDialog::show_size);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(prompt_);
  layout->addWidget(editor_);
  layout->addWidget(size_);
  layout->addWidget(buttons);
  resize(520, 360);
  retranslate();
  editor_->setFocus();
}

void SendTextDialog::retranslate() {
  setWindowTitle(tr("Send Text to %1").arg(whom_));
  editor_->setAccessibleName(tr("Text to send"));
  prompt_->setText(tr("&Text for %1 (taken from the clipboard; edit it as you like):").arg(whom_));
  send_->setText(tr("&Send"));
  show_size();
}

void SendTextDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

QString SendTextDialog::text() const { return editor_->toPlainText(); }

// Exact bytes: "1.0 MiB" would hide one byte too many. Re-encoding a
// megabyte takes about a millisecond: fine on every keystroke.
void SendTextDialog::show_size() {
  const QString text = editor_->toPlainText();
  const qsizetype bytes = text.toUtf8().size();
  const QLocale locale;
  const QString limit =
      tr("%1 bytes (%2)").arg(locale.toString(kMaxBytes), human_bytes(static_cast<std::uint64_t>(kMaxBytes)));
  if (bytes > kMaxBytes)
    size_->setText(tr("Too long to send: %1 bytes, at most %2.").arg(locale.toString(bytes), limit));
  else
    size_->setText(tr("%n character(s), %1 of at most %2.", nullptr, static_cast<int>(text.size()))
                       .arg(locale.toString(bytes), limit));
  send_->setEnabled(bytes > 0 && bytes <= kMaxBytes);
}

}  // namespace ferry::gui
