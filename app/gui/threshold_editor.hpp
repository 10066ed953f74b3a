// SPDX-License-Identifier: Apache-2.0
#pragma once
// The direct I/O threshold in human units: a slider on a log scale and a spin
// box in MiB (1 MiB … 4 GiB) kept in step, a sentence on the trade-off, and
// "Reset to default".
#include <QWidget>

#include <cstdint>

class QLabel;
class QSlider;
class QSpinBox;
class QPushButton;

namespace ferry::gui {

class ThresholdEditor : public QWidget {
  Q_OBJECT

 public:
  explicit ThresholdEditor(QWidget* parent = nullptr);

  std::uint64_t threshold() const;
  void set_threshold(std::uint64_t bytes);
  QSpinBox* spin_box() const { return spin_; }
  QSlider* slider() const { return slider_; }

 signals:
  void threshold_changed(std::uint64_t bytes);

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();

  QSlider* slider_ = nullptr;
  QSpinBox* spin_ = nullptr;
  QPushButton* reset_ = nullptr;
  QLabel* explanation_ = nullptr;
};

}  // namespace ferry::gui
