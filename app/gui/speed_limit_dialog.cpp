// SPDX-License-Identifier: Apache-2.0
#include "speed_limit_dialog.hpp"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include "format.hpp"
#include "speed_limit_editor.hpp"

namespace ferry::gui {

SpeedLimitDialog::SpeedLimitDialog(const QString& peer, std::uint64_t current, std::uint64_t shared, QWidget* parent)
    : QDialog(parent), peer_(peer), shared_(shared) {
  about_ = new QLabel;
  about_->setWordWrap(true);
  editor_ = new SpeedLimitEditor;
  editor_->set_limit(current);
  together_ = new QLabel;
  together_->setWordWrap(true);
  together_->setForegroundRole(QPalette::PlaceholderText);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(about_);
  layout->addWidget(editor_);
  layout->addWidget(together_);
  layout->addWidget(buttons);
  setMinimumWidth(360);
  retranslate();
  editor_->check_box()->setFocus();
}

void SpeedLimitDialog::retranslate() {
  setWindowTitle(tr("Limit Speed"));
  about_->setText(tr("How fast this transfer to %1 may send, from now on.").arg(peer_));
  editor_->check_box()->setText(tr("&Limit this transfer to"));
  editor_->check_box()->setAccessibleName(tr("Limit this transfer's speed"));
  together_->setText(
      shared_ > 0
          ? tr("All transfers together send at most %1 (Settings).").arg(human_speed(static_cast<double>(shared_)))
          : tr("All transfers together: no limit (Settings can set one)."));
}

void SpeedLimitDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

std::uint64_t SpeedLimitDialog::limit() const { return editor_->limit(); }

}  // namespace ferry::gui
