// SPDX-License-Identifier: Apache-2.0
#include "speed_limit_editor.hpp"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>

#include <algorithm>
#include <cmath>

namespace ferry::gui {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kLowest = 0.1;
constexpr double kHighest = 10000;
constexpr double kShownWhenOff = 10;  // what checking the box starts from

}  // namespace

SpeedLimitEditor::SpeedLimitEditor(QWidget* parent) : QWidget(parent) {
  enabled_ = new QCheckBox;
  value_ = new QDoubleSpinBox;
  value_->setRange(kLowest, kHighest);
  value_->setDecimals(1);
  value_->setSingleStep(1);
  connect(enabled_, &QCheckBox::toggled, value_, &QWidget::setEnabled);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(enabled_);
  row->addWidget(value_);
  row->addStretch(1);
  set_limit(0);
  retranslate();
}

void SpeedLimitEditor::retranslate() {
  value_->setSuffix(tr(" MiB/s"));
  value_->setAccessibleName(tr("Upload speed limit in MiB/s"));
}

void SpeedLimitEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

std::uint64_t SpeedLimitEditor::limit() const {
  if (!enabled_->isChecked()) return 0;
  return static_cast<std::uint64_t>(std::llround(value_->value() * kMiB));
}

void SpeedLimitEditor::set_limit(std::uint64_t bytes_per_second) {
  enabled_->setChecked(bytes_per_second > 0);
  value_->setEnabled(bytes_per_second > 0);
  value_->setValue(bytes_per_second > 0 ? std::clamp(static_cast<double>(bytes_per_second) / kMiB, kLowest, kHighest)
                                        : kShownWhenOff);
}

}  // namespace ferry::gui
