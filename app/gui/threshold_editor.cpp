// SPDX-License-Identifier: Apache-2.0
#include "threshold_editor.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

#include "app_settings.hpp"

namespace ferry::gui {

namespace {

constexpr std::uint64_t kMiB = 1ull << 20;
// Slider steps per doubling: 1 MiB at 0, 4 GiB (2^12 MiB) at 12 * kStepsPerDoubling.
constexpr int kStepsPerDoubling = 4;

int slider_position(int mebibytes) {
  return static_cast<int>(std::lround(std::log2(std::max(mebibytes, 1)) * kStepsPerDoubling));
}

int mebibytes_at(int position) {
  return static_cast<int>(std::lround(std::exp2(static_cast<double>(position) / kStepsPerDoubling)));
}

}  // namespace

ThresholdEditor::ThresholdEditor(QWidget* parent) : QWidget(parent) {
  slider_ = new QSlider(Qt::Horizontal);
  slider_->setRange(0, slider_position(static_cast<int>(kMaxThreshold / kMiB)));
  spin_ = new QSpinBox;
  spin_->setRange(static_cast<int>(kMinThreshold / kMiB), static_cast<int>(kMaxThreshold / kMiB));
  reset_ = new QPushButton;
  explanation_ = new QLabel;
  explanation_->setWordWrap(true);

  connect(slider_, &QSlider::valueChanged, this, [this](int position) {
    const QSignalBlocker block(spin_);
    spin_->setValue(mebibytes_at(position));
    emit threshold_changed(threshold());
  });
  connect(spin_, &QSpinBox::valueChanged, this, [this](int mebibytes) {
    const QSignalBlocker block(slider_);
    slider_->setValue(slider_position(mebibytes));
    emit threshold_changed(threshold());
  });
  connect(reset_, &QPushButton::clicked, this, [this] { set_threshold(kDefaultDirectThreshold); });

  auto* row = new QHBoxLayout;
  row->addWidget(slider_, 1);
  row->addWidget(spin_);
  row->addWidget(reset_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(row);
  layout->addWidget(explanation_);
  set_threshold(kDefaultDirectThreshold);
  retranslate();
}

void ThresholdEditor::retranslate() {
  slider_->setAccessibleName(tr("Direct I/O threshold"));
  spin_->setSuffix(tr(" MiB"));
  spin_->setAccessibleName(tr("Direct I/O threshold in MiB"));
  reset_->setText(tr("Reset to &default"));
  explanation_->setText(
      tr("Files below the threshold go zero-copy through the page cache: fastest for small, "
         "often-used files. Files at or above it use direct I/O, which keeps huge files from "
         "pushing everything else out of the page cache."));
}

void ThresholdEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

std::uint64_t ThresholdEditor::threshold() const { return static_cast<std::uint64_t>(spin_->value()) * kMiB; }

void ThresholdEditor::set_threshold(std::uint64_t bytes) {
  spin_->setValue(static_cast<int>(std::clamp(bytes, kMinThreshold, kMaxThreshold) / kMiB));
}

}  // namespace ferry::gui
