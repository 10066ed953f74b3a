// SPDX-License-Identifier: Apache-2.0
#include "speed_limit_dialog.hpp"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "format.hpp"
#include "speed_limit_editor.hpp"

namespace ferry::gui {

SpeedLimitDialog::SpeedLimitDialog(const QString& peer, std::uint64_t current, std::uint64_t shared, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Limit Speed"));
  auto* about = new QLabel(tr("How fast this transfer to %1 may send, from now on.").arg(peer));
  about->setWordWrap(true);
  editor_ = new SpeedLimitEditor(tr("&Limit this transfer to"));
  editor_->set_limit(current);
  editor_->check_box()->setAccessibleName(tr("Limit this transfer's speed"));
  auto* together = new QLabel(
      shared > 0
          ? tr("All transfers together send at most %1 (Settings).").arg(human_speed(static_cast<double>(shared)))
          : tr("All transfers together: no limit (Settings can set one)."));
  together->setWordWrap(true);
  together->setForegroundRole(QPalette::PlaceholderText);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(about);
  layout->addWidget(editor_);
  layout->addWidget(together);
  layout->addWidget(buttons);
  setMinimumWidth(360);
  editor_->check_box()->setFocus();
}

std::uint64_t SpeedLimitDialog::limit() const { return editor_->limit(); }

}  // namespace ferry::gui
