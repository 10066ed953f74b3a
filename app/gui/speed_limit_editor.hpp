// SPDX-License-Identifier: Apache-2.0
#pragma once
// An upload speed limit in MiB/s, as the transfer list shows speeds: a check
// box that turns it on (off: no limit) and the value beside it, 0.1 … 10000
// MiB/s. Used by Settings (all transfers together) and by a transfer's own
// "Limit Speed…".
#include <QWidget>

#include <cstdint>

class QCheckBox;
class QDoubleSpinBox;

namespace ferry::gui {

class SpeedLimitEditor : public QWidget {
  Q_OBJECT

 public:
  // The check box's text (with its access key) is its user's to set.
  explicit SpeedLimitEditor(QWidget* parent = nullptr);

  // Bytes per second; 0 when off.
  std::uint64_t limit() const;
  void set_limit(std::uint64_t bytes_per_second);
  QCheckBox* check_box() const { return enabled_; }
  QDoubleSpinBox* spin_box() const { return value_; }

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();

  QCheckBox* enabled_ = nullptr;
  QDoubleSpinBox* value_ = nullptr;
};

}  // namespace ferry::gui
